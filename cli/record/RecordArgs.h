#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"

namespace nbra::cli {

// Throws RecordError(BadInput) with `message`: how every record command refuses its arguments.
[[noreturn]] void badArgument(const QString& message);

// Arguments of one record command: positionals and --name value options (repeatable). Flags
// that take no value are listed in `flags`.
class RecordArgs {
 public:
  RecordArgs(const QStringList& args, const QStringList& flags = {"--password-stdin"});

  const QString& error() const { return error_; }
  const QStringList& positional() const { return positional_; }
  bool has(const QString& name) const { return options_.contains(name); }
  QString value(const QString& name) const;
  QStringList values(const QString& name) const { return options_.values(name); }
  // The named option, or throws RecordError(BadInput) naming it.
  QString required(const QString& name) const;
  // Options that were given but are not in `known` (misspelt options must not be ignored).
  QStringList unknown(const QStringList& known) const;

 private:
  QStringList positional_;
  QMultiMap<QString, QString> options_;
  QString error_;
};

// An open trial record with the signed-in user, from --db/NBRA_RECORD and --user/NBRA_USER and
// the password from NBRA_PASSWORD or the first stdin line (--password-stdin).
struct RecordSession {
  std::unique_ptr<records::RecordDatabase> db;
  std::unique_ptr<records::TrialRecord> record;
  QString password;
};

QString recordLocation(const RecordArgs& args);
QString actorPassword(const RecordArgs& args);
// The password entered again to sign: NBRA_SIGN_PASSWORD, or stdin's second line with
// --password-stdin; never the sign-in password. Throws BadInput naming both when missing.
QString signingPassword(const RecordArgs& args);
// All of stdin, read on first use (for --password-stdin: line 1 the user's password, line 2 a
// new user's).
QStringList stdinLines();
records::HashCost hashCostFromEnvironment();
// Opens the record and, unless `signIn` is false, signs the user in.
RecordSession openSession(const RecordArgs& args, bool signIn = true);

// Throws RecordError(BadInput) when the arguments did not parse, name an option not in `known`,
// or do not have `positionals` positional arguments (then the message is "usage: <usage>", or
// says how many were expected when no usage is given).
void expectOptions(const RecordArgs& args, const QStringList& known, int positionals,
                   const QString& usage = {});

// Parses yyyy-MM-dd or throws naming the option.
QDate dateOption(const RecordArgs& args, const QString& name);
double numberOption(const RecordArgs& args, const QString& name);

}  // namespace nbra::cli
