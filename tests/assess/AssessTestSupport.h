#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "cli/assess/AssessCommand.h"

namespace nbra::cli::testing {

inline QString examplePath(const QString& name) {
  return QString(NBRA_SCHEMA_EXAMPLES_DIR) + "/" + name;
}

struct CommandRun {
  int exitCode = 0;
  QJsonObject json;
  QString text;
};

// Runs `nbra-cli assess ARGS` in-process and parses what it printed.
inline CommandRun runAssessCommand(const QStringList& args) {
  QString outText;
  QString errText;
  QTextStream out(&outText);
  QTextStream err(&errText);
  CommandRun run;
  run.exitCode = runAssess(args, out, err);
  out.flush();
  run.text = outText;
  run.json = QJsonDocument::fromJson(outText.toUtf8()).object();
  return run;
}

}  // namespace nbra::cli::testing
