#include "dicom/deid/TextCleaner.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <unordered_map>

namespace nbra::dicom::deid {
namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n^_-,.;:/");
  if (first == std::string::npos)
    return {};
  const auto last = text.find_last_not_of(" \t\r\n^_-,.;:/");
  return text.substr(first, last - first + 1);
}

}  // namespace

void TextCleaner::addIdentifier(const std::string& value) {
  // A person name's components (PN uses '^' between them) are removed one by one.
  std::string part;
  auto flush = [&] {
    const std::string t = trim(part);
    if (t.size() >= 2)
      identifiers_.push_back(upper(t));
    part.clear();
  };
  for (char c : value) {
    if (c == '^' || c == '\\' || c == '=') {
      flush();
    } else {
      part += c;
    }
  }
  flush();
  const std::string whole = trim(value);
  if (whole.size() >= 2)
    identifiers_.push_back(upper(whole));
  // Longest first, so that a full name goes before its parts.
  std::sort(identifiers_.begin(), identifiers_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  identifiers_.erase(std::unique(identifiers_.begin(), identifiers_.end()), identifiers_.end());
}

std::string TextCleaner::clean(const std::string& text) const {
  std::string result = text;
  std::string upperResult = upper(result);
  for (const std::string& id : identifiers_) {
    std::size_t at = 0;
    while ((at = upperResult.find(id, at)) != std::string::npos) {
      result.erase(at, id.size());
      upperResult.erase(at, id.size());
    }
  }
  // Dates (2026-01-12, 12/01/2026, 12.01.26) and long digit runs (record numbers, 20260112).
  // std::regex is slow and every file of a series repeats the same descriptions: the result,
  // a function of the text alone, is remembered per thread (bounded).
  if (std::any_of(result.begin(), result.end(),
                  [](unsigned char c) { return std::isdigit(c) != 0; })) {
    thread_local std::unordered_map<std::string, std::string> memo;
    const auto known = memo.find(result);
    if (known != memo.end()) {
      result = known->second;
    } else {
      static const std::regex dates(R"(\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b)");
      static const std::regex digitRuns(R"(\d{5,})");
      std::string cleaned = std::regex_replace(result, dates, "");
      cleaned = std::regex_replace(cleaned, digitRuns, "");
      if (memo.size() > 4096)
        memo.clear();
      memo.emplace(result, cleaned);
      result = std::move(cleaned);
    }
  }
  // Collapse the spaces the removals left.
  std::string collapsed;
  for (char c : result) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ')
      continue;
    collapsed += c;
  }
  return trim(collapsed);
}

}  // namespace nbra::dicom::deid
