#include "dicom/web/MultipartReader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace nbra::dicom::web {
namespace {

constexpr std::size_t kMaxBoundaryLength = 70;  // RFC 2046 §5.1.1

[[noreturn]] void throwError(const std::string& problem) {
  throw MultipartError("multipart: " + problem);
}

[[noreturn]] void throwAt(const std::string& problem, std::uint64_t offset) {
  throwError(problem + " at byte " + std::to_string(offset));
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

// Untrusted text quoted in a message: shortened, and with anything unprintable escaped, so a
// hostile server cannot write control sequences into our logs.
std::string quoted(std::string_view text, std::size_t maxLength = 80) {
  std::string result = "'";
  for (std::size_t i = 0; i < text.size() && i < maxLength; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
      result += text[i];
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      result += escaped;
    }
  }
  if (text.size() > maxLength)
    result += "...";
  return result + "'";
}

std::string describeByte(char c) {
  return quoted(std::string_view(&c, 1));
}

bool isWhitespace(char c) {
  return c == ' ' || c == '\t';
}

bool isControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7F;
}

// RFC 9110 §5.6.2 tchar: what a media type, subtype or parameter name is made of.
bool isTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return true;
  return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

// RFC 2046 §5.1.1 bchars.
bool isBoundaryChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return true;
  return std::strchr("'()+_,-./:=? ", c) != nullptr && c != '\0';
}

// RFC 5322 §3.6.8 ftext: a header field name is printable ASCII without ':' (and so without
// spaces: "Name : value" is refused, as RFC 9110 §5.1 asks of HTTP).
bool isFieldNameChar(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 33 && byte <= 126 && c != ':';
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isWhitespace(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && isWhitespace(text.back()))
    text.remove_suffix(1);
  return text;
}

// Content-Type parsing ---------------------------------------------------------------------

struct MediaType {
  std::string type;  // lower-cased
  std::string subtype;
  std::vector<std::pair<std::string, std::string>> parameters;
};

class ContentTypeParser {
 public:
  explicit ContentTypeParser(std::string_view text) : text_(text) {}

  MediaType parse() {
    MediaType media;
    skipWhitespace();
    media.type = lowered(token("media type"));
    expect('/');
    media.subtype = lowered(token("media subtype"));
    while (true) {
      skipWhitespace();
      if (atEnd())
        break;
      expect(';');
      skipWhitespace();
      // Tolerated: an empty parameter, as in a trailing "; " some servers send.
      if (atEnd() || text_[pos_] == ';')
        continue;
      std::string name = lowered(token("parameter name"));
      skipWhitespace();
      expect('=');
      skipWhitespace();
      std::string value =
          (!atEnd() && text_[pos_] == '"') ? quotedString() : std::string(token("value"));
      media.parameters.emplace_back(std::move(name), std::move(value));
    }
    return media;
  }

 private:
  bool atEnd() const { return pos_ >= text_.size(); }

  void skipWhitespace() {
    while (!atEnd() && isWhitespace(text_[pos_]))
      ++pos_;
  }

  [[noreturn]] void fail(const std::string& expected) const {
    const std::string found = atEnd() ? "the end" : describeByte(text_[pos_]);
    throwError("Content-Type " + quoted(text_) + ": expected " + expected + ", found " + found +
               " at position " + std::to_string(pos_));
  }

  void expect(char c) {
    if (atEnd() || text_[pos_] != c)
      fail(describeByte(c));
    ++pos_;
  }

  std::string_view token(const std::string& what) {
    const std::size_t start = pos_;
    while (!atEnd() && isTokenChar(text_[pos_]))
      ++pos_;
    if (pos_ == start)
      fail(what);
    return text_.substr(start, pos_ - start);
  }

