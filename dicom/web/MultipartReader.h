#pragma once

// A streaming reader of MIME multipart bodies (RFC 2046 §5.1), for DICOMweb answers: WADO-RS
// sends a study as `multipart/related; type="application/dicom"; boundary=...`, one part per
// instance, and a study can be gigabytes. The reader is fed the body in chunks of any size as
// it arrives and hands each part's bytes on at once, so its memory is bounded by the boundary
// and the header limit, never by a part. The body is untrusted input (tests/fuzz).
//
// Decisions:
// - Line ends are CRLF, as RFC 2046 and PS3.18 require; a bare LF is an error, not tolerated.
//   Parts are binary DICOM: accepting "\n--boundary" as a delimiter too would cut a part short
//   wherever its pixel data happens to contain that sequence.
// - boundaryFromContentType() accepts only multipart/related, the one multipart type of
//   DICOMweb; anything else (an HTML error page, multipart/mixed) is a server problem better
//   named there than as garbage in the body. parseMultipartContentType() accepts any
//   multipart/* for other callers. The reader itself works the same for every subtype.
// - A body with no parts ("--boundary--") is accepted: a query can match nothing.
// - A part's header block ends at an empty line (CRLF CRLF; a part with no headers starts with
//   CRLF). A delimiter may follow that empty line at once: the part is then empty.
// - A part's onPartEnd is called only once the delimiter after it is known to be well formed
//   (followed by CRLF or "--"), so a part is never reported whole when the body is broken there.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nbra::dicom::web {

// A malformed body or Content-Type, or a limit reached. Messages about the body name the
// problem and the byte offset (0-based, from the first byte fed) where it was found.
struct MultipartError : std::runtime_error {
  using runtime_error::runtime_error;
};

// A multipart Content-Type value, parsed: subtype and parameters (names lower-cased, values
// unquoted; duplicates kept in order).
struct MultipartContentType {
  std::string subtype;  // lower-cased, e.g. "related"
  std::string boundary;
  std::vector<std::pair<std::string, std::string>> parameters;
  // The first parameter of that name (case-insensitive), or "" when absent.
  std::string parameter(std::string_view name) const;
};

// Parses `type/subtype *(; name=value)` (RFC 9110 §8.3.1: token or quoted-string values,
// optional whitespace, empty parameters skipped). Throws MultipartError unless the type is
// multipart and there is exactly one boundary parameter that is valid (checkBoundary).
MultipartContentType parseMultipartContentType(std::string_view contentType);

// The boundary of a multipart/related Content-Type value (names case-insensitive, parameters in
// any order, value quoted or not). Throws MultipartError naming the problem for any other media
// type, a missing or repeated boundary, or an invalid one.
std::string boundaryFromContentType(std::string_view contentType);

// Throws MultipartError unless `boundary` has 1 to 70 characters of RFC 2046's bchars (letters,
// digits, space and '()+_,-./:=? ) and does not end in a space.
void checkBoundary(std::string_view boundary);

// One part's header fields in order, names and values as sent (values without surrounding
// whitespace; folded lines joined by a space).
struct PartHeaders {
  std::vector<std::pair<std::string, std::string>> fields;
  // The first field of that name (case-insensitive), or "" when absent.
  std::string value(std::string_view name) const;
  // The Content-Type field, or "" when absent (RFC 2046 would default to text/plain; for
  // DICOMweb an absent type is worth seeing, so it is not filled in).
  std::string contentType() const;
};

struct MultipartLimits {
  // One part's header block, its final CRLF CRLF included.
  std::size_t maxHeaderBytes = 16 * 1024;
  // One part's data (not counting its headers).
  std::uint64_t maxPartBytes = 4ull << 30;
  std::size_t maxParts = 1'000'000;
};

class MultipartReader {
 public:
  struct Callbacks {
    std::function<void(const PartHeaders&)> onPartBegin;
    // Called as the data arrives, possibly many times per part; never with a partial delimiter.
    std::function<void(const char* data, std::size_t size)> onPartData;
    std::function<void()> onPartEnd;
  };

  // Throws MultipartError if the boundary is invalid (checkBoundary). Empty callbacks are
  // allowed (that event is ignored).
  MultipartReader(std::string boundary, Callbacks callbacks, MultipartLimits limits = {});

  // The next bytes of the body, in chunks of any size. Throws MultipartError on a malformed
  // body or a limit reached. Once anything has thrown (a callback too), the reader stays failed:
  // every later feed() or finish() throws again. Calling feed() after finish() throws.
  void feed(const char* data, std::size_t size);
  // The end of the body. Throws MultipartError unless the close delimiter was seen, naming how
  // many parts were complete and where the body stopped.
  void finish();

  // The close delimiter has been seen; what follows (the epilogue) is ignored.
  bool complete() const { return state_ == State::kEpilogue; }
  std::size_t partsCompleted() const { return partsCompleted_; }
  // Bytes held back: a partial delimiter or a header block being read. At most the larger of
  // the boundary's length + 3 and maxHeaderBytes, whatever the size of the parts.
  std::size_t bufferedBytes() const { return matched_ + header_.size(); }

 private:
  enum class State { kPreamble, kBoundaryLine, kHeaders, kData, kEpilogue };
  // Where we are after "CRLF--boundary", until its line is known to be well formed.
  enum class LineState { kStart, kPadding, kCr, kDash };

  // Each consumes from the start of [data, data + size) and returns how many bytes it used;
  // they stop where the state changes.
  std::size_t scanForDelimiter(const char* data, std::size_t size);
  std::size_t readBoundaryLine(const char* data, std::size_t size);
  std::size_t readHeaders(const char* data, std::size_t size);

  void assumeCrlf();
  std::size_t consume(const char* data, std::size_t size);
  bool matchDelimiterByte(char c, std::size_t& released);
  void deliver(const char* data, std::size_t size);
  void endOfBoundaryLine(std::uint64_t nextOffset);
  void closeDelimiterSeen();
  void endPart();
  std::string partName() const;  // the current part, for messages
  std::string whereTruncated() const;
  [[noreturn]] void failFor(const std::string& message);
  [[noreturn]] void throwAlreadyFailed() const;

  std::string delimiter_;  // CRLF "--" boundary
  // KMP failure function of delimiter_: how much of it is still matched after a mismatch. (An
  // RFC 2046 boundary cannot contain CR, so it is all zeros today; the general form keeps the
  // scan correct whatever the boundary.)
  std::vector<std::size_t> fallback_;
  Callbacks callbacks_;
  MultipartLimits limits_;

  State state_ = State::kPreamble;
  LineState line_ = LineState::kStart;
  // How many bytes of delimiter_ end the input so far; they are held back, as they may be the
  // start of a delimiter, and are delimiter_'s own first bytes, so no copy is kept.
  std::size_t matched_ = 0;
  // How many of the oldest held bytes are an assumed CRLF rather than input (assumeCrlf).
  std::size_t phantom_ = 0;
  std::string header_;             // the current part's header block so far
  std::uint64_t headerStart_ = 0;  // offset of the header block's first byte
  std::uint64_t dataStart_ = 0;    // offset of the current part's first data byte
  std::uint64_t offset_ = 0;       // body bytes consumed before the range being read
  std::uint64_t partBytes_ = 0;    // the current part's bytes handed on so far
  bool partOpen_ = false;
  std::size_t partsStarted_ = 0;
  std::size_t partsCompleted_ = 0;
  bool finished_ = false;
  bool failed_ = false;  // something threw: the reader is failed for good
  std::string error_;    // what it was
};

}  // namespace nbra::dicom::web
