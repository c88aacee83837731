#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nbra::dicom::deid {

// The options of DICOM PS3.15 Annex E, in the column order of Table E.1-1.
enum class ProfileOption : std::uint8_t {
  RetainSafePrivate,
  RetainUids,
  RetainDeviceIdentity,
  RetainInstitutionIdentity,
  RetainPatientCharacteristics,
  RetainLongitudinalFullDates,
  RetainLongitudinalModifiedDates,
  CleanDescriptors,
  CleanStructuredContent,
  CleanGraphics,
};
inline constexpr std::size_t kProfileOptionCount = 10;

// One attribute of Table E.1-1: its tag (with 'xx' wildcards as masks), the basic profile's
// action code and each option's code ("" where the option says nothing), as the standard
// writes them ("X", "Z", "D", "K", "C", "U", "X/Z", "X/Z/D", ...).
struct ProfileRow {
  std::string name;
  std::uint16_t group = 0;
  std::uint16_t element = 0;
  std::uint16_t groupMask = 0xFFFF;    // 0xFF00 for a repeating group such as 60xx
  std::uint16_t elementMask = 0xFFFF;  // 0x0000 for (50xx,xxxx)
  std::string basic;
  std::array<std::string, kProfileOptionCount> options;

  bool matches(std::uint16_t g, std::uint16_t e) const {
    // Repeating groups (50xx, 60xx) are even: an odd group is private, never a curve or overlay.
    if (groupMask != 0xFFFF && g % 2 == 1)
      return false;
    return (g & groupMask) == group && (e & elementMask) == element;
  }
  const std::string& option(ProfileOption o) const { return options[static_cast<std::size_t>(o)]; }
};

// Table E.1-1, parsed from the tab-separated transcription dicom/deid/ps3.15-table-e1-1.tsv
// that the build compiles in. Throws std::runtime_error naming the line when the text is not
// such a table.
class ProfileTable {
 public:
  static ProfileTable parse(std::string_view tsv);
  // The table NBRA applies (parsed once).
  static const ProfileTable& standard();
  // The compiled-in text, for tests that read the table themselves.
  static std::string_view standardText();

  const ProfileRow* find(std::uint16_t group, std::uint16_t element) const;
  const std::vector<ProfileRow>& rows() const { return rows_; }

 private:
  std::vector<ProfileRow> rows_;
  std::unordered_map<std::uint32_t, std::size_t> exact_;
  std::vector<std::size_t> wildcards_;
};

}  // namespace nbra::dicom::deid
