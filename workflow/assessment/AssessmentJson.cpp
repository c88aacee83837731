#include "workflow/assessment/AssessmentJson.h"

#include <QString>
#include <cstdio>

#include "scoring/curie/CurieSegment.h"

namespace nbra::workflow {

namespace {

using namespace nbra::scoring;

QString str(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

double mm(Tenths t) {
  return static_cast<double>(t) / 10.0;
}

QString dateText(std::chrono::year_month_day d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

QJsonArray reasonsJson(const Reasons& reasons) {
  QJsonArray out;
  for (const Reason& r : reasons) {
    out.append(
        QJsonObject{{"rule", str(r.rule)}, {"source", str(r.source)}, {"text", str(r.text)}});
  }
  return out;
}

QJsonObject componentJson(const ComponentResult& c) {
  return {{"response", str(responseCode(c.response))},
          {"meaning", str(responseMeaning(c.response))},
          {"reasons", reasonsJson(c.reasons)}};
}

QJsonObject settingsJson(const Settings& s) {
  return {
      {"curieSoftTissueIncludesPrimary", s.curieSoftTissueIncludesPrimary},
      {"boneScoreMethod", s.boneScoreMethod == BoneScoreMethod::Curie ? "curie" : "siopen"},
      {"bonePrBelowOneTenth", s.bonePrBelowOneTenth},
      {"warnOnRiseFromNadir", s.warnOnRiseFromNadir},
      {"marrowGapIsMinimalDisease", s.marrowGapIsMinimalDisease},
      {"marrowPdFromNegative", s.marrowPdFromNegative == MarrowPdFromNegative::AboveFivePercent
                                   ? "above-5-percent"
                                   : "at-least-5-percent"},
      {"marrowCrNeedsTwoBiopsiesTwoAspirates", s.marrowCrNeedsTwoBiopsiesTwoAspirates},
      {"crNodeShortAxisLimitMm", s.crNodeShortAxisLimitMm},
      {"eligibilityRequiresCoLocalisedUptake", s.eligibilityRequiresCoLocalisedUptake},
      {"eligibilityNodeSize", s.eligibilityNodeSize == EligibilityNodeSize::AnyAxisTenMm
                                  ? "any-axis-10-mm"
                                  : "recist-short-axis-15-mm"},
      {"eligibilityBoneOnlyMibgCounts", s.eligibilityBoneOnlyMibgCounts},
      {"extraDosesMrQualifies", s.extraDosesMrQualifies},
      {"extraDosesSdQualifies", s.extraDosesSdQualifies},
      {"extraDosesFdgReplacesMibg", s.extraDosesFdgReplacesMibg},
  };
}

QJsonObject timepointJson(const TimepointAssessment& t) {
  QJsonObject o{{"index", t.index},
                {"label", str(t.label)},
                {"kind", t.kind == TimepointKind::Baseline ? "baseline" : "follow-up"},
                {"date", dateText(t.date)},
                {"injectionsBefore", t.injectionsBefore}};
  if (t.curie) {
    QJsonArray segments;
    for (int i = 0; i < kCurieSegmentCount; ++i) {
      segments.append(QJsonObject{{"segment", str(curieSegmentName(i))},
                                  {"score", t.curie->segments[static_cast<std::size_t>(i)]}});
    }
    o["curie"] = QJsonObject{
        {"segments", segments}, {"total", t.curie->total}, {"skeletal", t.curie->skeletal}};
  }
  if (t.siopenTotal) {
    o["siopenTotal"] = *t.siopenTotal;
  }
  if (t.primaryTenths) {
    o["primaryLongestDiameterMm"] = mm(*t.primaryTenths);
  }
  if (t.targetSumTenths) {
    o["targetSumOfDiametersMm"] = mm(*t.targetSumTenths);
  }
  if (t.marrowPercentTenths) {
    o["marrowInfiltrationPercent"] = mm(*t.marrowPercentTenths);
  }
  if (t.response) {
    const ResponseAssessment& r = *t.response;
    o["response"] = QJsonObject{{"overall", componentJson(r.overall)},
                                {"primary", componentJson(r.primary)},
                                {"metastatic", componentJson(r.metastatic)},
                                {"softTissue", componentJson(r.softTissue)},
                                {"bone", componentJson(r.bone)},
                                {"marrow", componentJson(r.marrow)},
                                {"recist", componentJson(r.recist)}};
  }
  return o;
}

}  // namespace

QJsonObject assessmentToJson(const Assessment& a) {
  QJsonArray timepoints;
  for (const TimepointAssessment& t : a.timepoints) {
    timepoints.append(timepointJson(t));
  }
  QJsonObject extra{
      {"decision", str(extraDoseDecisionCode(a.extraDoses.decision))},
      {"summary", a.extraDoses.reasons.empty() ? QString() : str(a.extraDoses.reasons.back().text)},
      {"reasons", reasonsJson(a.extraDoses.reasons)}};
  if (a.extraDoses.timepointIndex) {
    extra["timepointIndex"] = *a.extraDoses.timepointIndex;
  }
  const EligibilityResult& e = a.eligibility;
  return {
      {"ruleSetVersion", str(a.ruleSetVersion)},
      {"subjectId", str(a.subjectId)},
      {"settings", settingsJson(a.settings)},
      {"disease", QJsonObject{{"mibgAvid", a.mibgAvidDisease},
                              {"reasons", reasonsJson(a.diseaseTypeReasons)}}},
      {"eligibility", QJsonObject{{"eligible", e.eligible},
                                  {"criterion1", e.criterion1},
                                  {"criterion2", e.criterion2},
                                  {"marrowOnlyWithoutPathology", e.marrowOnlyWithoutPathology},
                                  {"reasons", reasonsJson(e.reasons)}}},
      {"timepoints", timepoints},
      {"extraDoses", extra},
      {"dose", QJsonObject{{"weightKg", a.dose.weightKg},
                           {"nkCellsPerKg", static_cast<double>(kNkCellsPerKg)},
                           {"cellsPerInjection", static_cast<double>(a.dose.cellsPerInjection)},
                           {"reasons", reasonsJson(a.dose.reasons)}}},
  };
}

QJsonArray inputErrorsToJson(const std::vector<InputError>& errors) {
  QJsonArray out;
  for (const InputError& e : errors) {
    out.append(QJsonObject{{"field", str(e.field)}, {"message", str(e.message)}});
  }
  return out;
}

}  // namespace nbra::workflow
