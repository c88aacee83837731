#include "dicom/limits/FileStructure.h"

#include <dcmtk/dcmdata/dctag.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <memory>

namespace nbra::dicom {
namespace {

constexpr std::uint32_t kUndefinedLength = 0xFFFFFFFFu;
constexpr const char* kDeflatedTransferSyntax = "1.2.840.10008.1.2.1.99";
constexpr const char* kBigEndianTransferSyntax = "1.2.840.10008.1.2.2";
constexpr const char* kImplicitTransferSyntax = "1.2.840.10008.1.2";

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

class FileSource final : public Source {
 public:
  explicit FileSource(std::FILE* file) : file_(file) {
    if (std::fseek(file_, 0, SEEK_END) == 0) size_ = static_cast<std::uint64_t>(std::ftell(file_));
    std::fseek(file_, 0, SEEK_SET);
  }
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  bool read(void* out, std::size_t count) override {
    if (position_ + count > size_ || std::fread(out, 1, count, file_) != count) return false;
    position_ += count;
    return true;
  }
  bool seek(std::uint64_t position) override {
    if (position > size_ || std::fseek(file_, static_cast<long>(position), SEEK_SET) != 0) {
      return false;
    }
    position_ = position;
    return true;
  }
  std::uint64_t position() const override { return position_; }
  std::uint64_t size() const override { return size_; }

