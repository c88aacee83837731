#include "dicom/limits/FileStructure.h"

#include <dcmtk/dcmdata/dctag.h>
#include <dcmtk/dcmdata/dcvr.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <memory>

namespace nbra::dicom {
namespace {

// The rule this walk keeps: wherever it cannot be sure how DCMTK would read a byte, it either
// follows the deeper reading or refuses the file. It never skips bytes DCMTK might parse as
// nested sequences. (Refusing a strange but harmless file is the cheaper mistake.)

constexpr std::uint32_t kUndefinedLength = 0xFFFFFFFFu;
constexpr const char* kDeflatedTransferSyntax = "1.2.840.10008.1.2.1.99";
constexpr const char* kBigEndianTransferSyntax = "1.2.840.10008.1.2.2";
constexpr const char* kImplicitTransferSyntax = "1.2.840.10008.1.2";
constexpr const char* kExplicitTransferSyntax = "1.2.840.10008.1.2.1";

// Bytes to walk: a file read through stdio (values are skipped with a seek, never read) or a
// buffer in memory (tests, fuzzing, an inflated dataset).
class Source {
 public:
  virtual ~Source() = default;
  virtual bool read(void* out, std::size_t count) = 0;
  virtual bool seek(std::uint64_t position) = 0;
  virtual std::uint64_t position() const = 0;
  virtual std::uint64_t size() const = 0;
};

// A file read in 64 KiB blocks with pread: skipping a value only moves the position, so the
// element headers of a file are read with a few system calls, not one per element.
class FileSource final : public Source {
 public:
  explicit FileSource(int fd) : fd_(fd) {
    struct stat info {};
    if (::fstat(fd_, &info) == 0)
      size_ = static_cast<std::uint64_t>(info.st_size);
  }
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  bool read(void* out, std::size_t count) override {
    if (count > size_ - position_)
      return false;
    auto* target = static_cast<std::uint8_t*>(out);
    while (count > 0) {
      if (position_ < bufferStart_ || position_ >= bufferStart_ + bufferLength_) {
        const ssize_t got =
            ::pread(fd_, buffer_.data(), buffer_.size(), static_cast<off_t>(position_));
        if (got <= 0)
          return false;
        bufferStart_ = position_;
        bufferLength_ = static_cast<std::uint64_t>(got);
      }
      const std::uint64_t offset = position_ - bufferStart_;
      const auto chunk =
          static_cast<std::size_t>(std::min<std::uint64_t>(count, bufferLength_ - offset));
      std::memcpy(target, buffer_.data() + offset, chunk);
      target += chunk;
      position_ += chunk;
      count -= chunk;
    }
    return true;
  }
  bool seek(std::uint64_t position) override {
    if (position > size_)
      return false;
    position_ = position;
    return true;
  }
  std::uint64_t position() const override { return position_; }
  std::uint64_t size() const override { return size_; }

