#include "records/users/PasswordHash.h"

#include <sodium.h>

#include <QByteArray>

#include "records/database/RecordError.h"

namespace nbra::records {
namespace {

void ensureSodium() {
  // sodium_init is idempotent and thread-safe; < 0 means no usable random source.
  if (sodium_init() < 0) {
    throw RecordError(RecordErrorKind::Storage, "libsodium could not be initialised");
  }
}

}  // namespace

QString hashPassword(const QString& password, HashCost cost) {
  if (password.isEmpty()) {
    throw RecordError(RecordErrorKind::BadInput, "a password must not be empty");
  }
  ensureSodium();
  const QByteArray utf8 = password.toUtf8();
  const bool minimal = cost == HashCost::Minimal;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(
          out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
          minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
          minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
          crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw RecordError(RecordErrorKind::Storage, "not enough memory to hash the password");
  }
  return QString::fromLatin1(out);
}

bool verifyPassword(const QString& password, const QString& hash) {
  ensureSodium();
  const QByteArray utf8 = password.toUtf8();
  const QByteArray stored = hash.toLatin1();
  if (!stored.startsWith("$argon2id$")) {
    return false;
  }
  return crypto_pwhash_str_verify(stored.constData(), utf8.constData(),
                                  static_cast<unsigned long long>(utf8.size())) == 0;
}

}  // namespace nbra::records