 private:
  std::FILE* file_;
  std::uint64_t size_ = 0;
  std::uint64_t position_ = 0;
};

class MemorySource final : public Source {
 public:
  MemorySource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool read(void* out, std::size_t count) override {
    if (count > size_ - position_) return false;
    std::memcpy(out, data_ + position_, count);
    position_ += count;
    return true;
  }
  bool seek(std::uint64_t position) override {
    if (position > size_) return false;
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

bool isVrLetter(std::uint8_t c) { return c >= 'A' && c <= 'Z'; }

bool hasLongLength(const char vr[2]) {
  static constexpr std::array<const char*, 13> kLong{"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                                     "SV", "UC", "UN", "UR", "UT", "UV"};
  for (const char* v : kLong) {
    if (vr[0] == v[0] && vr[1] == v[1]) return true;
  }
  return false;
}

std::string hex4(std::uint16_t v) {
  char text[8];
  std::snprintf(text, sizeof(text), "%04X", v);
  return text;
}

enum class Kind { Sequence, Item, Fragments };

struct Container {
  Kind kind;
  bool undefinedLength;
  std::uint64_t end;  // when the length is defined
  bool explicitVr;
  bool speculative;  // a value that looked like a sequence but need not be one
};

class Walker {
 public:
  Walker(Source& in, const ResourcePolicy& policy) : in_(in), policy_(policy) {}

  std::optional<std::string> walk() {
    if (auto problem = readPreambleAndMeta()) return problem;
    if (notDicom_) return std::nullopt;
    if (transferSyntax_ == kDeflatedTransferSyntax) return walkDeflated();
    return walkDataset();
  }

 private:
  std::uint16_t u16(const std::uint8_t* b, bool big) const {
    return big ? static_cast<std::uint16_t>(b[0] << 8 | b[1])
               : static_cast<std::uint16_t>(b[1] << 8 | b[0]);
  }
  std::uint32_t u32(const std::uint8_t* b, bool big) const {
    return big ? (std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 |
                  b[3])
               : (std::uint32_t{b[3]} << 24 | std::uint32_t{b[2]} << 16 | std::uint32_t{b[1]} << 8 |
                  b[0]);
  }

  // Part 10 preamble and the explicit little-endian group 0002, or a bare dataset whose
  // encoding is guessed from its first element (as DCMTK's auto-detection does).
  std::optional<std::string> readPreambleAndMeta() {
    std::uint8_t head[132];
    std::uint64_t start = 0;
    if (in_.size() >= 132 && in_.read(head, 132) && std::memcmp(head + 128, "DICM", 4) == 0) {
      start = 132;
    }
    in_.seek(start);
    std::uint8_t first[8];
    if (!in_.read(first, 8)) {
      notDicom_ = start == 0;
      return start == 0 ? std::nullopt
                        : std::optional<std::string>("file ends inside its meta header");
    }
    in_.seek(start);
    if (u16(first, false) == 0x0002) {
      if (auto problem = readMetaGroup()) return problem;
    } else if (start == 0) {
      guessBareEncoding(first);
      return std::nullopt;
    }
    explicitVr_ = transferSyntax_ != kImplicitTransferSyntax;
    bigEndian_ = transferSyntax_ == kBigEndianTransferSyntax;
    if (transferSyntax_.empty()) {
      // No transfer syntax in the meta group: DCMTK looks at the dataset's first element.
      const std::uint64_t datasetStart = in_.position();
      std::uint8_t b[6];
      if (in_.read(b, 6)) explicitVr_ = isVrLetter(b[4]) && isVrLetter(b[5]);
      in_.seek(datasetStart);
    }
    return std::nullopt;
  }

  std::optional<std::string> readMetaGroup() {
    for (;;) {
      const std::uint64_t at = in_.position();
      std::uint8_t b[8];
      if (!in_.read(b, 8)) return std::nullopt;  // meta only: nothing to nest
      if (u16(b, false) != 0x0002) {
        in_.seek(at);
        return std::nullopt;
      }
      const std::uint16_t element = u16(b + 2, false);
      std::uint32_t length = u16(b + 6, false);
      const char vr[2] = {static_cast<char>(b[4]), static_cast<char>(b[5])};
      if (!isVrLetter(b[4]) || !isVrLetter(b[5])) {
        // Some writers put an implicit-VR meta group; its length is the 4 bytes after the tag.
        length = u32(b + 4, false);
      } else if (hasLongLength(vr)) {
        std::uint8_t l[4];
        if (!in_.read(l, 4)) return "file ends inside its meta header";
        length = u32(l, false);
      }
      if (length == kUndefinedLength || in_.position() + length > in_.size()) {
        return "meta header element (0002," + hex4(element) + ") at byte " + std::to_string(at) +
               " has a length past the end of the file";
      }
      if (element == 0x0010 && length <= 64) {
        char uid[65] = {};
        in_.read(uid, length);
        std::string text(uid, length);
        while (!text.empty() && (text.back() == '\0' || text.back() == ' ')) text.pop_back();
        transferSyntax_ = text;
      } else {
        in_.seek(in_.position() + length);
      }
    }
  }

  // A bare dataset starts with one of the first groups (command 0000, meta 0002, directory
  // 0004, identification 0008); anything else is not DICOM and is left to the caller.
  void guessBareEncoding(const std::uint8_t* first) {
    constexpr std::uint16_t kHighestFirstGroup = 0x0010;
    const std::uint16_t little = u16(first, false);
    const std::uint16_t big = u16(first, true);
    if (little <= kHighestFirstGroup) {
      bigEndian_ = false;
    } else if (big <= kHighestFirstGroup) {
      bigEndian_ = true;
    } else {
      notDicom_ = true;
      return;
    }
    bare_ = true;
    explicitVr_ = isVrLetter(first[4]) && isVrLetter(first[5]);
  }

  std::optional<std::string> walkDeflated() {
    const std::uint64_t compressedSize = in_.size() - in_.position();
    std::vector<std::uint8_t> compressed(static_cast<std::size_t>(compressedSize));
    if (!in_.read(compressed.data(), compressed.size())) return "cannot read the deflated dataset";
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return "cannot start inflating the dataset";
    std::vector<std::uint8_t> inflated;
    z.next_in = compressed.data();
    z.avail_in = static_cast<uInt>(compressed.size());
    int status = Z_OK;
    std::array<std::uint8_t, 65536> chunk{};
    while (status == Z_OK) {
      z.next_out = chunk.data();
      z.avail_out = chunk.size();
      status = inflate(&z, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END) break;
      inflated.insert(inflated.end(), chunk.data(), chunk.data() + (chunk.size() - z.avail_out));
      if (inflated.size() > policy_.maxInflatedBytes) {
        inflateEnd(&z);
        return "the deflated dataset inflates to more than " +
               std::to_string(policy_.maxInflatedBytes >> 20) + " MiB";
      }
      if (z.avail_in == 0 && status == Z_OK && z.avail_out != 0) break;
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END && status != Z_OK) return "the deflated dataset is corrupt";
    MemorySource memory(inflated.data(), inflated.size());
    Walker inner(memory, policy_);
    inner.explicitVr_ = true;
    return inner.walkDataset();
  }

  // Where the innermost container with a known length ends (the file's end if none).
  std::uint64_t limit() const {
    std::uint64_t end = in_.size();
    for (const Container& c : stack_) {
      if (!c.undefinedLength && c.end < end) end = c.end;
    }
    return end;
  }

  void push(const Container& c) {
    stack_.push_back(c);
    if (c.kind == Kind::Sequence) ++depth_;
  }
  void pop() {
    if (stack_.back().kind == Kind::Sequence) --depth_;
    stack_.pop_back();
  }

  // A structure we cannot follow: inside a value we only guessed to be a sequence, the guess was
  // wrong and the value is skipped whole; anywhere else the file is refused.
  std::optional<std::string> cannotFollow(const std::string& what) {
    if (bare_ && elementsSeen_ < 2) {  // a guess that failed: not DICOM, DCMTK says so
      stopped_ = true;
      return std::nullopt;
    }
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].speculative) {
        const std::uint64_t end = stack_[i].end;
        while (stack_.size() > i) pop();
        in_.seek(end);
        return std::nullopt;
      }
    }
    return what;
  }

