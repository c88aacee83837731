#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nbra::dicom::deid {

// How far back a subject's dates move: a whole number of days in [min, max], the same for all
// of one subject's studies (the interval between scans and every time inside one study is
// unchanged). Whole days keep every time of day, so TM values stay as they are.
inline constexpr int kMinDateShiftDays = 366;
inline constexpr int kMaxDateShiftDays = 3652;

// The trial's secret for pseudonymisation: 32 random bytes kept by the sites, never in the
// trial record. The same key maps the same original UID to the same new UID and the same
// subject to the same date offset, so a second upload lands on the first and references
// between objects stay intact; another key gives unrelated values.
class TrialKey {
 public:
  static constexpr std::size_t kBytes = 32;

  // A key file: one line of 64 hexadecimal digits; '#' lines are comments. Throws
  // std::runtime_error naming the file and the problem.
  static TrialKey load(const std::string& path);
  // Parses the text of a key file; `source` names it in messages.
  static TrialKey parse(std::string_view text, const std::string& source);
  // A new random key (libsodium's randombytes).
  static TrialKey generate();
  // Writes the key file (mode 0600); refuses to overwrite an existing file.
  void save(const std::string& path) const;

  // "2.25." followed by the decimal value of 128 bits of HMAC-SHA256(key, original): a UID
  // under the UUID arc (PS3.5 B.2), at most 44 characters.
  std::string uidFor(std::string_view originalUid) const;
  // Minus a whole number of days in [kMinDateShiftDays, kMaxDateShiftDays], from
  // HMAC-SHA256(key, subject id).
  int dateOffsetDaysFor(std::string_view subjectId) const;
  // The first 8 hex digits of SHA-256 of the key: names the key in reports without revealing it.
  std::string fingerprint() const;

 private:
  std::array<std::uint8_t, kBytes> bytes_{};
  std::array<std::uint8_t, 32> mac(std::string_view domain, std::string_view message) const;
};

}  // namespace nbra::dicom::deid
