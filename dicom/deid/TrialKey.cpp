#include "dicom/deid/TrialKey.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace nbra::dicom::deid {
namespace {

void ensureSodium() {
  static const int ready = sodium_init();
  if (ready < 0) {
    throw std::runtime_error("libsodium could not be initialised");
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::string toHex(const std::uint8_t* data, std::size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < size; ++i) {
    text += digits[data[i] >> 4];
    text += digits[data[i] & 0xF];
  }
  return text;
}

// The decimal digits of a big-endian unsigned integer (schoolbook division by 10), without
// leading zeros.
std::string decimal(std::array<std::uint8_t, 16> value) {
  std::string digits;
  bool zero = false;
  while (!zero) {
    unsigned remainder = 0;
    zero = true;
    for (std::uint8_t& byte : value) {
      const unsigned current = remainder * 256 + byte;
      byte = static_cast<std::uint8_t>(current / 10);
      remainder = current % 10;
      zero = zero && byte == 0;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
  }
  return digits;
}

}  // namespace

TrialKey TrialKey::parse(std::string_view text, const std::string& source) {
  std::string hex;
  std::size_t lineNumber = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++lineNumber;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (!hex.empty()) {
      throw std::runtime_error("trial key " + source + ": line " + std::to_string(lineNumber) +
                               ": a second key line; a key file holds one key");
    }
    for (char c : line) {
      if (hexValue(c) < 0) {
        throw std::runtime_error("trial key " + source + ": line " + std::to_string(lineNumber) +
                                 ": not a hexadecimal digit (a key is 64 of them)");
      }
    }
    hex = std::string(line);
  }
  if (hex.size() != 2 * kBytes) {
    throw std::runtime_error("trial key " + source +
                             ": expected 64 hexadecimal digits (32 bytes), found " +
                             std::to_string(hex.size()));
  }
  TrialKey key;
  for (std::size_t i = 0; i < kBytes; ++i) {
    key.bytes_[i] = static_cast<std::uint8_t>(hexValue(hex[2 * i]) * 16 + hexValue(hex[2 * i + 1]));
  }
  bool allSame = true;
  for (std::uint8_t b : key.bytes_)
    allSame = allSame && b == key.bytes_[0];
  if (allSame) {
    throw std::runtime_error("trial key " + source +
                             ": every byte is the same; generate a random key");
  }
  return key;
}

TrialKey TrialKey::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("trial key " + path + ": cannot be read");
  }
  std::string text(4097, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > 4096) {
    throw std::runtime_error("trial key " + path + ": larger than 4 KiB; not a key file");
  }
  return parse(text, path);
}

TrialKey TrialKey::generate() {
  ensureSodium();
  TrialKey key;
  randombytes_buf(key.bytes_.data(), key.bytes_.size());
  return key;
}

void TrialKey::save(const std::string& path) const {
  // Created here or not at all (O_EXCL: never an existing file, never through a link), readable
  // by its owner only from the first byte.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      throw std::runtime_error("trial key " + path +
                               ": exists already; a key is never overwritten");
    }
    throw std::runtime_error("trial key " + path + ": cannot be created: " + std::strerror(errno));
  }
  const std::string text =
      "# NBRA trial key: keep it at the sites, never in the trial record. Losing it means\n"
      "# a later upload of the same study gets new UIDs and a new date offset.\n" +
      toHex(bytes_.data(), bytes_.size()) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    ::unlink(path.c_str());
    throw std::runtime_error("trial key " + path + ": cannot be written");
  }
}

std::array<std::uint8_t, 32> TrialKey::mac(std::string_view domain,
                                           std::string_view message) const {
  ensureSodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_.data(), bytes_.size());
  // The domain keeps a UID and a subject id with the same text from sharing a value.
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(domain.data()),
                                domain.size());
  const unsigned char separator = 0;
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::array<std::uint8_t, 32> out{};
  crypto_auth_hmacsha256_final(&state, out.data());
  return out;
}

std::string TrialKey::uidFor(std::string_view originalUid) const {
  const auto digest = mac("uid", originalUid);
  std::array<std::uint8_t, 16> value{};
  std::copy_n(digest.begin(), value.size(), value.begin());
  return "2.25." + decimal(value);
}

int TrialKey::dateOffsetDaysFor(std::string_view subjectId) const {
  const auto digest = mac("date-offset", subjectId);
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    value = (value << 8) | digest[i];
  }
  const auto span = static_cast<std::uint64_t>(kMaxDateShiftDays - kMinDateShiftDays + 1);
  return -(kMinDateShiftDays + static_cast<int>(value % span));
}

std::string TrialKey::fingerprint() const {
  ensureSodium();
  std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes_.data(), bytes_.size());
  return toHex(digest.data(), 4);
}

}  // namespace nbra::dicom::deid