 private:
  int fd_;
  std::uint64_t size_ = 0;
  std::uint64_t position_ = 0;
  std::array<std::uint8_t, 65536> buffer_{};
  std::uint64_t bufferStart_ = 0;
  std::uint64_t bufferLength_ = 0;
};

class MemorySource final : public Source {
 public:
  MemorySource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool read(void* out, std::size_t count) override {
    if (count > size_ - position_)
      return false;
    if (count)
      std::memcpy(out, data_ + position_, count);
    position_ += count;
    return true;
  }
  bool seek(std::uint64_t position) override {
    if (position > size_)
      return false;
    position_ = static_cast<std::size_t>(position);
    return true;
  }
  std::uint64_t position() const override { return position_; }
  std::uint64_t size() const override { return size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t position_ = 0;
};

std::uint16_t u16(const std::uint8_t* b, bool big) {
  return big ? static_cast<std::uint16_t>(b[0] << 8 | b[1])
             : static_cast<std::uint16_t>(b[1] << 8 | b[0]);
}
std::uint32_t u32(const std::uint8_t* b, bool big) {
  return big ? (std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 |
                b[3])
             : (std::uint32_t{b[3]} << 24 | std::uint32_t{b[2]} << 16 | std::uint32_t{b[1]} << 8 |
                b[0]);
}

// DCMTK's reading of the two VR bytes (its VR and whether the length takes 4 bytes), for every
// possible pair, computed once: DcmVR's own lookup is a search by name.
struct VrReading {
  DcmEVR vr;
  bool longLength;
};
const VrReading& vrReading(std::uint8_t first, std::uint8_t second) {
  static const std::vector<VrReading> table = [] {
    std::vector<VrReading> t(65536);
    for (int a = 0; a < 256; ++a) {
      for (int b = 0; b < 256; ++b) {
        const char name[3] = {static_cast<char>(a), static_cast<char>(b), '\0'};
        const DcmVR vr(name);
        t[static_cast<std::size_t>(a << 8 | b)] = {vr.getEVR(),
                                                   vr.usesExtendedLengthEncoding() != 0};
      }
    }
    return t;
  }();
  return table[static_cast<std::size_t>(first << 8 | second)];
}

std::string hex4(std::uint16_t v) {
  char text[8];
  std::snprintf(text, sizeof(text), "%04X", v);
  return text;
}

std::string tagAt(std::uint16_t group, std::uint16_t element, std::uint64_t at) {
  return "(" + hex4(group) + "," + hex4(element) + ") at byte " + std::to_string(at);
}

// How a dataset is encoded: what the transfer syntax says, or one of DCMTK's guesses.
struct Encoding {
  bool explicitVr = true;
  bool bigEndian = false;
};

enum class Kind { Sequence, Item, Fragments };

struct Container {
  Kind kind;
  bool undefinedLength;
  std::uint64_t end;    // when the length is defined
  std::uint64_t limit;  // where an element inside must end: the innermost defined item's end
  Encoding encoding;    // of what it holds (an undefined-length UN holds implicit little endian)
};

// The walk of one dataset in one encoding, from `start` to the end of the source.
class DatasetWalk {
 public:
  DatasetWalk(Source& in, const ResourcePolicy& policy, Encoding encoding)
      : in_(in), policy_(policy), top_(encoding) {}

  // The problem, or nullopt.
  std::optional<std::string> walk(std::uint64_t start) {
    if (!in_.seek(start))
      return std::nullopt;
    return loop();
  }
  bool refusedForDepth() const { return depthProblem_; }

 private:
  Encoding current() const { return stack_.empty() ? top_ : stack_.back().encoding; }
  std::uint64_t limit() const { return stack_.empty() ? in_.size() : stack_.back().limit; }

  std::optional<std::string> push(Kind kind, bool undefinedLength, std::uint64_t end,
                                  Encoding encoding) {
    std::uint64_t itemLimit = limit();
    if (kind == Kind::Item && !undefinedLength)
      itemLimit = end;
    stack_.push_back({kind, undefinedLength, end, itemLimit, encoding});
    if (kind == Kind::Sequence && ++depth_ > policy_.maxSequenceDepth) {
      depthProblem_ = true;
      return "sequences are nested more than " + std::to_string(policy_.maxSequenceDepth) +
             " deep (at byte " + std::to_string(in_.position()) +
             "); DCMTK's parser recurses once per level and could overflow its stack";
    }
    return std::nullopt;
  }
  void pop() {
    if (stack_.back().kind == Kind::Sequence)
      --depth_;
    stack_.pop_back();
  }

  std::optional<std::string> loop() {
    for (;;) {
      while (!stack_.empty() && !stack_.back().undefinedLength &&
             in_.position() >= stack_.back().end) {
        pop();
      }
      const std::uint64_t at = in_.position();
      std::uint8_t tag[4];
      if (!in_.read(tag, 4))
        return std::nullopt;  // the end (stray bytes: DCMTK's call)
      const bool big = current().bigEndian;
      const std::uint16_t group = u16(tag, big);
      const std::uint16_t element = u16(tag + 2, big);
      auto problem =
          group == 0xFFFE ? delimiterOrItem(element, at) : ordinaryElement(group, element, at);
      if (problem)
        return problem;
    }
  }

