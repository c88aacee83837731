// The streaming multipart reader of DICOMweb answers: RFC 2046 bodies in any chunking, the
// Content-Type boundary, every refusal with its message, and bounded memory on a large part.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "dicom/web/MultipartReader.h"

namespace nbra::dicom::web {
namespace {

using namespace std::string_literals;

const std::string kBoundary = "nbra-0123456789";

struct Part {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string data;
  bool ended = false;
  bool operator==(const Part&) const = default;
};

// What the callbacks saw, checked for order on the way (begin, data, end; never nested).
struct Collector {
  std::vector<Part> parts;
  bool open = false;

  MultipartReader::Callbacks callbacks() {
    MultipartReader::Callbacks c;
    c.onPartBegin = [this](const PartHeaders& headers) {
      EXPECT_FALSE(open) << "part begun inside a part";
      open = true;
      parts.push_back({headers.fields, "", false});
    };
    c.onPartData = [this](const char* data, std::size_t size) {
      EXPECT_TRUE(open) << "data outside a part";
      EXPECT_GT(size, 0u) << "empty data callback";
      parts.back().data.append(data, size);
    };
    c.onPartEnd = [this] {
      EXPECT_TRUE(open) << "end outside a part";
      open = false;
      parts.back().ended = true;
    };
    return c;
  }
};

struct Outcome {
  std::vector<Part> parts;
  std::string error;  // empty when the body was accepted
  std::size_t partsCompleted = 0;
  bool operator==(const Outcome&) const = default;
};

// Feeds `body` in chunks whose sizes come from `nextChunk`, then finishes.
template <typename NextChunk>
Outcome readWith(const std::string& body, NextChunk nextChunk, MultipartLimits limits = {},
                 const std::string& boundary = kBoundary) {
  Collector collector;
  MultipartReader reader(boundary, collector.callbacks(), limits);
  Outcome outcome;
  try {
    std::size_t pos = 0;
    while (pos < body.size()) {
      const std::size_t size = std::min(nextChunk(), body.size() - pos);
      reader.feed(body.data() + pos, size);
      pos += size;
    }
    reader.finish();
    EXPECT_TRUE(reader.complete());
  } catch (const MultipartError& e) {
    outcome.error = e.what();
  }
  outcome.parts = collector.parts;
  outcome.partsCompleted = reader.partsCompleted();
  return outcome;
}

Outcome readInChunksOf(const std::string& body, std::size_t chunk, MultipartLimits limits = {},
                       const std::string& boundary = kBoundary) {
  return readWith(
      body, [chunk] { return chunk; }, limits, boundary);
}

Outcome readWhole(const std::string& body, MultipartLimits limits = {}) {
  return readInChunksOf(body, std::max<std::size_t>(body.size(), 1), limits);
}

// Every chunk size from 1 to 17 and 50 random chunkings give exactly what one feed of the
// whole gives: the same parts, headers and data, or the same error after the same data (only
// bytes known to be data are handed on, so even a failed body is cut at the same place).
Outcome readAllChunkings(const std::string& body, MultipartLimits limits = {}) {
  const Outcome whole = readWhole(body, limits);
  for (std::size_t chunk = 1; chunk <= 17; ++chunk) {
    EXPECT_EQ(readInChunksOf(body, chunk, limits), whole) << "chunks of " << chunk;
  }
  std::mt19937 random(12345);
  for (int run = 0; run < 50; ++run) {
    std::uniform_int_distribution<std::size_t> size(1, 1 + random() % 40);
    const Outcome chunked = readWith(
        body, [&] { return size(random); }, limits);
    EXPECT_EQ(chunked.error, whole.error) << "random run " << run;
    EXPECT_EQ(chunked, whole) << "random run " << run;
  }
  return whole;
}

std::string partText(const std::string& data, const std::string& headers) {
  return "\r\n--" + kBoundary + "\r\n" + headers + "\r\n" + data;
}

// A body: preamble, then each part with a Content-Type, then the close delimiter, epilogue.
std::string makeBody(const std::vector<std::string>& datas, const std::string& preamble = "",
                     const std::string& epilogue = "") {
  std::string body = preamble;
  for (const std::string& data : datas)
    body += partText(data, "Content-Type: application/dicom\r\n");
  body += "\r\n--" + kBoundary + "--" + epilogue;
  // Without a preamble the first delimiter opens the body, without its CRLF.
  if (preamble.empty())
    body.erase(0, 2);
  return body;
}

std::vector<Part> dicomParts(const std::vector<std::string>& datas) {
  std::vector<Part> parts;
  for (const std::string& data : datas)
    parts.push_back({{{"Content-Type", "application/dicom"}}, data, true});
  return parts;
}

void expectParts(const std::string& body, const std::vector<std::string>& datas) {
  const Outcome outcome = readAllChunkings(body);
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.parts, dicomParts(datas));
  EXPECT_EQ(outcome.partsCompleted, datas.size());
}

void expectError(const std::string& body, const std::string& message, MultipartLimits limits = {}) {
  const Outcome outcome = readAllChunkings(body, limits);
  EXPECT_EQ(outcome.error, message);
}

// Data that looks like a delimiter in every way short of being one. (At the start of a line,
// which includes the start of a part's data, "--" boundary is a delimiter: RFC 2046 §5.1.1.)
std::string nearDelimiters() {
  std::string data = "x--" + kBoundary + " \r\n-- \r\n--\r\n\r\n\r\r\n-\r\n--" +
                     kBoundary.substr(0, kBoundary.size() - 1) + "x\n--" + kBoundary + "\r\n--";
  for (int byte = 0; byte < 256; ++byte)
    data += static_cast<char>(byte);
  data += "\r\n--" + kBoundary.substr(0, 5) + "\r\r\n--" + kBoundary.substr(0, 9) + "\r";
  return data;
}

// --- Content-Type ------------------------------------------------------------------------

TEST(MultipartContentType, FindsTheBoundaryQuotedOrNotInAnyOrder) {
  EXPECT_EQ(boundaryFromContentType("multipart/related; boundary=abc"), "abc");
  EXPECT_EQ(
      boundaryFromContentType("multipart/related; type=\"application/dicom\"; boundary=\"a b:c?\""),
      "a b:c?");
  EXPECT_EQ(boundaryFromContentType(
                "Multipart/Related;BOUNDARY=\"x\\yz\";Type=\"application/dicom; q=1\""),
            "xyz");
  EXPECT_EQ(boundaryFromContentType("  multipart/RELATED ;  boundary = 1234 ; "), "1234");
  EXPECT_EQ(boundaryFromContentType("multipart/related;; transfer-syntax=*;boundary=z"), "z");
}

TEST(MultipartContentType, AcceptsBoundariesUpToSeventyCharacters) {
  const std::string seventy(70, 'b');
  EXPECT_EQ(boundaryFromContentType("multipart/related; boundary=" + seventy), seventy);
  EXPECT_THROW(boundaryFromContentType("multipart/related; boundary=" + seventy + "b"),
               MultipartError);
}

void expectContentTypeError(const std::string& contentType, const std::string& message) {
  try {
    boundaryFromContentType(contentType);
    ADD_FAILURE() << "accepted " << contentType;
  } catch (const MultipartError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(MultipartContentType, RefusesWithAClearMessage) {
  expectContentTypeError("multipart/related; type=\"application/dicom\"",
                         "multipart: missing boundary: Content-Type 'multipart/related; "
                         "type=\"application/dicom\"' has no boundary parameter");
  expectContentTypeError("text/html; charset=utf-8",
                         "multipart: Content-Type 'text/html; charset=utf-8' is not "
                         "multipart/related");
  expectContentTypeError("multipart/mixed; boundary=x",
                         "multipart: Content-Type 'multipart/mixed; boundary=x' is not "
                         "multipart/related");
  expectContentTypeError("multipart/related; boundary=a; boundary=b",
                         "multipart: Content-Type 'multipart/related; boundary=a; boundary=b' "
                         "has more than one boundary parameter");
  expectContentTypeError("multipart/related; boundary=\"\"",
                         "multipart: missing boundary: the boundary is empty");
  expectContentTypeError("multipart/related; boundary=" + std::string(71, 'b'),
                         "multipart: boundary has 71 characters, more than the 70 of RFC 2046");
}

TEST(MultipartContentType, RefusesInvalidBoundaryCharactersAndSyntax) {
  expectContentTypeError("multipart/related; boundary=\"ab*c\"",
                         "multipart: boundary 'ab*c' contains '*', not allowed by RFC 2046");
  expectContentTypeError("multipart/related; boundary=\"abc \"",
                         "multipart: boundary 'abc ' ends in a space, not allowed by RFC 2046");
  expectContentTypeError("multipart/related; boundary=\"abc",
                         "multipart: Content-Type 'multipart/related; boundary=\"abc': expected "
                         "the closing '\"', found the end at position 32");
  expectContentTypeError("multipart/related boundary=abc",
                         "multipart: Content-Type 'multipart/related boundary=abc': expected "
                         "';', found 'b' at position 18");
  expectContentTypeError("multipart/related; boundary=\"a\x01\"",
                         "multipart: Content-Type 'multipart/related; boundary=\"a\\x01\"': "
                         "expected a printable character in the quoted value, found '\\x01' at "
                         "position 30");
  expectContentTypeError("",
                         "multipart: Content-Type '': expected media type, found the end at "
                         "position 0");
}

TEST(MultipartContentType, ParsesAnyMultipartWithItsParameters) {
  const MultipartContentType mixed = parseMultipartContentType(
      "multipart/Mixed; Type=\"application/dicom\"; boundary=q; "
      "transfer-syntax=1.2.840.10008.1.2.1");
  EXPECT_EQ(mixed.subtype, "mixed");
  EXPECT_EQ(mixed.boundary, "q");
  EXPECT_EQ(mixed.parameter("TYPE"), "application/dicom");
  EXPECT_EQ(mixed.parameter("transfer-syntax"), "1.2.840.10008.1.2.1");
  EXPECT_EQ(mixed.parameter("start"), "");
  EXPECT_THROW(parseMultipartContentType("application/dicom; boundary=q"), MultipartError);
}

// --- Valid bodies ----------------------------------------------------------------------------

TEST(MultipartReader, ReadsZeroOneAndThreeParts) {
  expectParts("--" + kBoundary + "--", {});
  expectParts(makeBody({"DICM one part"}), {"DICM one part"});
  expectParts(makeBody({"first", "", "third\r\n"}), {"first", "", "third\r\n"});
}

// A delimiter right after the empty line that ends the headers: the part is empty (the CRLF is
// both the empty line and the delimiter's, as in Go's mime/multipart).
TEST(MultipartReader, ReadsEmptyPartsWithoutAnEmptyBodyLine) {
  const std::string b = "--" + kBoundary;
  const Outcome outcome = readAllChunkings(b + "\r\n\r\n" + b + "\r\nContent-Type: a/b\r\n\r\n" +
                                           b + "\r\nContent-Type: a/b\r\n\r\n\r\n" + b +
                                           "\r\n\r\n\r\n\r\nx\r\n" + b + "--");
  EXPECT_EQ(outcome.error, "");
  const std::vector<Part> expected = {{{}, "", true},
                                      {{{"Content-Type", "a/b"}}, "", true},
                                      {{{"Content-Type", "a/b"}}, "", true},
                                      {{}, "\r\n\r\nx", true}};
  EXPECT_EQ(outcome.parts, expected);
}

TEST(MultipartReader, KeepsBinaryDataThatResemblesDelimiters) {
  const std::string tricky = nearDelimiters();
  expectParts(makeBody({tricky, tricky + tricky, "\r"}), {tricky, tricky + tricky, "\r"});
}

TEST(MultipartReader, KeepsEveryByteValueInRandomData) {
  std::mt19937 random(7);
  std::vector<std::string> datas;
  for (int part = 0; part < 3; ++part) {
    std::string data;
    for (int i = 0; i < 2000; ++i) {
      // CR, LF and '-' often, so near-delimiters occur by chance.
      const auto r = random() % 8;
      data += r == 0 ? '\r' : r == 1 ? '\n' : r == 2 ? '-' : static_cast<char>(random() % 256);
    }
    datas.push_back(data);
  }
  expectParts(makeBody(datas), datas);
}

TEST(MultipartReader, IgnoresPreambleAndEpilogue) {
  const std::string preamble = "This is a preamble.\r\n--" + kBoundary.substr(0, 4) + "\r\n--" +
                               kBoundary + "x is not a delimiter either?\r\n";
  // The delimiter in the preamble above is followed by 'x': the body is broken, not a preamble.
  EXPECT_NE(readWhole(makeBody({"a"}, preamble)).error, "");

  const std::string fine = "preamble\r\n-- " + kBoundary + "\r\n\r\n--\r\n";
  const std::string epilogue = "\r\nepilogue\r\n--" + kBoundary + "\r\nbroken: ignored\n";
  expectParts(makeBody({"a", "b"}, fine, epilogue), {"a", "b"});
}

TEST(MultipartReader, AcceptsTransportPaddingAfterTheBoundary) {
  const std::string body = "--" + kBoundary + " \t \r\nContent-Type: application/dicom\r\n\r\n" +
                           "x\r\n--" + kBoundary + "\t\r\nContent-Type: application/dicom\r\n\r\n" +
                           "y\r\n--" + kBoundary + "--  \r\n";
  expectParts(body, {"x", "y"});
}

TEST(MultipartReader, ReadsHeaderFields) {
  const std::string body = "--" + kBoundary + "\r\n\r\nno headers\r\n--" + kBoundary +
                           "\r\ncontent-type:  application/dicom \r\n"
                           "Content-Location: http://x/studies/1\r\n"
                           "X-Folded: one\r\n two\r\n\tthree\r\n"
                           "Content-Type: second/ignored\r\n"
                           "X-Empty:\r\n"
                           "\r\ndata\r\n--" +
                           kBoundary + "--";
  Collector collector;
  std::vector<PartHeaders> seen;
  auto callbacks = collector.callbacks();
  callbacks.onPartBegin = [&, begin = callbacks.onPartBegin](const PartHeaders& headers) {
    seen.push_back(headers);
    begin(headers);
  };
  MultipartReader reader(kBoundary, callbacks);
  reader.feed(body.data(), body.size());
  reader.finish();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].fields.empty());
  EXPECT_EQ(seen[0].contentType(), "");
  EXPECT_EQ(seen[1].contentType(), "application/dicom");
  EXPECT_EQ(seen[1].value("CONTENT-LOCATION"), "http://x/studies/1");
  EXPECT_EQ(seen[1].value("x-folded"), "one two three");
  EXPECT_EQ(seen[1].value("X-Empty"), "");
  EXPECT_EQ(seen[1].value("Absent"), "");
  EXPECT_EQ(seen[1].fields.size(), 5u);
  EXPECT_EQ(seen[1].fields[0].first, "content-type");
  EXPECT_EQ(reader.partsCompleted(), 2u);
}

TEST(MultipartReader, EmptyCallbacksAreAllowed) {
  MultipartReader reader(kBoundary, {});
  const std::string body = makeBody({"a", "b"});
  reader.feed(body.data(), body.size());
  reader.finish();
  EXPECT_TRUE(reader.complete());
  EXPECT_EQ(reader.partsCompleted(), 2u);
}

TEST(MultipartReader, WorksWithAOneCharacterAndARepetitiveBoundary) {
  // A boundary whose delimiter overlaps itself in data: "-" makes the delimiter "\r\n---".
  for (const std::string& boundary : {"-"s, "--"s, "a"s}) {
    const std::string data = "\r\n--\r\n-\r\r\n--" + boundary.substr(1) + "x";
    const std::string body = "--" + boundary + "\r\n\r\n" + data + "\r\n--" + boundary + "--";
    for (std::size_t chunk = 1; chunk <= 5; ++chunk) {
      const Outcome outcome = readInChunksOf(body, chunk, {}, boundary);
      EXPECT_EQ(outcome.error, "") << boundary;
      ASSERT_EQ(outcome.parts.size(), 1u) << boundary;
      EXPECT_EQ(outcome.parts[0].data, data) << boundary;
    }
  }
}

// --- Errors ------------------------------------------------------------------------------

TEST(MultipartReaderErrors, HeaderTooLong) {
  MultipartLimits limits;
  limits.maxHeaderBytes = 40;
  // "Content-Type: application/dicom" CRLF CRLF is 35 bytes: within the limit.
  EXPECT_EQ(readAllChunkings(makeBody({"ok"}), limits).error, "");
  const std::string longField = "X-Long: " + std::string(40, 'a') + "\r\n";
  const std::string body =
      "--" + kBoundary + "\r\n" + longField + "\r\ndata\r\n--" + kBoundary + "--";
  // The header block starts at byte 19 (after "--nbra-0123456789\r\n"); the 41st byte fails.
  expectError(body, "multipart: part 1 headers are longer than the limit of 40 bytes at byte 59",
              limits);
  // Exactly 40 bytes pass.
  const std::string exact =
      "--" + kBoundary + "\r\nX: " + std::string(33, 'a') + "\r\n\r\nd\r\n--" + kBoundary + "--";
  EXPECT_EQ(readAllChunkings(exact, limits).error, "");
}

TEST(MultipartReaderErrors, TooManyParts) {
  MultipartLimits limits;
  limits.maxParts = 2;
  EXPECT_EQ(readAllChunkings(makeBody({"a", "b"}), limits).error, "");
  const std::string body = makeBody({"a", "b", "c"});
  const std::size_t third =
      body.find("\r\n--" + kBoundary + "\r\n", body.find("\r\nb")) + kBoundary.size() + 6;
  expectError(body, "multipart: more than 2 parts at byte " + std::to_string(third), limits);
  EXPECT_EQ(readWhole(body, limits).partsCompleted, 2u);
}

TEST(MultipartReaderErrors, PartTooLarge) {
  MultipartLimits limits;
  limits.maxPartBytes = 10;
  EXPECT_EQ(readAllChunkings(makeBody({"0123456789", "abc"}), limits).error, "");
  const std::string body = makeBody({"abc", "0123456789X"});
  const std::size_t second = body.find("0123456789X");
  expectError(body,
              "multipart: part 2 is larger than the limit of 10 bytes at byte " +
                  std::to_string(second + 10),
              limits);
  // Exactly the allowed bytes are handed on, whatever the chunking.
  for (std::size_t chunk = 1; chunk <= 17; ++chunk) {
    const Outcome outcome = readInChunksOf(body, chunk, limits);
    ASSERT_EQ(outcome.parts.size(), 2u);
    EXPECT_EQ(outcome.parts[1].data, "0123456789");
    EXPECT_FALSE(outcome.parts[1].ended);
  }
}

TEST(MultipartReaderErrors, MalformedHeaderLines) {
  const std::string start = "--" + kBoundary + "\r\n";  // 19 bytes
  const std::string end = "\r\ndata\r\n--" + kBoundary + "--";
  expectError(start + "Content-Type: a/b\r\nNo colon here\r\n" + end,
              "multipart: part 1 header: malformed line (no ':') 'No colon here' at byte 38");
  expectError(start + "Bad Name: x\r\n" + end,
              "multipart: part 1 header: malformed field name 'Bad Name' at byte 19");
  expectError(start + ": x\r\n" + end,
              "multipart: part 1 header: malformed field name '' at byte 19");
  expectError(start + " folded: first\r\n" + end,
              "multipart: part 1 header: folded line before any field ' folded: first' at byte 19");
  expectError(start + "A: b\rc\r\n" + end,
              "multipart: part 1 header: control character '\\x0D' in line at byte 19");
  expectError(start + "A: b"s + '\0' + "c\r\n" + end,
              "multipart: part 1 header: control character '\\x00' in line at byte 19");
  expectError(start + "A: b\nB: c\r\n" + end,
              "multipart: part 1 header: bare LF (line ends must be CRLF) at byte 23");
  expectError(start + "A: b\r\n\n" + end,
              "multipart: part 1 header: bare LF (line ends must be CRLF) at byte 25");
}

TEST(MultipartReaderErrors, GarbageAfterTheBoundary) {
  const std::string b = "--" + kBoundary;  // 17 bytes
  expectError(b + "X\r\n\r\n" + b + "--",
              "multipart: expected CRLF or \"--\" after the boundary, found 'X' at byte 17");
  expectError(b + "  X\r\n\r\n" + b + "--",
              "multipart: expected CRLF or \"--\" after the boundary, found 'X' at byte 19");
  expectError(b + "-X",
              "multipart: expected \"--\" after the boundary, found '-' then 'X' at byte 18");
  expectError(b + "\n\r\n",
              "multipart: bare LF after the boundary (line ends must be CRLF) at byte 17");
  expectError(b + "\rX",
              "multipart: CR not followed by LF after the boundary, found 'X' at byte 18");
  // In data: a delimiter followed by anything else is not data, the boundary was in the part.
  const std::string body = makeBody({"abc\r\n--" + kBoundary + "-not-the-end"});
  const std::size_t at = body.find("-not-the-end") + 1;
  expectError(body, "multipart: expected \"--\" after the boundary, found '-' then 'n' at byte " +
                        std::to_string(at));
  // The part before such a delimiter is not reported whole.
  const Outcome outcome = readWhole(body);
  ASSERT_EQ(outcome.parts.size(), 1u);
  EXPECT_FALSE(outcome.parts[0].ended);
  EXPECT_EQ(outcome.partsCompleted, 0u);
}

TEST(MultipartReaderErrors, TruncatedBodyNamesTheCompleteParts) {
  const std::string body = makeBody({"first", "second part"});
  const std::string cut = body.substr(0, body.find("part\r\n--"));
  expectError(cut, "multipart: body truncated at byte " + std::to_string(cut.size()) +
                       " in the data of part 2: 1 part(s) complete, no close delimiter");
  // Held back as a possible delimiter, then the body ends: still truncated, not data.
  const std::string inDelimiter = body.substr(0, body.size() - 4);
  expectError(inDelimiter, "multipart: body truncated at byte " +
                               std::to_string(inDelimiter.size()) +
                               " in the data of part 2: 1 part(s) complete, no close delimiter");
  expectError(body.substr(0, body.size() - 1),
              "multipart: body truncated at byte " + std::to_string(body.size() - 1) +
                  " in a delimiter line: 1 part(s) complete, no close delimiter");
  expectError(body.substr(0, 25),
              "multipart: body truncated at byte 25 in the headers of part 1: 0 part(s) complete, "
              "no close delimiter");
  expectError("",
              "multipart: body truncated at byte 0 before any delimiter (is the boundary "
              "right?): 0 part(s) complete, no close delimiter");
  const Outcome wrongBoundary = readInChunksOf(body, 3, {}, "other");
  EXPECT_EQ(wrongBoundary.error,
            "multipart: body truncated at byte " + std::to_string(body.size()) +
                " before any delimiter (is the boundary right?): 0 part(s) complete, no close "
                "delimiter");
}

TEST(MultipartReaderErrors, MissingBoundary) {
  try {
    MultipartReader reader("", {});
    ADD_FAILURE() << "accepted an empty boundary";
  } catch (const MultipartError& e) {
    EXPECT_EQ(std::string(e.what()), "multipart: missing boundary: the boundary is empty");
  }
  EXPECT_THROW(MultipartReader("bad\r\nboundary", {}), MultipartError);
}

TEST(MultipartReaderErrors, DataAfterFinish) {
  MultipartReader reader(kBoundary, {});
  const std::string body = makeBody({"a"});
  reader.feed(body.data(), body.size());
  reader.finish();
  try {
    reader.feed("x", 1);
    ADD_FAILURE() << "accepted data after finish()";
  } catch (const MultipartError& e) {
    EXPECT_EQ(std::string(e.what()),
              "multipart: feed() after finish(): data after the end of the body");
  }
  EXPECT_THROW(reader.finish(), MultipartError);
}

TEST(MultipartReaderErrors, StaysFailedAfterAnError) {
  MultipartReader reader(kBoundary, {});
  const std::string bad = "--" + kBoundary + "X";
  EXPECT_THROW(reader.feed(bad.data(), bad.size()), MultipartError);
  const std::string good = makeBody({"a"});
  const std::string again =
      "multipart: the reader already failed: expected CRLF or \"--\" after the boundary, found "
      "'X' at byte 17";
  try {
    reader.feed(good.data(), good.size());
    ADD_FAILURE() << "accepted data after an error";
  } catch (const MultipartError& e) {
    EXPECT_EQ(std::string(e.what()), again);
  }
  try {
    reader.finish();
    ADD_FAILURE() << "finished after an error";
  } catch (const MultipartError& e) {
    EXPECT_EQ(std::string(e.what()), again);
  }
  EXPECT_FALSE(reader.complete());
}

TEST(MultipartReaderErrors, StaysFailedAfterACallbackThrew) {
  MultipartReader::Callbacks callbacks;
  callbacks.onPartData = [](const char*, std::size_t) { throw std::runtime_error("disk full"); };
  MultipartReader reader(kBoundary, callbacks);
  const std::string body = makeBody({"a"});
  EXPECT_THROW(reader.feed(body.data(), body.size()), std::runtime_error);
  try {
    reader.finish();
    ADD_FAILURE() << "finished after a callback threw";
  } catch (const MultipartError& e) {
    EXPECT_EQ(std::string(e.what()), "multipart: the reader already failed: disk full");
  }
}

// --- Memory and time ---------------------------------------------------------------------------

// 64 MiB of data dense with near-delimiters: handed on as it arrives (the reader holds at most
// a partial delimiter), byte-exact, in linear time, whether fed by the byte or by 64 KiB.
TEST(MultipartReaderLarge, SixtyFourMebibytePartStreamsInBoundedMemory) {
  constexpr std::size_t kSize = 64u << 20;
  std::string data;
  data.reserve(kSize);
  std::mt19937 random(99);
  const std::string near = "\r\n--" + kBoundary.substr(0, kBoundary.size() - 1);
  while (data.size() < kSize) {
    if (random() % 64 == 0)
      data += near.substr(0, 1 + random() % near.size()) + "x";  // 'x' never completes it
    else
      data += static_cast<char>(random() % 256);
  }
  data.resize(kSize);
  const std::string body = makeBody({data, "tail"});
  const std::size_t limitHeld = kBoundary.size() + 4 + MultipartLimits{}.maxHeaderBytes;

  for (const std::size_t chunk : {std::size_t{1}, std::size_t{64 * 1024}}) {
    std::size_t received = 0;
    std::size_t receivedAtEnd = 0;
    bool same = true;
    int part = 0;
    MultipartReader::Callbacks callbacks;
    callbacks.onPartBegin = [&](const PartHeaders&) { ++part; };
    callbacks.onPartData = [&](const char* bytes, std::size_t size) {
      if (part == 1) {
        same =
            same && received + size <= data.size() &&
            std::equal(bytes, bytes + size, data.begin() + static_cast<std::ptrdiff_t>(received));
        received += size;
      }
    };
    std::size_t receivedBeforeLastFeed = 0;
    callbacks.onPartEnd = [&] {
      if (part == 1)
        receivedAtEnd = receivedBeforeLastFeed;
    };
    MultipartReader reader(kBoundary, callbacks);
    std::size_t maxHeld = 0;
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t pos = 0; pos < body.size(); pos += chunk) {
      receivedBeforeLastFeed = received;
      reader.feed(body.data() + pos, std::min(chunk, body.size() - pos));
      maxHeld = std::max(maxHeld, reader.bufferedBytes());
    }
    reader.finish();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_TRUE(same) << "chunk " << chunk;
    EXPECT_EQ(received, data.size()) << "chunk " << chunk;
    EXPECT_EQ(reader.partsCompleted(), 2u);
    EXPECT_LE(maxHeld, limitHeld) << "chunk " << chunk;
    // Data is handed on eagerly: before the feed that ends the part, all of it but the last
    // chunk (and a possible partial delimiter) had been received.
    EXPECT_GE(receivedAtEnd + chunk + kBoundary.size() + 4, data.size()) << "chunk " << chunk;
    // Linear: 64 Mi bytes take about a second even one at a time; a rescan would take hours.
    EXPECT_LT(seconds, 30.0) << "chunk " << chunk;
    std::printf("64 MiB part in chunks of %zu: %.2f s, at most %zu bytes held\n", chunk, seconds,
                maxHeld);
  }
}

TEST(MultipartReaderLarge, HeldBytesNeverExceedAPartialDelimiterOrTheHeaderLimit) {
  MultipartLimits limits;
  limits.maxHeaderBytes = 64;
  const std::string tricky = nearDelimiters();
  const std::string body = makeBody({tricky, tricky}, "pre\r\n--" + kBoundary.substr(0, 8));
  MultipartReader reader(kBoundary, {}, limits);
  std::size_t maxHeld = 0;
  for (const char c : body) {
    reader.feed(&c, 1);
    maxHeld = std::max(maxHeld, reader.bufferedBytes());
  }
  reader.finish();
  EXPECT_LE(maxHeld, limits.maxHeaderBytes);
}

}  // namespace
}  // namespace nbra::dicom::web
