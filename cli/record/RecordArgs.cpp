#include "cli/record/RecordArgs.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>
#include <cstdio>

namespace nbra::cli {

using records::RecordError;
using records::RecordErrorKind;

void badArgument(const QString& message) {
  throw RecordError(RecordErrorKind::BadInput, message.toStdString());
}

RecordArgs::RecordArgs(const QStringList& args, const QStringList& flags) {
  for (int i = 0; i < args.size(); ++i) {
    const QString& a = args[i];
    if (a.startsWith("--")) {
      if (flags.contains(a)) {
        options_.insert(a, "yes");
      } else if (i + 1 < args.size()) {
        options_.insert(a, args[++i]);
      } else {
        error_ = "option " + a + " needs a value";
      }
    } else {
      positional_ << a;
    }
  }
}

QString RecordArgs::value(const QString& name) const {
  return options_.value(name);
}

QString RecordArgs::required(const QString& name) const {
  if (!options_.contains(name) || options_.value(name).trimmed().isEmpty()) {
    badArgument("missing option " + name);
  }
  return options_.value(name);
}

QStringList RecordArgs::unknown(const QStringList& known) const {
  QStringList out;
  for (const QString& k : options_.uniqueKeys()) {
    if (!known.contains(k) && k != "--db" && k != "--user" && k != "--password-stdin") {
      out << k;
    }
  }
  return out;
}

QString recordLocation(const RecordArgs& args) {
  if (args.has("--db")) {
    return args.value("--db");
  }
  const QString env = qEnvironmentVariable("NBRA_RECORD");
  if (!env.isEmpty()) {
    return env;
  }
  const QString dir =
      QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/nbra";
  QDir().mkpath(dir);
  return dir + "/trial.sqlite";
}

QStringList stdinLines() {
  // Read once, whole: two streams on stdin would each buffer ahead and lose lines.
  static const QStringList lines = [] {
    QTextStream in(stdin);
    return in.readAll().split('\n');
  }();
  return lines;
}

QString actorPassword(const RecordArgs& args) {
  if (args.has("--password-stdin")) {
    const QString first = stdinLines().value(0);
    if (first.isEmpty()) {
      badArgument("--password-stdin: the first line of stdin (the password) is empty");
    }
    return first;
  }
  const QString env = qEnvironmentVariable("NBRA_PASSWORD");
  if (env.isEmpty()) {
    badArgument("no password: set NBRA_PASSWORD or pass --password-stdin");
  }
  return env;
}

QString signingPassword(const RecordArgs& args) {
  // A signature is the password entered again for that act, so it never comes from the sign-in
  // password: a script holding NBRA_PASSWORD alone must not be able to sign.
  if (args.has("--password-stdin")) {
    const QString second = stdinLines().value(1);
    if (second.isEmpty()) {
      badArgument(
          "signing asks for the password again: with --password-stdin give it on the "
          "second line of stdin (the first signs in)");
    }
    return second;
  }
  const QString env = qEnvironmentVariable("NBRA_SIGN_PASSWORD");
  if (env.isEmpty()) {
    badArgument(
        "signing asks for the password again: set NBRA_SIGN_PASSWORD (NBRA_PASSWORD only "
        "signs in) or pass --password-stdin with it on the second line");
  }
  return env;
}

records::HashCost hashCostFromEnvironment() {
  // For test suites only: cheaper Argon2id parameters for the accounts they create. A stray
  // NBRA_PASSWORD_HASH_COST in a production environment must not weaken real passwords, so it
  // counts only together with NBRA_TESTING=1; otherwise it is ignored, and said so.
  if (qEnvironmentVariable("NBRA_PASSWORD_HASH_COST") != "minimal") {
    return records::HashCost::Interactive;
  }
  if (qEnvironmentVariable("NBRA_TESTING") != "1") {
    QTextStream(stderr) << "nbra-cli: NBRA_PASSWORD_HASH_COST=minimal ignored (it applies only "
                           "with NBRA_TESTING=1); new passwords use the full Argon2id cost\n";
    return records::HashCost::Interactive;
  }
  return records::HashCost::Minimal;
}

RecordSession openSession(const RecordArgs& args, bool signIn) {
  RecordSession s;
  const QString location = recordLocation(args);
  s.db = std::make_unique<records::RecordDatabase>(location);
  s.record = std::make_unique<records::TrialRecord>(*s.db, hashCostFromEnvironment());
  if (signIn) {
    QString user = args.value("--user");
    if (user.isEmpty()) {
      user = qEnvironmentVariable("NBRA_USER");
    }
    if (user.isEmpty()) {
      badArgument("no user: pass --user NAME or set NBRA_USER");
    }
    s.password = actorPassword(args);
    s.record->signIn(user, s.password);
  }
  return s;
}

QDate dateOption(const RecordArgs& args, const QString& name) {
  const QString text = args.required(name);
  const QDate d = QDate::fromString(text, Qt::ISODate);
  if (!d.isValid() || text.size() != 10) {
    badArgument(name + " '" + text + "' is not a date (expected yyyy-mm-dd)");
  }
  return d;
}

double numberOption(const RecordArgs& args, const QString& name) {
  bool ok = false;
  const double v = args.required(name).toDouble(&ok);
  if (!ok) {
    badArgument(name + " '" + args.value(name) + "' is not a number");
  }
  return v;
}

void expectOptions(const RecordArgs& a, const QStringList& known, int positionals,
                   const QString& usage) {
  const auto bad = [](const QString& message) {
    throw RecordError(RecordErrorKind::BadInput, message.toStdString());
  };
  if (!a.error().isEmpty()) {
    bad(a.error());
  }
  const QStringList unknown = a.unknown(known);
  if (!unknown.isEmpty()) {
    bad("unknown option " + unknown.join(", ") + " (known: " + known.join(" ") + ")");
  }
  if (a.positional().size() != positionals) {
    bad(!usage.isEmpty() ? "usage: " + usage
                         : QString("expected %1 argument(s) after the subcommand, got %2")
                               .arg(positionals)
                               .arg(a.positional().size()));
  }
}

}  // namespace nbra::cli
