#include "tests/records/ProtocolPreparation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>
#include <stdexcept>

#include "scoring/checklist/EligibilityChecklist.h"
#include "scoring/schedule/InjectionSchedule.h"
#include "workflow/protocol/ChecklistEntry.h"

namespace nbra::records::testing {

namespace {

// The eligible answer of each item, as typed (yes/no, or a number in the item's unit).
const std::map<QString, QString>& passingAnswerTexts() {
  static const std::map<QString, QString> answers{
      {"induction.highRiskResistant", "yes"},
      {"induction.cycles", "6"},
      {"relapse.afterTransplantOrAggressive", "yes"},
      {"lifeExpectancy.months", "12"},
      {"diagnosis.pathology", "yes"},
      {"diagnosis.marrowTumourCells", "yes"},
      {"catecholamines.timesUln", "1.5"},  // raised, and not above the 2x ULN exclusion
      {"cardiac.sfPercent", "34"},         // SF or EF: the shortening fraction
      {"pulmonary.dyspnoeaAtRest", "no"},
      {"pulmonary.exerciseIntolerance", "no"},
      {"pulmonary.chronicOxygen", "no"},
      {"pulmonary.effusion", "no"},
      {"emergencyCondition", "no"},
      {"disease.marrowOnlyWithoutPathology", "no"},
      {"steroids.doseMgPerKgPerDay", "0"},
      {"steroids.days", "0"},
      {"cyp3a4.within7Days", "no"},
      {"otherMalignancy", "no"},
      {"diarrhoea.ctcaeGrade", "0"},
      {"significantIllness", "no"},
      {"otherTrial", "no"},
      {"organToxicity.maxCtcaeGrade", "0"},
      {"unableToComply", "no"},
      {"consent.guardianSigned", "yes"},
      {"hiv", "no"},
  };
  return answers;
}

}  // namespace

std::vector<ChecklistAnswerText> passingChecklistTexts() {
  std::vector<ChecklistAnswerText> out;
  for (const scoring::ChecklistItem& item : scoring::checklistItems()) {
    const QString key = QString::fromStdString(item.key);
    const auto answer = passingAnswerTexts().find(key);
    if (answer == passingAnswerTexts().end()) {
      if (item.optional) {
        continue;
      }
      throw std::logic_error(
          "tests/records/ProtocolPreparation.cpp: no passing answer for the "
          "checklist item " +
          item.key);
    }
    out.push_back({key, answer->second});
  }
  return out;
}

std::vector<ChecklistAnswerInput> passingChecklistAnswers(const QDate& answeredOn) {
  std::vector<ChecklistAnswerInput> out;
  for (const auto& [key, answer] : passingChecklistTexts()) {
    out.push_back(workflow::checklistAnswerFromText(key, answer, {}, answeredOn, kChecklistSource));
  }
  return out;
}

QByteArray passingChecklistJson(const QDate& answeredOn) {
  QJsonArray answers;
  for (const auto& [key, answer] : passingChecklistTexts()) {
    QJsonObject o{{"item", key},
                  {"answer", answer},
                  {"date", answeredOn.toString(Qt::ISODate)},
                  {"source", kChecklistSource}};
    const scoring::ChecklistItem* item = scoring::findChecklistItem(key.toStdString());
    if (item != nullptr && item->type == scoring::ItemType::Number) {
      o["unit"] = QString::fromStdString(item->unit);
    }
    answers.append(o);
  }
  return QJsonDocument(QJsonObject{{"answers", answers}}).toJson();
}

void answerPassingChecklist(TrialRecord& record, const QString& studyId, const QDate& answeredOn) {
  for (const ChecklistAnswerInput& answer : passingChecklistAnswers(answeredOn)) {
    record.recordChecklistAnswer(studyId, answer);
  }
}

ProductLotInput releasedLot(const QString& lotCode) {
  ProductLotInput lot;
  lot.lotCode = lotCode;
  lot.donorCode = "DONOR-TEST-01";
  lot.apheresisDate = QDate(2025, 11, 3);
  lot.separationDate = QDate(2025, 11, 3);
  lot.cryopreservedDate = QDate(2025, 11, 4);
  lot.sterility = "negative";
  lot.viableCells = 2'000'000'000;
  lot.viabilityPercent = 92.0;
  lot.purityPercent = 95.0;
  lot.activePhenotypePercent = 80.0;
  return lot;
}

QDate courseEndFor(const QDate& given) {
  return given.addDays(-scoring::ScheduleSettings{}.daysAfterCourse);
}

ThawCheckInput passingThawCheck(const QDate& given, std::int64_t cellsGiven) {
  // The thawed bag holds a little more than is given.
  return {given, 92.0, cellsGiven + cellsGiven / 20, "negative"};
}

void prepareInjection(TrialRecord& record, const QString& studyId, int number, const QDate& given,
                      std::int64_t cellsGiven, const QString& lotCode) {
  bool lotRecorded = false;
  for (const ProductLotRecord& lot : record.productLots()) {
    lotRecorded = lotRecorded || lot.lot.lotCode == lotCode;
  }
  if (!lotRecorded) {
    record.recordProductLot(releasedLot(lotCode));
  }
  record.recordCourseEnd(studyId, number,
                         given.addDays(-record.protocolSettings().schedule.daysAfterCourse));
  record.recordThawCheck(studyId, number, lotCode, passingThawCheck(given, cellsGiven));
}

QStringList cliLotAddArgs(const QString& lotCode) {
  const ProductLotInput lot = releasedLot(lotCode);
  return {"record",
          "lot",
          "add",
          lot.lotCode,
          "--donor",
          lot.donorCode,
          "--apheresis-date",
          lot.apheresisDate.toString(Qt::ISODate),
          "--separation-date",
          lot.separationDate.toString(Qt::ISODate),
          "--cryopreserved-date",
          lot.cryopreservedDate.toString(Qt::ISODate),
          "--storage-c",
          QString::number(lot.storageTemperatureC),
          "--sterility",
          lot.sterility,
          "--viable-cells",
          QString::number(lot.viableCells),
          "--viability",
          QString::number(lot.viabilityPercent),
          "--purity",
          QString::number(lot.purityPercent),
          "--active-phenotype",
          QString::number(lot.activePhenotypePercent)};
}

QStringList cliCourseArgs(const QString& studyId, int number, const QDate& given) {
  return {"record",
          "course",
          studyId,
          "--number",
          QString::number(number),
          "--end-date",
          courseEndFor(given).toString(Qt::ISODate)};
}

QStringList cliThawArgs(const QString& studyId, int number, const QDate& given,
                        std::int64_t cellsGiven, const QString& lotCode) {
  const ThawCheckInput check = passingThawCheck(given, cellsGiven);
  return {"record",
          "thaw",
          studyId,
          "--injection",
          QString::number(number),
          "--lot",
          lotCode,
          "--date",
          check.thawDate.toString(Qt::ISODate),
          "--viability",
          QString::number(check.viabilityPercent),
          "--viable-cells",
          QString::number(check.viableCells),
          "--sterility",
          check.sterility};
}

}  // namespace nbra::records::testing
