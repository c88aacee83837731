#include "dicom/deid/TextCleaner.h"

#include <algorithm>
#include <cctype>

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

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Removes dates written with separators (2026-01-12, 12/01/2026, 12.01.26: 1-4 digits, '-', '/'
// or '.', 1-2 digits, the same kinds of separator, 1-4 digits) and runs of five or more digits
// (record numbers, 20260112). One pass, no backtracking: std::regex recurses per character and a
// long run of digits in a hostile LT or UT value would overflow the stack.
std::string withoutDatesAndRecordNumbers(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  auto digitsFrom = [&](std::size_t at) {
    std::size_t n = 0;
    while (at + n < text.size() && isDigit(text[at + n]))
      ++n;
    return n;
  };
  auto isSeparator = [](char c) { return c == '-' || c == '/' || c == '.'; };
  while (i < text.size()) {
    const bool wordStart = i == 0 || !isDigit(text[i - 1]);
    const std::size_t first = isDigit(text[i]) && wordStart ? digitsFrom(i) : 0;
    if (first == 0) {
      out += text[i++];
      continue;
    }
    if (first >= 5) {  // a record number or an undivided date
      i += first;
      continue;
    }
    // d{1,4} sep d{1,2} sep d{1,4}, not followed by another digit.
    std::size_t at = i + first;
    if (at < text.size() && isSeparator(text[at])) {
      const std::size_t second = digitsFrom(at + 1);
      const std::size_t afterSecond = at + 1 + second;
      if (second >= 1 && second <= 2 && afterSecond < text.size() &&
          isSeparator(text[afterSecond])) {
        const std::size_t third = digitsFrom(afterSecond + 1);
        if (third >= 1 && third <= 4) {
          i = afterSecond + 1 + third;
          continue;
        }
      }
    }
    out.append(text, i, first);
    i += first;
  }
  return out;
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
  result = withoutDatesAndRecordNumbers(result);
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
