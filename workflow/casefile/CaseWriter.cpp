#include "workflow/casefile/CaseWriter.h"

#include <QJsonArray>
#include <QString>

namespace nbra::workflow {

namespace {

QJsonObject lesionJson(const scoring::Lesion& l) {
  QJsonObject o{{"trackingId", QString::fromStdString(l.trackingId)},
                {"sliceThicknessMm", l.sliceThicknessMm}};
  if (!l.organ.empty()) {
    o["organ"] = QString::fromStdString(l.organ);
  }
  if (l.notEvaluable) {
    o["notEvaluable"] = true;  // present but not measured: no lengths (schema)
  } else {
    o["longAxisMm"] = l.longAxisMm;
    if (l.shortAxisMm) {
      o["shortAxisMm"] = *l.shortAxisMm;
    }
  }
  const auto flag = [&o](const char* key, bool value) {
    if (value) {
      o[key] = true;
    }
  };
  flag("isPrimary", l.isPrimary);
  flag("isLymphNode", l.isLymphNode);
  flag("mibgAvid", l.mibgAvid);
  flag("fdgAvid", l.fdgAvid);
  flag("isNew", l.isNew);
  flag("biopsyProven", l.biopsyProven);
  if (l.role == scoring::LesionRole::Target) {
    o["role"] = "target";
  }
  return o;
}

QJsonObject mibgJson(const scoring::MibgReading& m) {
  QJsonObject out;
  if (m.curie) {
    QJsonArray curie;
    for (const scoring::CurieSegmentEntry& e : *m.curie) {
      QJsonObject o;
      if (e.score) {
        o["score"] = *e.score;
      }
      if (e.lesionMarks) {
        o["marks"] = *e.lesionMarks;
      }
      if (e.diffuse) {
        o["diffuse"] = true;
      }
      if (e.primaryMarks > 0) {
        o["primaryMarks"] = e.primaryMarks;
      }
      if (!e.score && !e.lesionMarks && !e.diffuse) {
        o["marks"] = 0;  // a segment with nothing in it: no uptake marked
      }
      curie.append(o);
    }
    out["curie"] = curie;
  }
  if (m.siopen) {
    QJsonArray siopen;
    for (const int score : *m.siopen) {
      siopen.append(score);
    }
    out["siopen"] = siopen;
  }
  out["newBoneSites"] = m.newBoneSites;
  return out;
}

QString isoDate(const std::chrono::year_month_day& d) {
  return QString::asprintf("%04d-%02u-%02u", static_cast<int>(d.year()),
                           static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

}  // namespace

QJsonObject timepointToJson(const scoring::Timepoint& t) {
  QJsonObject o;
  if (!t.label.empty()) {
    o["label"] = QString::fromStdString(t.label);
  }
  o["kind"] = t.kind == scoring::TimepointKind::Baseline ? "baseline" : "follow-up";
  if (t.date.ok()) {
    o["date"] = isoDate(t.date);
  }
  o["injectionsBefore"] = t.injectionsBefore;
  if (t.lesions) {
    QJsonArray lesions;
    for (const scoring::Lesion& l : *t.lesions) {
      lesions.append(lesionJson(l));
    }
    o["lesions"] = lesions;
  }
  if (t.mibg) {
    o["mibg"] = mibgJson(*t.mibg);
  }
  if (t.fdgPet) {
    o["fdgPet"] = QJsonObject{{"avidBoneLesions", t.fdgPet->avidBoneLesions},
                              {"newAvidBoneLesions", t.fdgPet->newAvidBoneLesions},
                              {"newBoneLesionsConfirmed", t.fdgPet->newBoneLesionsConfirmed}};
  }
  if (t.marrow) {
    QJsonArray samples;
    for (const scoring::MarrowSample& s : t.marrow->samples) {
      samples.append(
          QJsonObject{{"kind", s.kind == scoring::MarrowSampleKind::Biopsy ? "biopsy" : "aspirate"},
                      {"infiltrationPercent", s.infiltrationPercent}});
    }
    o["marrow"] =
        QJsonObject{{"samples", samples}, {"pathologyConfirmed", t.marrow->pathologyConfirmed}};
  }
  return o;
}

QJsonObject caseToJson(const scoring::Case& kase) {
  QJsonObject subject{{"id", QString::fromStdString(kase.subject.id)}};
  if (kase.subject.weightKg) {
    subject["weightKg"] = *kase.subject.weightKg;
  }
  if (kase.subject.ageYears) {
    subject["ageYears"] = *kase.subject.ageYears;
  }
  QJsonArray timepoints;
  for (const scoring::Timepoint& t : kase.timepoints) {
    timepoints.append(timepointToJson(t));
  }
  return {{"subject", subject}, {"timepoints", timepoints}};
}

}  // namespace nbra::workflow