  // RFC 9110 §5.6.4: '"' *( qdtext / "\" char ) '"'.
  std::string quotedString() {
    ++pos_;  // the opening quote
    std::string value;
    while (!atEnd() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size())
        ++pos_;
      if (isControl(text_[pos_]))
        fail("a printable character in the quoted value");
      value += text_[pos_++];
    }
    if (atEnd())
      fail("the closing '\"'");
    ++pos_;
    return value;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string boundaryOf(const MediaType& media, std::string_view contentType) {
  const std::string* boundary = nullptr;
  for (const auto& [name, value] : media.parameters) {
    if (name != "boundary")
      continue;
    if (boundary)
      throwError("Content-Type " + quoted(contentType) + " has more than one boundary parameter");
    boundary = &value;
  }
  if (!boundary)
    throwError("missing boundary: Content-Type " + quoted(contentType) +
               " has no boundary parameter");
  checkBoundary(*boundary);
  return *boundary;
}

// Part headers -----------------------------------------------------------------------------

// A complete header block: "CRLF" alone, or lines each ending in CRLF and then CRLF. Every LF
// in it is known to follow a CR (readHeaders); a CR elsewhere is a control character.
PartHeaders parseHeaderBlock(std::string_view block, std::uint64_t start, std::size_t part) {
  const std::string where = "part " + std::to_string(part) + " header: ";
  PartHeaders headers;
  std::size_t pos = 0;
  while (true) {
    const std::size_t end = block.find("\r\n", pos);
    const std::string_view line = block.substr(pos, end - pos);
    if (line.empty())
      break;
    const std::uint64_t at = start + pos;
    const auto control = std::find_if(line.begin(), line.end(), isControl);
    if (control != line.end())
      throwAt(where + "control character " + describeByte(*control) + " in line", at);
    if (isWhitespace(line.front())) {
      // Obsolete line folding (RFC 5322 §3.2.2): joined to the field above.
      if (headers.fields.empty())
        throwAt(where + "folded line before any field " + quoted(line), at);
      std::string& value = headers.fields.back().second;
      value += value.empty() ? "" : " ";
      value += trimmed(line);
    } else {
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos)
        throwAt(where + "malformed line (no ':') " + quoted(line), at);
      const std::string_view name = line.substr(0, colon);
      if (name.empty() || !std::all_of(name.begin(), name.end(), isFieldNameChar))
        throwAt(where + "malformed field name " + quoted(name), at);
      headers.fields.emplace_back(std::string(name), std::string(trimmed(line.substr(colon + 1))));
    }
    pos = end + 2;
  }
  return headers;
}

// KMP failure function: entry k is the length of the longest proper prefix of pattern[0..k]
// that is also its suffix.
std::vector<std::size_t> failureFunction(std::string_view pattern) {
  std::vector<std::size_t> fallback(pattern.size(), 0);
  std::size_t k = 0;
  for (std::size_t i = 1; i < pattern.size(); ++i) {
    while (k > 0 && pattern[i] != pattern[k])
      k = fallback[k - 1];
    if (pattern[i] == pattern[k])
      ++k;
    fallback[i] = k;
  }
  return fallback;
}

}  // namespace

std::string MultipartContentType::parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (equalsIgnoringCase(key, name))
      return value;
  }
  return {};
}

std::string PartHeaders::value(std::string_view name) const {
  for (const auto& [key, fieldValue] : fields) {
    if (equalsIgnoringCase(key, name))
      return fieldValue;
  }
  return {};
}

std::string PartHeaders::contentType() const {
  return value("Content-Type");
}

void checkBoundary(std::string_view boundary) {
  if (boundary.empty())
    throwError("missing boundary: the boundary is empty");
  if (boundary.size() > kMaxBoundaryLength)
    throwError("boundary has " + std::to_string(boundary.size()) +
               " characters, more than the 70 of RFC 2046");
  const auto bad = std::find_if_not(boundary.begin(), boundary.end(), isBoundaryChar);
  if (bad != boundary.end())
    throwError("boundary " + quoted(boundary) + " contains " + describeByte(*bad) +
               ", not allowed by RFC 2046");
  if (boundary.back() == ' ')
    throwError("boundary " + quoted(boundary) + " ends in a space, not allowed by RFC 2046");
}

MultipartContentType parseMultipartContentType(std::string_view contentType) {
  MediaType media = ContentTypeParser(contentType).parse();
  if (media.type != "multipart")
    throwError("Content-Type " + quoted(contentType) + " is not multipart");
  MultipartContentType result;
  result.boundary = boundaryOf(media, contentType);
  result.subtype = std::move(media.subtype);
  result.parameters = std::move(media.parameters);
  return result;
}

std::string boundaryFromContentType(std::string_view contentType) {
  const MediaType media = ContentTypeParser(contentType).parse();
  if (media.type != "multipart" || media.subtype != "related")
    throwError("Content-Type " + quoted(contentType) + " is not multipart/related");
  return boundaryOf(media, contentType);
}

// The reader --------------------------------------------------------------------------------

