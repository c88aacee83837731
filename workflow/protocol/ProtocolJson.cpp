#include "workflow/protocol/ProtocolJson.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include "records/database/RecordError.h"
#include "records/store/DateConversion.h"
#include "scoring/checklist/EligibilityChecklist.h"
#include "workflow/protocol/ChecklistEntry.h"

namespace nbra::workflow {

namespace {

QString date(const QDate& d) {
  return d.toString(Qt::ISODate);
}

QJsonValue optionalDate(const std::optional<scoring::Date>& d) {
  return d ? QJsonValue(date(records::detail::toQDate(*d))) : QJsonValue();
}

QJsonObject signatureJson(const std::optional<records::Signature>& s) {
  if (!s) {
    return {};
  }
  return {{"signerName", s->signerName},
          {"signerUser", s->signerUserName},
          {"meaning", s->meaning},
          {"signedUtc", s->signedUtc}};
}

QJsonArray stringsJson(const std::vector<std::string>& list) {
  QJsonArray out;
  for (const std::string& s : list) {
    out.append(QString::fromStdString(s));
  }
  return out;
}

[[noreturn]] void refuse(const QString& message) {
  throw records::RecordError(records::RecordErrorKind::BadInput, message.toStdString());
}

}  // namespace

QJsonArray checklistItemsJson() {
  QJsonArray out;
  for (const scoring::ChecklistItem& i : scoring::checklistItems()) {
    QJsonObject o{{"item", QString::fromStdString(i.key)},
                  {"criterion", QString::fromStdString(i.criterion)},
                  {"type", i.type == scoring::ItemType::YesNo ? "yes/no" : "number"},
                  {"optional", i.optional},
                  {"question", QString::fromStdString(i.question)}};
    if (i.type == scoring::ItemType::Number) {
      o["unit"] = QString::fromStdString(i.unit);
      o["min"] = i.minValue;
      o["max"] = i.maxValue;
      o["integer"] = i.integer;
    }
    out.append(o);
  }
  return out;
}

QJsonObject checklistSignoffJson(const records::ChecklistSignoffRecord& s) {
  QJsonObject o{{"id", static_cast<double>(s.id)},
                {"eligible", s.eligible},
                {"judgedOn", date(s.judgedOn)},
                {"reason", s.reason},
                {"signature", signatureJson(s.signature)},
                {"current", s.stale.isEmpty()}};
  if (!s.stale.isEmpty()) {
    o["stale"] = s.stale;
  }
  return o;
}

QJsonObject checklistReviewJson(const records::ChecklistReview& review,
                                const std::optional<records::ChecklistSignoffRecord>& signoff) {
  QJsonArray criteria;
  for (const scoring::CriterionResult& c : review.result.criteria) {
    criteria.append(QJsonObject{
        {"id", QString::fromStdString(c.id)},
        {"kind", c.kind == scoring::CriterionKind::Inclusion ? "inclusion" : "exclusion"},
        {"title", QString::fromStdString(c.title)},
        {"status", QString::fromUtf8(scoring::criterionStatusCode(c.status).data())},
        {"reasons", stringsJson(c.reasons)}});
  }
  QJsonArray answers;
  for (const records::ChecklistAnswerRecord& a : review.answers) {
    answers.append(QJsonObject{{"id", static_cast<double>(a.id)},
                               {"item", a.answer.key},
                               {"answer", checklistAnswerText(a.answer)},
                               {"date", date(a.answer.date)},
                               {"source", a.answer.sourceDocument},
                               {"recordedBy", a.recordedByName},
                               {"reason", a.reason}});
  }
  QJsonObject o{{"judgedOn", date(review.judgedOn)},         {"complete", review.result.complete},
                {"eligible", review.result.eligible},        {"criteria", criteria},
                {"notes", stringsJson(review.result.notes)}, {"answers", answers}};
  if (signoff) {
    o["signed"] = checklistSignoffJson(*signoff);
  }
  return o;
}

QJsonArray scheduleJson(const std::vector<records::ScheduleLine>& lines) {
  QJsonArray out;
  for (const records::ScheduleLine& l : lines) {
    const scoring::ScheduledInjection& i = l.injection;
    QJsonObject o{{"number", i.number},
                  {"courseEnd", optionalDate(i.courseEnd)},
                  {"due", optionalDate(i.dueDate)},
                  {"windowOpens", optionalDate(i.windowOpens)},
                  {"windowCloses", optionalDate(i.windowCloses)},
                  {"given", optionalDate(i.givenDate)},
                  {"timing", QString::fromUtf8(scoring::injectionTimingCode(i.timing).data())},
                  {"needsExtraDoseApproval", i.needsExtraDoseApproval},
                  {"blockedByApproval", i.blockedByApproval},
                  {"note", QString::fromStdString(i.note)}};
    if (i.givenDate) {
      o["daysFromDue"] = i.daysFromDue;
    }
    if (l.weightKg) {
      o["weightKg"] = *l.weightKg;
      o["weightDate"] = date(*l.weightDate);
    }
    if (l.doseCells) {
      o["doseCells"] = static_cast<double>(*l.doseCells);
    }
    if (!l.lotCode.isEmpty()) {
      o["lot"] = l.lotCode;
    }
    out.append(o);
  }
  return out;
}

QJsonObject productLotJson(const records::ProductLotRecord& r) {
  const records::ProductLotInput& l = r.lot;
  return {{"lot", l.lotCode},
          {"donor", l.donorCode},
          {"apheresisDate", date(l.apheresisDate)},
          {"separationDate", date(l.separationDate)},
          {"cryopreservedDate", date(l.cryopreservedDate)},
          {"storageTemperatureC", l.storageTemperatureC},
          {"sterility", l.sterility},
          {"viableCells", static_cast<double>(l.viableCells)},
          {"viabilityPercent", l.viabilityPercent},
          {"purityPercent", l.purityPercent},
          {"activePhenotypePercent", l.activePhenotypePercent},
          {"released", r.released},
          {"releaseFailures", QJsonArray::fromStringList(r.releaseFailures)},
          {"recordedBy", r.recordedByName},
          {"recordedUtc", r.recordedUtc}};
}

QJsonObject thawCheckJson(const records::ThawCheckRecord& r) {
  return {{"id", static_cast<double>(r.id)},
          {"injection", r.injectionNumber},
          {"lot", r.lotCode},
          {"thawDate", date(r.check.thawDate)},
          {"viabilityPercent", r.check.viabilityPercent},
          {"viableCells", static_cast<double>(r.check.viableCells)},
          {"sterility", r.check.sterility},
          {"recordedBy", r.recordedByName}};
}

std::vector<records::ChecklistAnswerInput> checklistAnswersFromJson(const QByteArray& json,
                                                                    const QString& fileName) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject()) {
    refuse(fileName + ": not a JSON object (" + error.errorString() + ")");
  }
  const QJsonObject root = doc.object();
  for (const QString& k : root.keys()) {
    if (k != "answers") {
      refuse(fileName + ": unknown key '" + k + "' (expected only \"answers\")");
    }
  }
  if (!root.value("answers").isArray()) {
    refuse(fileName + ": \"answers\" must be an array");
  }
  std::vector<records::ChecklistAnswerInput> out;
  int n = 0;
  for (const QJsonValue& v : root.value("answers").toArray()) {
    const QString where = QString("%1: answers[%2]").arg(fileName).arg(n++);
    if (!v.isObject()) {
      refuse(where + " is not an object");
    }
    const QJsonObject o = v.toObject();
    for (const QString& k : o.keys()) {
      if (k != "item" && k != "answer" && k != "unit" && k != "date" && k != "source") {
        refuse(where + ": unknown key '" + k + "'");
      }
    }
    for (const char* k : {"item", "answer", "date", "source"}) {
      if (!o.value(k).isString()) {
        refuse(where + QString(": \"%1\" must be a text").arg(k));
      }
    }
    if (o.contains("unit") && !o.value("unit").isString()) {
      refuse(where + ": \"unit\" must be a text");
    }
    const QDate d = QDate::fromString(o.value("date").toString(), Qt::ISODate);
    if (!d.isValid()) {
      refuse(where + ": date '" + o.value("date").toString() + "' is not yyyy-MM-dd");
    }
    try {
      requireUnitForNumbers(o.value("item").toString(), o.value("unit").toString());
      out.push_back(
          checklistAnswerFromText(o.value("item").toString(), o.value("answer").toString(),
                                  o.value("unit").toString(), d, o.value("source").toString()));
    } catch (const records::RecordError& e) {
      refuse(where + ": " + QString::fromUtf8(e.what()));
    }
  }
  return out;
}

}  // namespace nbra::workflow
