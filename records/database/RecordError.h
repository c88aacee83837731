#pragma once

#include <stdexcept>
#include <string>

namespace nbra::records {

// Why an action on the trial record failed. The CLI maps these to exit codes and the GUI to
// dialogs; the message always names the thing at fault (file, subject, user, role).
enum class RecordErrorKind {
  BadInput,   // an argument or a file the caller gave is wrong
  NotFound,   // an unknown subject, timepoint, user or read
  Refused,    // the role may not do this, the password is wrong, or the record is signed
  Conflict,   // the record already holds something that forbids this (duplicate, wrong state)
  Storage,    // the database: locked, disk full, newer schema, driver missing
  Integrity,  // the audit trail or the schema is not what it must be
};

class RecordError : public std::runtime_error {
 public:
  RecordError(RecordErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  RecordErrorKind kind() const { return kind_; }

 private:
  RecordErrorKind kind_;
};

}  // namespace nbra::records
