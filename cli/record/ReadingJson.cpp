#include "cli/record/ReadingJson.h"

#include <QDate>

#include "workflow/adjudication/ComparisonJson.h"

namespace nbra::cli {

namespace {

QJsonValue optionalNumber(const std::optional<double>& v) {
  return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue optionalInt(const std::optional<int>& v) {
  return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue optionalId(const std::optional<qint64>& v) {
  return v ? QJsonValue(static_cast<double>(*v)) : QJsonValue();
}

QJsonObject adjudicationJson(const records::AdjudicationRecord& a) {
  QJsonObject o{{"id", static_cast<double>(a.id)},
                {"chosenRead", a.chosenRead},
                {"chosenReadId", static_cast<double>(a.chosenReadId)},
                {"reason", a.reason},
                {"adjudicator", a.adjudicatorName}};
  if (a.signature) {
    o["signature"] = QJsonObject{{"signerName", a.signature->signerName},
                                 {"meaning", a.signature->meaning},
                                 {"signedUtc", a.signature->signedUtc}};
  }
  return o;
}

QJsonValue lesionJson(const std::optional<records::LesionMeasurement>& l) {
  if (!l) {
    return QJsonValue();
  }
  return QJsonObject{{"organ", l->organ},
                     {"isPrimary", l->isPrimary},
                     {"isLymphNode", l->isLymphNode},
                     {"role", l->role},
                     {"longAxisMm", l->longAxisMm},
                     {"shortAxisMm", optionalNumber(l->shortAxisMm)},
                     {"isNew", l->isNew},
                     {"mibgAvid", l->mibgAvid},
                     {"fdgAvid", l->fdgAvid},
                     {"notEvaluable", l->notEvaluable}};
}

// One read as the adjudicator sees it: its letter, never its reader. A correction's reason is
// left out too: it is the reader's free text and may say who they are.
QJsonObject anonymousReadJson(const QString& letter, const records::ReadRecord& r) {
  QJsonObject o{{"read", letter},
                {"shownAs", "read-" + letter},
                {"id", static_cast<double>(r.id)},
                {"version", r.version},
                {"signedUtc", r.signature ? QJsonValue(r.signature->signedUtc) : QJsonValue()},
                {"ctDone", r.content.ctDone},
                {"mibgNewBoneSites", optionalInt(r.content.mibgNewBoneSites)}};
  if (r.content.pet) {
    o["pet"] = QJsonObject{{"avidBoneLesions", r.content.pet->avidBoneLesions},
                           {"newAvidBoneLesions", r.content.pet->newAvidBoneLesions}};
  }
  return o;
}

QJsonObject rateJson(const scoring::RateResult& r) {
  return {
      {"numerator", r.numerator}, {"denominator", r.denominator}, {"rate", optionalNumber(r.rate)}};
}

QJsonObject limitsJson(const scoring::AgreementLimits& l) {
  return {{"n", l.n},
          {"meanDifference", l.meanDifference},
          {"sdDifference", l.sdDifference},
          {"lowerLimit", l.lowerLimit},
          {"upperLimit", l.upperLimit}};
}

}  // namespace

QJsonObject designJson(const records::ReadingDesign& d) {
  const scoring::DiscordanceSettings& s = d.discordance;
  return {{"design", d.design},
          {"id", optionalId(d.id)},
          {"reason", d.reason},
          {"setUtc", d.setUtc},
          {"setBy", d.setByName},
          {"discordance",
           QJsonObject{{"overallResponse", s.overallResponse},
                       {"eligibility", s.eligibility},
                       {"extraDoses", s.extraDoses},
                       {"newLesion", s.newLesion},
                       {"sumOfDiametersThresholdMm", optionalNumber(s.sumOfDiametersThresholdMm)},
                       {"curieThreshold", optionalInt(s.curieThreshold)},
                       {"siopenThreshold", optionalInt(s.siopenThreshold)}}}};
}

QJsonArray assignmentsJson(const std::vector<records::ReadAssignmentRecord>& assignments) {
  QJsonArray out;
  for (const records::ReadAssignmentRecord& a : assignments) {
    // The record empties the names an adjudicator or a reader may not see; show them as absent.
    out.append(QJsonObject{{"id", static_cast<double>(a.id)},
                           {"duty", a.duty},
                           {"user", a.userName.isEmpty() ? QJsonValue() : QJsonValue(a.userName)},
                           {"name", a.fullName.isEmpty() ? QJsonValue() : QJsonValue(a.fullName)},
                           {"method", a.method},
                           {"reason", a.reason},
                           {"supersedes", optionalId(a.supersedesId)},
                           {"createdUtc", a.createdUtc}});
  }
  return out;
}

QJsonObject comparisonJson(const records::ComparisonRecord& c) {
  const workflow::StoredComparison stored = workflow::comparisonFromJson(c.comparisonJson);
  return {{"id", static_cast<double>(c.id)},
          {"readA", static_cast<double>(c.readAId)},
          {"readB", static_cast<double>(c.readBId)},
          {"discordant", c.discordant},
          {"triggering", QJsonArray::fromStringList(c.triggering)},
          {"createdUtc", c.createdUtc},
          {"outcomeA", workflow::outcomeToJson(stored.outcomeA)},
          {"outcomeB", workflow::outcomeToJson(stored.outcomeB)},
          {"variables", workflow::variablesToJson(stored.variables)}};
}

QJsonObject readingStatusJson(const records::ReadingStatus& s) {
  return {{"design", s.design},
          {"state", s.state},
          {"text", s.text},
          {"readOfRecord", optionalId(s.readOfRecordId)},
          {"readA", optionalId(s.readAId)},
          {"readB", optionalId(s.readBId)},
          {"comparison", s.comparison ? QJsonValue(comparisonJson(*s.comparison)) : QJsonValue()},
          {"adjudication",
           s.adjudication ? QJsonValue(adjudicationJson(*s.adjudication)) : QJsonValue()}};
}

QJsonObject adjudicationCaseJson(const workflow::AdjudicationCase& c) {
  QJsonArray lesions;
  for (const workflow::LesionPair& p : c.lesions) {
    lesions.append(QJsonObject{{"trackingId", p.trackingId},
                               {"a", lesionJson(p.a)},
                               {"b", lesionJson(p.b)},
                               {"differences", QJsonArray::fromStringList(p.differences)}});
  }
  QJsonArray segments;
  for (const workflow::SegmentPair& p : c.segments) {
    segments.append(QJsonObject{{"scale", p.scale},
                                {"segment", p.segment},
                                {"name", p.name},
                                {"a", optionalInt(p.a)},
                                {"b", optionalInt(p.b)},
                                {"differs", p.differs}});
  }
  return {
      {"subject", c.studyId},
      {"timepoint", c.timepointLabel},
      {"kind", c.timepointKind},
      {"scanDate", c.scanDate},
      {"state", c.status.state},
      {"text", c.status.text},
      {"reads", QJsonArray{anonymousReadJson("A", c.readA), anonymousReadJson("B", c.readB)}},
      {"outcomes", QJsonObject{{"A", workflow::outcomeToJson(c.comparison.outcomeA)},
                               {"B", workflow::outcomeToJson(c.comparison.outcomeB)}}},
      {"discordant", c.comparison.discordant},
      {"variables", workflow::variablesToJson(c.comparison.variables)},
      {"lesions", lesions},
      {"segments", segments},
      {"adjudication", c.status.adjudication ? QJsonValue(adjudicationJson(*c.status.adjudication))
                                             : QJsonValue()}};
}

QJsonObject workItemJson(const workflow::WorkItem& item) {
  return {
      {"task", item.task},
      {"title", workflow::taskTitle(item.task)},
      {"subject", item.studyId},
      {"timepoint", item.timepointLabel.isEmpty() ? QJsonValue() : QJsonValue(item.timepointLabel)},
      {"detail", item.detail},
      {"injection", optionalInt(item.injectionNumber)},
      {"injectionDue",
       item.injectionDue ? QJsonValue(item.injectionDue->toString(Qt::ISODate)) : QJsonValue()},
      {"daysToDue",
       item.daysToDue ? QJsonValue(static_cast<double>(*item.daysToDue)) : QJsonValue()}};
}

QJsonObject readerMetricsJson(const workflow::ReaderMetricsReport& r) {
  QJsonArray variables;
  for (const workflow::VariableRate& v : r.variables) {
    QJsonObject o = rateJson(v.rate);
    o["key"] = v.key;
    o["name"] = v.name;
    variables.append(o);
  }
  QJsonArray readers;
  for (const scoring::PChartPoint& p : r.pChart) {
    readers.append(QJsonObject{{"reader", QString::fromStdString(p.reader)},
                               {"adjudicated", p.n},
                               {"proportionChosen", p.proportion},
                               {"centre", p.centre},
                               {"lowerLimit", p.lowerLimit},
                               {"upperLimit", p.upperLimit},
                               {"outside", p.outside}});
  }
  return {{"comparisons", r.comparisons},
          {"discordant", r.discordant},
          {"adjudicated", r.adjudicated},
          {"adjudicationRate", rateJson(r.adjudicationRate)},
          {"variables", variables},
          {"readers", readers},
          {"responseKappa", QJsonObject{{"n", r.responseKappa.n},
                                        {"observedAgreement", r.responseKappa.observedAgreement},
                                        {"expectedAgreement", r.responseKappa.expectedAgreement},
                                        {"kappa", optionalNumber(r.responseKappa.kappa)}}},
          {"sumOfDiametersMm", limitsJson(r.sumOfDiameters)},
          {"curieTotal", limitsJson(r.curieTotal)}};
}

}  // namespace nbra::cli
