#include "workflow/protocol/ChecklistEntry.h"

#include <cmath>

#include "records/database/RecordError.h"
#include "scoring/checklist/EligibilityChecklist.h"

namespace nbra::workflow {

namespace {

[[noreturn]] void refuse(const QString& message) {
  throw records::RecordError(records::RecordErrorKind::BadInput, message.toStdString());
}

}  // namespace

records::ChecklistAnswerInput checklistAnswerFromText(const QString& key, const QString& answer,
                                                      const QString& unit, const QDate& date,
                                                      const QString& sourceDocument) {
  const scoring::ChecklistItem* item = scoring::findChecklistItem(key.toStdString());
  if (item == nullptr) {
    refuse("checklist: '" + key +
           "' is not an item of the checklist (nbra-cli record checklist "
           "items lists them)");
  }
  records::ChecklistAnswerInput in;
  in.key = key;
  in.date = date;
  in.sourceDocument = sourceDocument.trimmed();
  const QString text = answer.trimmed();
  const QString name = key + " (" + QString::fromStdString(item->criterion) + ")";
  if (item->type == scoring::ItemType::YesNo) {
    if (text != "yes" && text != "no") {
      refuse(name + ": answer yes or no, not '" + text + "'");
    }
    if (!unit.isEmpty()) {
      refuse(name + ": a yes/no answer takes no unit (got '" + unit + "')");
    }
    in.yes = text == "yes";
    return in;
  }
  bool ok = false;
  const double value = text.toDouble(&ok);
  if (!ok || !std::isfinite(value)) {
    refuse(name + ": '" + text + "' is not a number");
  }
  const QString itemUnit = QString::fromStdString(item->unit);
  if (!unit.isEmpty() && unit != itemUnit) {
    refuse(name + ": the unit is " + itemUnit + ", not '" + unit + "'");
  }
  in.value = value;
  in.unit = itemUnit;
  return in;
}

void requireUnitForNumbers(const QString& key, const QString& unit) {
  const scoring::ChecklistItem* item = scoring::findChecklistItem(key.toStdString());
  if (item != nullptr && item->type == scoring::ItemType::Number && unit.trimmed().isEmpty()) {
    refuse(key + " (" + QString::fromStdString(item->criterion) + "): give the unit, " +
           QString::fromStdString(item->unit) + ", with the value (it is not assumed)");
  }
}

QString checklistAnswerText(const records::ChecklistAnswerInput& answer) {
  if (answer.yes) {
    return *answer.yes ? "yes" : "no";
  }
  if (answer.value) {
    return QString::number(*answer.value, 'g', 10) + " " + answer.unit;
  }
  return {};
}

}  // namespace nbra::workflow
