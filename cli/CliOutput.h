#pragma once

#include <QJsonObject>
#include <QString>

class QTextStream;

namespace nbra::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;  // unreadable or invalid input, bad arguments
inline constexpr int kExitInternal = 3;  // a failure that is ours, not the input's

// Prints one JSON document (indented) and a newline.
void printJson(QTextStream& out, const QJsonObject& object);

// Prints {"error": {"command", "message", "file"?}} and returns kExitBadInput, so a command can
// `return printError(...)`.
int printError(QTextStream& out, const QString& command, const QString& message,
               const QString& file = {});

// As printError, with a stable machine-readable `code` (e.g. "UNSUPPORTED_UNITS") before the
// message: {"error": {"command", "code", "message", "file"?}}.
int printCodedError(QTextStream& out, const QString& command, const QString& code,
                    const QString& message, const QString& file = {});

}  // namespace nbra::cli