  std::optional<std::string> delimiterOrItem(std::uint16_t element, std::uint64_t at) {
    const auto where = [&] { return tagAt(0xFFFE, element, at); };
    std::uint8_t b[4];
    if (!in_.read(b, 4))
      return where() + ": the file ends inside it";
    const std::uint32_t length = u32(b, current().bigEndian);
    const Container* top = stack_.empty() ? nullptr : &stack_.back();
    if (element == 0xE000) {
      if (!top || top->kind == Kind::Item)
        return "item " + where() + " is outside any sequence";
      if (top->kind == Kind::Fragments) {
        if (length == kUndefinedLength || length > in_.size() - in_.position()) {
          return "pixel data fragment " + where() + " runs past the end of the file";
        }
        in_.seek(in_.position() + length);
        return std::nullopt;
      }
      // Not cut to its sequence: DCMTK reads an item whole, whatever the sequence's length. One
      // longer than the file ends with the file (DCMTK reads such DICOMDIRs); nothing lies past.
      const std::uint64_t end =
          length == kUndefinedLength
              ? 0
              : in_.position() + std::min<std::uint64_t>(length, in_.size() - in_.position());
      return push(Kind::Item, length == kUndefinedLength, end, top->encoding);
    }
    if (element == 0xE00D) {  // item delimitation: must close an undefined-length item
      if (!top)
        return std::nullopt;  // at the top level DCMTK ignores it
      if (top->kind != Kind::Item || !top->undefinedLength) {
        return "item delimiter " + where() + " closes no undefined-length item";
      }
      pop();
      return std::nullopt;
    }
    if (element == 0xE0DD) {  // sequence delimitation: must close an undefined-length sequence
      if (!top)
        return std::nullopt;
      if (top->kind == Kind::Item || !top->undefinedLength) {
        return "sequence delimiter " + where() + " closes no undefined-length sequence";
      }
      pop();
      return std::nullopt;
    }
    return "unknown delimitation tag " + where();
  }

  std::optional<std::string> ordinaryElement(std::uint16_t group, std::uint16_t element,
                                             std::uint64_t at) {
    // The place is written out only for a message.
    const auto where = [&] { return tagAt(group, element, at); };
    const Encoding here = current();
    if (!stack_.empty() && stack_.back().kind == Kind::Fragments) {
      return "element " + where() + " inside encapsulated pixel data";
    }
    DcmEVR vr = EVR_UNKNOWN;
    std::uint32_t length = 0;
    std::uint8_t b[4];
    if (here.explicitVr) {
      if (!in_.read(b, 2))
        return where() + ": the file ends inside it";
      const VrReading& parsed = vrReading(b[0], b[1]);  // DCMTK's, unknown VRs included
      vr = parsed.vr;
      if (parsed.longLength) {
        if (!in_.read(b, 2) || !in_.read(b, 4))
          return where() + ": the file ends inside it";
        length = u32(b, here.bigEndian);
      } else {
        if (!in_.read(b, 2))
          return where() + ": the file ends inside it";
        length = u16(b, here.bigEndian);
      }
    } else {
      if (!in_.read(b, 4))
        return where() + ": the file ends inside it";
      length = u32(b, here.bigEndian);
      vr = DcmTag(group, element).getEVR();
    }
    const bool pixelData = group == 0x7FE0 && element == 0x0010;
    const bool fragmentsVr = !here.explicitVr || vr == EVR_OB || vr == EVR_OW || vr == EVR_ox ||
                             vr == EVR_px || vr == EVR_UNKNOWN;
    // An undefined-length UN, or a defined-length UN of a tag the dictionary knows as a
    // sequence, holds implicit little endian (PS3.5 6.2.2).
    const Encoding unknownContents{false, false};
    const bool unknown = vr == EVR_UN;
    if (length == kUndefinedLength) {
      if (pixelData && fragmentsVr && vr != EVR_UN) {
        return push(Kind::Fragments, true, 0, here);
      }
      return push(Kind::Sequence, true, 0, unknown ? unknownContents : here);
    }
    const std::uint64_t end = in_.position() + length;
    if (length > limit() - std::min(limit(), in_.position())) {
      return where() + ": its length " + std::to_string(length) +
             " runs past the end of the item or file that holds it";
    }
    if (vr == EVR_SQ)
      return push(Kind::Sequence, false, end, here);
    if (unknown && DcmTag(group, element).getEVR() == EVR_SQ) {
      return push(Kind::Sequence, false, end, unknownContents);
    }
    if ((unknown || (!here.explicitVr && (group & 1) != 0)) && length >= 8 &&
        looksLikeItem(here.bigEndian && !unknown)) {
      // A private or unknown value that starts like an item: a private dictionary may make
      // DCMTK parse it as a sequence, so it is walked as one.
      return push(Kind::Sequence, false, end, unknown ? unknownContents : here);
    }
    in_.seek(end);
    return std::nullopt;
  }

