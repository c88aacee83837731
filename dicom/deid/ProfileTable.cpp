#include "dicom/deid/ProfileTable.h"

#include <stdexcept>

namespace nbra::dicom::deid {

// Defined in the file the build generates from ps3.15-table-e1-1.tsv (ProfileTableText.cpp.in).
extern const char* const kProfileTableTsv;

namespace {

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) {
      return cells;
    }
    start = tab + 1;
  }
}

// Four hex digits, or two hex digits followed by "xx" (a repeating group), or "xxxx".
bool parseHalf(std::string_view text, std::uint16_t& value, std::uint16_t& mask) {
  value = 0;
  mask = 0;
  if (text.size() != 4) {
    return false;
  }
  for (char c : text) {
    value = static_cast<std::uint16_t>(value << 4);
    mask = static_cast<std::uint16_t>(mask << 4);
    if (c == 'x') {
      continue;
    }
    int digit = -1;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    if (c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    if (digit < 0) {
      return false;
    }
    value = static_cast<std::uint16_t>(value | digit);
    mask = static_cast<std::uint16_t>(mask | 0xF);
  }
  return true;
}

}  // namespace

ProfileTable ProfileTable::parse(std::string_view tsv) {
  ProfileTable table;
  bool headerSeen = false;
  std::size_t lineNumber = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos)
      end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++lineNumber;
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const auto cells = splitTabs(line);
    const std::string where = "confidentiality profile table, line " + std::to_string(lineNumber);
    if (cells.size() != 15) {
      throw std::runtime_error(where + ": expected 15 tab-separated columns, found " +
                               std::to_string(cells.size()));
    }
    if (!headerSeen) {
      if (cells[0] != "name" || cells[1] != "tag" || cells[4] != "basic") {
        throw std::runtime_error(where +
                                 ": the header line (name, tag, ..., basic, ...) is missing");
      }
      headerSeen = true;
      continue;
    }
    ProfileRow row;
    row.name = std::string(cells[0]);
    if (cells[1].size() != 8 || !parseHalf(cells[1].substr(0, 4), row.group, row.groupMask) ||
        !parseHalf(cells[1].substr(4, 4), row.element, row.elementMask)) {
      throw std::runtime_error(where + ": tag '" + std::string(cells[1]) +
                               "' is not 8 hexadecimal digits (or 'x' wildcards)");
    }
    row.basic = std::string(cells[4]);
    if (row.basic.empty()) {
      throw std::runtime_error(where + ": " + row.name + " has no basic profile action");
    }
    for (std::size_t k = 0; k < kProfileOptionCount; ++k) {
      row.options[k] = std::string(cells[5 + k]);
    }
    const std::size_t index = table.rows_.size();
    const bool exact = row.groupMask == 0xFFFF && row.elementMask == 0xFFFF;
    const std::uint32_t key = (std::uint32_t{row.group} << 16) | row.element;
    table.rows_.push_back(std::move(row));
    if (exact) {
      if (!table.exact_.emplace(key, index).second) {
        throw std::runtime_error(where + ": the tag appears twice");
      }
    } else {
      table.wildcards_.push_back(index);
    }
  }
  if (!headerSeen || table.rows_.empty()) {
    throw std::runtime_error("confidentiality profile table: no rows");
  }
  return table;
}

const ProfileTable& ProfileTable::standard() {
  static const ProfileTable table = parse(kProfileTableTsv);
  return table;
}

std::string_view ProfileTable::standardText() {
  return kProfileTableTsv;
}

const ProfileRow* ProfileTable::find(std::uint16_t group, std::uint16_t element) const {
  const auto it = exact_.find((std::uint32_t{group} << 16) | element);
  if (it != exact_.end()) {
    return &rows_[it->second];
  }
  for (std::size_t index : wildcards_) {
    if (rows_[index].matches(group, element)) {
      return &rows_[index];
    }
  }
  return nullptr;
}

}  // namespace nbra::dicom::deid
