#pragma once

// Runs NBRA's programs as a user would: a process, JSON on stdout, an exit code.

#include <gtest/gtest.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace nbra::testing {

struct ProcessResult {
  int exitCode = -1;
  QJsonObject json;
  QString stdoutText;
  QString stderrText;
};

inline ProcessResult runProgram(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  EXPECT_TRUE(p.waitForFinished(180000)) << program.toStdString();
  ProcessResult r;
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.stdoutText = QString::fromUtf8(p.readAllStandardOutput());
  r.stderrText = QString::fromUtf8(p.readAllStandardError());
  r.json = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
  return r;
}

}  // namespace nbra::testing