  bool looksLikeItem(std::uint64_t at, bool big) {
    std::uint8_t b[4];
    const bool ok = in_.read(b, 4) && u16(b, big) == 0xFFFE && u16(b + 2, big) == 0xE000;
    in_.seek(at);
    return ok;
  }

  std::optional<std::string> walkDataset() {
    for (;;) {
      if (stopped_) return std::nullopt;
      while (!stack_.empty() && !stack_.back().undefinedLength &&
             in_.position() >= stack_.back().end) {
        pop();
      }
      const std::uint64_t at = in_.position();
      std::uint8_t tag[8];
      if (!in_.read(tag, 4)) return std::nullopt;
      ++elementsSeen_;  // the end (a few stray bytes are DCMTK's call)
      const std::uint16_t group = u16(tag, bigEndian_);
      const std::uint16_t element = u16(tag + 2, bigEndian_);
      const std::string where =
          "(" + hex4(group) + "," + hex4(element) + ") at byte " + std::to_string(at);
      if (group == 0xFFFE) {
        if (!in_.read(tag + 4, 4)) return cannotFollow(where + ": the file ends");
        const std::uint32_t length = u32(tag + 4, bigEndian_);
        if (auto problem = delimiterOrItem(element, length, where)) return problem;
      } else if (auto problem = ordinaryElement(group, element, where)) {
        return problem;
      }
      if (depth_ > policy_.maxSequenceDepth) {
        return "sequences are nested more than " + std::to_string(policy_.maxSequenceDepth) +
               " deep (at byte " + std::to_string(at) +
               "); DCMTK's parser recurses once per level and could overflow its stack";
      }
    }
  }

  std::optional<std::string> delimiterOrItem(std::uint16_t element, std::uint32_t length,
                                             const std::string& where) {
    if (element == 0xE000) {
      if (stack_.empty() || stack_.back().kind == Kind::Item) {
        return cannotFollow("item " + where + " is outside any sequence");
      }
      if (stack_.back().kind == Kind::Fragments) {
        if (length == kUndefinedLength || in_.position() + length > limit()) {
          return cannotFollow("pixel data fragment " + where + " runs past its end");
        }
        in_.seek(in_.position() + length);
        return std::nullopt;
      }
      // An item longer than its sequence is cut to the sequence (DCMTK reads such files, e.g.
      // DICOMDIRs with wrong lengths); only the nesting matters here.
      const std::uint64_t itemEnd =
          length == kUndefinedLength ? 0 : std::min<std::uint64_t>(in_.position() + length, limit());
      if (stack_.back().speculative && length != kUndefinedLength &&
          in_.position() + length > limit()) {
        return cannotFollow("item " + where + " is longer than what holds it");
      }
      push({Kind::Item, length == kUndefinedLength, itemEnd, stack_.back().explicitVr, false});
      return std::nullopt;
    }
    if (element == 0xE00D) {  // item delimitation: close the innermost item
      if (!stack_.empty() && stack_.back().kind == Kind::Item) pop();
      return std::nullopt;
    }
    if (element == 0xE0DD) {  // sequence delimitation: close up to the innermost sequence
      while (!stack_.empty() && stack_.back().kind == Kind::Item) pop();
      if (!stack_.empty()) pop();
      return std::nullopt;
    }
    if (length != kUndefinedLength) {
      if (in_.position() + length > limit()) return cannotFollow(where + " runs past its end");
      in_.seek(in_.position() + length);
    }
    return std::nullopt;
  }

