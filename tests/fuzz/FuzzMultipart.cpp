// The multipart reader of DICOMweb answers (dicom/web/MultipartReader), a body from the network.
// Each input is read twice over: with a fixed boundary, and with the boundary of its first line
// taken as a Content-Type value (the rest being the body). Each body is fed whole, in two
// chunks split where the first byte says, and byte by byte when small; the three must agree
// exactly (parts, headers, data, error message), and the reader's buffer must stay within its
// bound after every feed. A MultipartError ends an input quietly; anything else is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dicom/web/MultipartReader.h"

namespace {

using nbra::dicom::web::MultipartError;
using nbra::dicom::web::MultipartLimits;
using nbra::dicom::web::MultipartReader;
using nbra::dicom::web::PartHeaders;

// Small limits, so inputs of a few KiB reach every refusal.
MultipartLimits fuzzLimits() {
  MultipartLimits limits;
  limits.maxHeaderBytes = 256;
  limits.maxPartBytes = 4096;
  limits.maxParts = 32;
  return limits;
}

struct Part {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string data;
  bool ended = false;
  bool operator==(const Part&) const = default;
};

struct Outcome {
  std::vector<Part> parts;
  std::string error;
  std::size_t partsCompleted = 0;
  bool complete = false;
  bool operator==(const Outcome&) const = default;
};

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "fuzz_multipart: %s\n", what);
  std::abort();
}

// Feeds `body` cut at each of `cuts` (ascending), then finishes, checking the invariants.
Outcome read(std::string_view body, const std::string& boundary,
             const std::vector<std::size_t>& cuts) {
  const MultipartLimits limits = fuzzLimits();
  Outcome outcome;
  bool open = false;
  MultipartReader::Callbacks callbacks;
  callbacks.onPartBegin = [&](const PartHeaders& headers) {
    if (open)
      finding("part begun inside a part");
    open = true;
    outcome.parts.push_back({headers.fields, "", false});
  };
  callbacks.onPartData = [&](const char* data, std::size_t size) {
    if (!open || size == 0)
      finding("data outside a part, or empty");
    outcome.parts.back().data.append(data, size);
    if (outcome.parts.back().data.size() > limits.maxPartBytes)
      finding("part larger than its limit handed on");
  };
  callbacks.onPartEnd = [&] {
    if (!open)
      finding("end outside a part");
    open = false;
    outcome.parts.back().ended = true;
  };
  MultipartReader reader(boundary, callbacks, limits);
  // A partial delimiter ("\r\n--" + boundary, less its last byte) or a header block.
  const std::size_t bound = std::max(boundary.size() + 3, limits.maxHeaderBytes);
  try {
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
      reader.feed(body.data() + from, cut - from);
      from = cut;
      if (reader.bufferedBytes() > bound)
        finding("more buffered than the bound");
    }
    reader.feed(body.data() + from, body.size() - from);
    reader.finish();
  } catch (const MultipartError& e) {
    outcome.error = e.what();
    if (outcome.error.empty())
      finding("error without a message");
  }
  outcome.partsCompleted = reader.partsCompleted();
  outcome.complete = reader.complete();
  if (outcome.parts.size() > limits.maxParts || outcome.partsCompleted > outcome.parts.size())
    finding("part count out of bounds");
  if (outcome.error.empty() != outcome.complete)
    finding("accepted without the close delimiter, or refused after it");
  return outcome;
}

void readEveryWay(std::string_view body, const std::string& boundary, std::uint8_t cutByte) {
  const Outcome whole = read(body, boundary, {});
  const std::size_t cut = body.size() * cutByte / 256;
  if (!(read(body, boundary, {cut}) == whole))
    finding("two chunks disagree with one");
  if (body.size() <= 2048) {
    std::vector<std::size_t> bytes;
    for (std::size_t i = 1; i < body.size(); ++i)
      bytes.push_back(i);
    if (!(read(body, boundary, bytes) == whole))
      finding("single bytes disagree with one chunk");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  readEveryWay(input, "nbra-fuzz-boundary", data[0]);

  const std::size_t lineEnd = input.find('\n');
  if (lineEnd == std::string_view::npos)
    return 0;
  std::string_view contentType = input.substr(0, lineEnd);
  if (!contentType.empty() && contentType.back() == '\r')
    contentType.remove_suffix(1);
  std::string boundary;
  try {
    (void)nbra::dicom::web::parseMultipartContentType(contentType);
    boundary = nbra::dicom::web::boundaryFromContentType(contentType);
  } catch (const MultipartError&) {
    return 0;
  }
  readEveryWay(input.substr(lineEnd + 1), boundary, data[0]);
  return 0;
}