  bool looksLikeItem(bool big) {
    const std::uint64_t at = in_.position();
    std::uint8_t b[4];
    const bool item = in_.read(b, 4) && u16(b, big) == 0xFFFE && u16(b + 2, big) == 0xE000;
    in_.seek(at);
    return item;
  }

  Source& in_;
  const ResourcePolicy& policy_;
  Encoding top_;
  std::vector<Container> stack_;
  int depth_ = 0;
  bool depthProblem_ = false;
};

// The file as a whole: preamble, meta group, then the dataset in each encoding DCMTK might read
// it with.
class FileWalk {
 public:
  FileWalk(Source& in, const ResourcePolicy& policy) : in_(in), policy_(policy) {}

  std::optional<std::string> walk() {
    std::uint8_t head[132];
    std::uint64_t start = 0;
    if (in_.size() >= 132 && in_.read(head, 132) && std::memcmp(head + 128, "DICM", 4) == 0) {
      start = 132;
    }
    std::uint8_t first[2];
    in_.seek(start);
    bool meta = in_.read(first, 2) && u16(first, false) == 0x0002;
    std::uint64_t datasetStart = start;
    if (meta) {
      if (auto problem = readMetaGroup(start, datasetStart))
        return problem;
    }
    if (transferSyntax_ == kDeflatedTransferSyntax)
      return walkDeflated(datasetStart);

    // A named transfer syntax is how DCMTK reads the dataset; without one (no meta group, an
    // empty or unknown UID) DCMTK guesses, and a caller may force implicit little endian: every
    // guess is walked, and a depth problem in any of them refuses the file.
    std::vector<Encoding> encodings;
    bool certain = true;
    if (transferSyntax_ == kImplicitTransferSyntax) {
      encodings = {{false, false}};
    } else if (transferSyntax_ == kBigEndianTransferSyntax) {
      encodings = {{true, true}};
    } else if (transferSyntax_.rfind("1.2.840.10008.1.2.", 0) == 0 ||
               transferSyntax_ == kExplicitTransferSyntax) {
      encodings = {{true, false}};
    } else {
      certain = false;
      encodings = {{true, false}, {false, false}, {true, true}};
    }
    for (const Encoding& e : encodings) {
      DatasetWalk walk(in_, policy_, e);
      auto problem = walk.walk(datasetStart);
      // A guess that does not fit the file is not how DCMTK reads it: only its depth counts.
      if (problem && (certain || walk.refusedForDepth()))
        return problem;
    }
    if (meta) {
      // DCMTK reads the meta group up to its group length, whatever that covers: walked from
      // its start as explicit little endian too, for depth.
      DatasetWalk walk(in_, policy_, Encoding{true, false});
      auto problem = walk.walk(start);
      if (problem && walk.refusedForDepth())
        return problem;
    }
    return std::nullopt;
  }