MultipartReader::MultipartReader(std::string boundary, Callbacks callbacks, MultipartLimits limits)
    : callbacks_(std::move(callbacks)), limits_(limits) {
  checkBoundary(boundary);
  delimiter_ = "\r\n--" + boundary;
  fallback_ = failureFunction(delimiter_);
  // The first delimiter may open the body without a CRLF before it: the body starts as if one
  // had just been read.
  assumeCrlf();
}

// Held as the start of a delimiter, a CRLF that is not data: at the start of the body, and at
// the start of a part's data, where it is the end of the header block. The latter lets a part
// with an empty body be followed at once by the next delimiter ("...CRLF CRLF--boundary", a
// header line's CRLF then the delimiter in RFC 2046's grammar), as Go's mime/multipart does.
void MultipartReader::assumeCrlf() {
  matched_ = 2;
  phantom_ = 2;
}

void MultipartReader::feed(const char* data, std::size_t size) {
  if (failed_)
    throwAlreadyFailed();
  if (finished_)
    failFor("multipart: feed() after finish(): data after the end of the body");
  try {
    std::size_t pos = 0;
    while (pos < size) {
      const std::size_t used = consume(data + pos, size - pos);
      pos += used;
      offset_ += used;
    }
  } catch (const std::exception& e) {
    failed_ = true;
    error_ = e.what();
    throw;
  } catch (...) {
    failed_ = true;
    error_ = "a callback threw";
    throw;
  }
}

void MultipartReader::finish() {
  if (failed_)
    throwAlreadyFailed();
  finished_ = true;
  if (!complete())
    failFor("multipart: body truncated at byte " + std::to_string(offset_) + " " +
            whereTruncated() + ": " + std::to_string(partsCompleted_) +
            " part(s) complete, no close delimiter");
}

// Every call after a failure repeats it: a caller that ignored one exception still cannot
// take a broken body for a good one.
void MultipartReader::throwAlreadyFailed() const {
  std::string_view first = error_;
  if (first.rfind("multipart: ", 0) == 0)
    first.remove_prefix(11);
  throwError("the reader already failed: " + std::string(first));
}

void MultipartReader::failFor(const std::string& message) {
  failed_ = true;
  error_ = message;
  throw MultipartError(message);
}

std::string MultipartReader::partName() const {
  return "part " + std::to_string(partsStarted_);
}

std::string MultipartReader::whereTruncated() const {
  switch (state_) {
    case State::kPreamble:
      return "before any delimiter (is the boundary right?)";
    case State::kBoundaryLine:
      return "in a delimiter line";
    case State::kHeaders:
      return "in the headers of " + partName();
    case State::kData:
      return "in the data of " + partName();
    case State::kEpilogue:
      break;
  }
  return "in the epilogue";
}

std::size_t MultipartReader::consume(const char* data, std::size_t size) {
  switch (state_) {
    case State::kPreamble:
    case State::kData:
      return scanForDelimiter(data, size);
    case State::kBoundaryLine:
      return readBoundaryLine(data, size);
    case State::kHeaders:
      return readHeaders(data, size);
    case State::kEpilogue:
      break;
  }
  return size;  // RFC 2046: the epilogue is ignored
}

// Moves the delimiter match on by one byte (KMP, so each byte is looked at a bounded number of
// times overall). `released` is how many of the held bytes, counting `c`, turned out to be
// data: the oldest ones. Returns whether the whole delimiter has now been matched.
bool MultipartReader::matchDelimiterByte(char c, std::size_t& released) {
  const std::size_t before = matched_;
  std::size_t j = matched_;
  while (j > 0 && delimiter_[j] != c)
    j = fallback_[j - 1];
  if (delimiter_[j] == c)
    ++j;
  matched_ = j;
  released = before + 1 - j;
  return j == delimiter_.size();
}

// Data (or preamble) up to the next delimiter. Bytes that might begin a delimiter are held
// back (as matched_), everything else is handed on before returning, in one call per range
// where possible. Held bytes from earlier ranges (`carried`) are the oldest: when they turn out
// to be data they are handed on from delimiter_ itself, ahead of this range's bytes (less the
// phantom CRLF, which is dropped).
std::size_t MultipartReader::scanForDelimiter(const char* data, std::size_t size) {
  std::size_t carried = matched_;
  std::size_t i = 0;
  while (i < size) {
    if (matched_ == 0) {
      // Nothing held: skip to the next CR, the only byte that can start a delimiter.
      const void* cr = std::memchr(data + i, '\r', size - i);
      if (!cr)
        break;
      i = static_cast<std::size_t>(static_cast<const char*>(cr) - data);
    }
    std::size_t released = 0;
    const bool whole = matchDelimiterByte(data[i], released);
    ++i;
    const std::size_t fromCarried = std::min(released, carried);
    if (fromCarried > 0) {
      const std::size_t dropped = std::min(fromCarried, phantom_);
      deliver(delimiter_.data() + dropped, fromCarried - dropped);
      phantom_ -= dropped;
      carried -= fromCarried;
    }
    if (whole) {
      deliver(data, i - (delimiter_.size() - carried));
      matched_ = 0;
      phantom_ = 0;
      state_ = State::kBoundaryLine;
      line_ = LineState::kStart;
      return i;
    }
  }
  deliver(data, size - (matched_ - carried));
  return size;
}

