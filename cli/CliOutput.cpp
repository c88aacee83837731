#include "cli/CliOutput.h"

#include <QJsonDocument>
#include <QTextStream>

namespace nbra::cli {

void printJson(QTextStream& out, const QJsonObject& object) {
  out << QJsonDocument(object).toJson(QJsonDocument::Indented);
  out.flush();
}

int printError(QTextStream& out, const QString& command, const QString& message,
               const QString& file) {
  QJsonObject error{{"command", command}, {"message", message}};
  if (!file.isEmpty()) {
    error.insert("file", file);
  }
  printJson(out, QJsonObject{{"error", error}});
  return kExitBadInput;
}

int printCodedError(QTextStream& out, const QString& command, const QString& code,
                    const QString& message, const QString& file) {
  QJsonObject error{{"command", command}, {"code", code}, {"message", message}};
  if (!file.isEmpty()) {
    error.insert("file", file);
  }
  printJson(out, QJsonObject{{"error", error}});
  return kExitBadInput;
}

}  // namespace nbra::cli