 private:
  // The meta group: explicit VR little endian, ended by its group length when it has one (as
  // DCMTK ends it), else where group 0002 ends.
  std::optional<std::string> readMetaGroup(std::uint64_t start, std::uint64_t& datasetStart) {
    in_.seek(start);
    std::uint64_t groupEnd = 0;  // 0: no group length seen
    std::uint64_t at = start;
    for (;;) {
      at = in_.position();
      if (groupEnd != 0 && at >= groupEnd)
        break;
      std::uint8_t b[8];
      if (!in_.read(b, 8) || u16(b, false) != 0x0002)
        break;
      const std::uint16_t element = u16(b + 2, false);
      std::uint32_t length = u16(b + 6, false);
      const char name[3] = {static_cast<char>(b[4]), static_cast<char>(b[5]), '\0'};
      if (!std::isupper(b[4]) || !std::isupper(b[5])) {
        length = u32(b + 4, false);  // an implicit VR meta group (some old writers)
      } else if (DcmVR(name).usesExtendedLengthEncoding()) {
        std::uint8_t l[4];
        if (!in_.read(l, 4))
          return "the file ends inside its meta header";
        length = u32(l, false);
      }
      if (length == kUndefinedLength || length > in_.size() - in_.position()) {
        return "meta header element " + tagAt(0x0002, element, at) +
               " runs past the end of the file";
      }
      const std::uint64_t valueAt = in_.position();
      if (element == 0x0000 && length == 4) {
        std::uint8_t l[4];
        in_.read(l, 4);
        groupEnd = valueAt + 4 + u32(l, false);
      } else if (element == 0x0010 && length <= 64) {
        char uid[65] = {};
        in_.read(uid, length);
        std::string text(uid, length);
        while (!text.empty() && (text.back() == '\0' || text.back() == ' '))
          text.pop_back();
        transferSyntax_ = text;
      }
      in_.seek(valueAt + length);
    }
    datasetStart = groupEnd != 0 ? std::min(groupEnd, in_.size()) : at;
    return std::nullopt;
  }

  // A deflated dataset is inflated in memory, in chunks, up to the policy's bound.
  std::optional<std::string> walkDeflated(std::uint64_t datasetStart) {
    in_.seek(datasetStart);
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
      return "cannot start inflating the dataset";
    std::vector<std::uint8_t> inflated;
    std::array<std::uint8_t, 65536> input{};
    std::array<std::uint8_t, 65536> output{};
    int status = Z_OK;
    while (status != Z_STREAM_END) {
      if (z.avail_in == 0) {
        const std::uint64_t left = in_.size() - in_.position();
        const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(left, input.size()));
        if (count == 0 || !in_.read(input.data(), count))
          break;  // truncated: walk what we have
        z.next_in = input.data();
        z.avail_in = static_cast<uInt>(count);
      }
      z.next_out = output.data();
      z.avail_out = static_cast<uInt>(output.size());
      status = inflate(&z, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
        inflateEnd(&z);
        return "the deflated dataset is corrupt";
      }
      inflated.insert(inflated.end(), output.data(), output.data() + (output.size() - z.avail_out));
      if (inflated.size() > policy_.maxInflatedBytes) {
        inflateEnd(&z);
        return "the deflated dataset inflates to more than " +
               std::to_string(policy_.maxInflatedBytes >> 20) + " MiB";
      }
    }
    inflateEnd(&z);
    MemorySource memory(inflated.data(), inflated.size());
    DatasetWalk walk(memory, policy_, Encoding{true, false});
    return walk.walk(0);
  }

  Source& in_;
  const ResourcePolicy& policy_;
  std::string transferSyntax_;
};

}  // namespace

std::optional<std::string> fileStructureProblem(const std::string& path,
                                                const ResourcePolicy& policy) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;  // the loader names a missing or unreadable file itself
  auto source = std::make_unique<FileSource>(fd);  // its 64 KiB buffer is not for the stack
  return FileWalk(*source, policy).walk();
}

std::optional<std::string> bytesStructureProblem(const std::vector<std::uint8_t>& bytes,
                                                 const ResourcePolicy& policy) {
  MemorySource source(bytes.data(), bytes.size());
  return FileWalk(source, policy).walk();
}

}  // namespace nbra::dicom