void MultipartReader::deliver(const char* data, std::size_t size) {
  if (state_ != State::kData || size == 0)
    return;  // the preamble is ignored
  const std::uint64_t room = limits_.maxPartBytes - partBytes_;
  if (size > room) {
    // Hand on exactly the allowed bytes, so the failure is the same however the body arrives.
    if (room > 0 && callbacks_.onPartData)
      callbacks_.onPartData(data, static_cast<std::size_t>(room));
    partBytes_ += room;
    throwAt(partName() + " is larger than the limit of " + std::to_string(limits_.maxPartBytes) +
                " bytes",
            dataStart_ + limits_.maxPartBytes);
  }
  partBytes_ += size;
  if (callbacks_.onPartData)
    callbacks_.onPartData(data, size);
}

// After "CRLF--boundary": transport padding and CRLF (a part follows), or "--" (the end).
std::size_t MultipartReader::readBoundaryLine(const char* data, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    const std::uint64_t at = offset_ + i;
    switch (line_) {
      case LineState::kStart:
        if (c == '-') {
          line_ = LineState::kDash;
          continue;
        }
        [[fallthrough]];
      case LineState::kPadding:
        if (isWhitespace(c)) {
          line_ = LineState::kPadding;
        } else if (c == '\r') {
          line_ = LineState::kCr;
        } else if (c == '\n') {
          throwAt("bare LF after the boundary (line ends must be CRLF)", at);
        } else {
          throwAt("expected CRLF or \"--\" after the boundary, found " + describeByte(c), at);
        }
        break;
      case LineState::kDash:
        if (c != '-')
          throwAt("expected \"--\" after the boundary, found '-' then " + describeByte(c), at);
        closeDelimiterSeen();
        return i + 1;
      case LineState::kCr:
        if (c != '\n')
          throwAt("CR not followed by LF after the boundary, found " + describeByte(c), at);
        endOfBoundaryLine(at + 1);
        return i + 1;
    }
  }
  return size;
}

void MultipartReader::endPart() {
  partOpen_ = false;
  if (callbacks_.onPartEnd)
    callbacks_.onPartEnd();
  ++partsCompleted_;
}

void MultipartReader::closeDelimiterSeen() {
  if (partOpen_)
    endPart();
  state_ = State::kEpilogue;
}

void MultipartReader::endOfBoundaryLine(std::uint64_t nextOffset) {
  if (partOpen_)
    endPart();
  if (partsStarted_ >= limits_.maxParts)
    throwAt("more than " + std::to_string(limits_.maxParts) + " parts", nextOffset);
  ++partsStarted_;
  header_.clear();
  headerStart_ = nextOffset;
  state_ = State::kHeaders;
}

// The header block, up to and including the empty line; then the part begins.
std::size_t MultipartReader::readHeaders(const char* data, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (header_.size() >= limits_.maxHeaderBytes)
      throwAt(partName() + " headers are longer than the limit of " +
                  std::to_string(limits_.maxHeaderBytes) + " bytes",
              offset_ + i);
    header_ += c;
    if (c != '\n')
      continue;
    const std::size_t n = header_.size();
    if (n < 2 || header_[n - 2] != '\r')
      throwAt(partName() + " header: bare LF (line ends must be CRLF)", offset_ + i);
    if (n == 2 || (n >= 4 && header_.compare(n - 4, 4, "\r\n\r\n") == 0)) {
      PartHeaders headers = parseHeaderBlock(header_, headerStart_, partsStarted_);
      header_.clear();
      state_ = State::kData;
      partOpen_ = true;
      partBytes_ = 0;
      dataStart_ = offset_ + i + 1;
      assumeCrlf();
      if (callbacks_.onPartBegin)
        callbacks_.onPartBegin(headers);
      return i + 1;
    }
  }
  return size;
}

}  // namespace nbra::dicom::web