  std::optional<std::string> ordinaryElement(std::uint16_t group, std::uint16_t element,
                                             const std::string& where) {
    const bool explicitHere = stack_.empty() ? explicitVr_ : stack_.back().explicitVr;
    char vr[2] = {'?', '?'};
    std::uint32_t length = 0;
    std::uint8_t b[6];
    if (explicitHere) {
      if (!in_.read(b, 4)) return cannotFollow(where + ": the file ends");
      if (!isVrLetter(b[0]) || !isVrLetter(b[1])) {
        return cannotFollow(where + ": no valid value representation");
      }
      vr[0] = static_cast<char>(b[0]);
      vr[1] = static_cast<char>(b[1]);
      if (hasLongLength(vr)) {
        if (!in_.read(b, 4)) return cannotFollow(where + ": the file ends");
        length = u32(b, bigEndian_);
      } else {
        length = u16(b + 2, bigEndian_);
      }
    } else {
      if (!in_.read(b, 4)) return cannotFollow(where + ": the file ends");
      length = u32(b, bigEndian_);
      if (DcmTag(group, element).getEVR() == EVR_SQ) vr[0] = 'S', vr[1] = 'Q';
    }
    const bool sequence = vr[0] == 'S' && vr[1] == 'Q';
    const bool unknown = vr[0] == 'U' && vr[1] == 'N';
    const bool pixelData = group == 0x7FE0;
    if (length == kUndefinedLength) {
      if (pixelData && !sequence) {
        push({Kind::Fragments, true, 0, explicitHere, false});
      } else {
        // DCMTK reads an undefined-length UN (or any undefined-length value) as a sequence, and
        // a UN one in implicit little endian.
        push({Kind::Sequence, true, 0, unknown ? false : explicitHere, false});
      }
      return std::nullopt;
    }
    const std::uint64_t end = in_.position() + length;
    if (end > limit()) {
      return cannotFollow(where + ": its length " + std::to_string(length) +
                          " runs past the end of what holds it");
    }
    if (sequence) {
      push({Kind::Sequence, false, end, explicitHere, false});
    } else if ((unknown || (!explicitHere && (group & 1) != 0)) && length >= 8 &&
               looksLikeItem(in_.position(), bigEndian_)) {
      // A private or unknown value that starts like an item may be parsed as a sequence by
      // DCMTK (private dictionaries): count its nesting, but skip it if the guess fails.
      push({Kind::Sequence, false, end, unknown ? false : explicitHere, true});
    } else {
      in_.seek(end);
    }
    return std::nullopt;
  }

  Source& in_;
  const ResourcePolicy& policy_;
  std::string transferSyntax_;
  bool explicitVr_ = true;
  bool bigEndian_ = false;
  bool notDicom_ = false;
  bool bare_ = false;      // no preamble and no meta group: the encoding is a guess
  int elementsSeen_ = 0;
  bool stopped_ = false;
  std::vector<Container> stack_;
  int depth_ = 0;
};

}  // namespace

std::optional<std::string> fileStructureProblem(const std::string& path,
                                                const ResourcePolicy& policy) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return std::nullopt;  // the loader names a missing or unreadable file itself
  FileSource source(file);
  return Walker(source, policy).walk();
}

std::optional<std::string> bytesStructureProblem(const std::vector<std::uint8_t>& bytes,
                                                 const ResourcePolicy& policy) {
  MemorySource source(bytes.data(), bytes.size());
  return Walker(source, policy).walk();
}

}  // namespace nbra::dicom
