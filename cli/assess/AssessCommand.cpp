#include "cli/assess/AssessCommand.h"

#include <QFile>
#include <QStringList>
#include <QTextStream>

#include "cli/CliOutput.h"
#include "scoring/assessment/Assessment.h"
#include "workflow/assessment/AssessmentJson.h"
#include "workflow/casefile/CaseJson.h"

namespace nbra::cli {

int runAssess(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  if (args.size() != 1) {
    return printError(out, "assess", "usage: nbra-cli assess CASE.json (exactly one case file)");
  }
  const QString path = args.front();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return printError(out, "assess", "cannot read the case file: " + file.errorString(), path);
  }
  const workflow::CaseParseResult parsed = workflow::parseCase(file.readAll());
  if (!parsed.value) {
    return printError(out, "assess", parsed.error, path);
  }
  const scoring::AssessOutcome outcome = scoring::assessCase(*parsed.value);
  if (!outcome.assessment) {
    QStringList messages;
    for (const scoring::InputError& e : outcome.errors) {
      messages << QString::fromStdString(e.describe());
    }
    return printError(out, "assess", "invalid reading: " + messages.join("; "), path);
  }
  printJson(out, workflow::assessmentToJson(*outcome.assessment));
  return kExitOk;
}

}  // namespace nbra::cli
