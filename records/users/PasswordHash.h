#pragma once

#include <QString>

namespace nbra::records {

// How much work an Argon2id hash costs. Interactive is libsodium's recommendation for logins
// (64 MiB, about 0.1 s). Minimal exists for test suites that create and log in hundreds of
// users; it is still Argon2id, only cheaper, and the parameters are stored in each hash string.
enum class HashCost { Interactive, Minimal };

// An Argon2id hash string (crypto_pwhash_str, "$argon2id$v=19$m=...").
// Throws RecordError (BadInput) for an empty password.
QString hashPassword(const QString& password, HashCost cost);

// True when `password` matches `hash`; false for any mismatch or malformed hash.
bool verifyPassword(const QString& password, const QString& hash);

}  // namespace nbra::records
