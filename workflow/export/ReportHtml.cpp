#include "workflow/export/ReportHtml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <algorithm>
#include <cstdint>

namespace nbra::workflow {
namespace {

QString esc(const QString& s) {
  return s.toHtmlEscaped();
}

QString mm(double v) {
  return QString::number(v, 'f', 1);
}

// NK-cell counts the way the pharmacy writes them: 91.50 x 10^6.
QString millions(std::int64_t cells) {
  return QString::number(static_cast<double>(cells) / 1e6, 'f', 2) + " &times; 10<sup>6</sup>";
}

// `rawColumns` hold HTML made here (never user text), the others are escaped.
QString table(const QStringList& header, const std::vector<QStringList>& rows,
              const std::vector<int>& rawColumns = {}) {
  QString h = "<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>";
  for (const QString& c : header) {
    h += "<th bgcolor='#dde4ee' align='left'>" + esc(c) + "</th>";
  }
  h += "</tr>";
  for (const QStringList& r : rows) {
    h += "<tr>";
    for (int i = 0; i < r.size(); ++i) {
      const bool raw = std::find(rawColumns.begin(), rawColumns.end(), i) != rawColumns.end();
      h += "<td>" + (raw ? r[i] : esc(r[i])) + "</td>";
    }
    h += "</tr>";
  }
  return h + "</table>";
}

QString signatureText(const std::optional<records::Signature>& s) {
  if (!s) {
    return "NOT SIGNED";
  }
  return QString("%1 (%2), %3 UTC: \"%4\"")
      .arg(s->signerName, s->signerUserName, QString(s->signedUtc).replace('T', ' ').left(19),
           s->meaning);
}

QString reasonsList(const QJsonArray& reasons) {
  QString h = "<ul>";
  for (const QJsonValue& v : reasons) {
    const QJsonObject r = v.toObject();
    h += "<li>" + esc(r.value("text").toString()) + " <i>[" + esc(r.value("source").toString()) +
         "]</i></li>";
  }
  return h + "</ul>";
}

QString subjectSection(const ReportData& d) {
  const records::SubjectRecord& s = d.subject;
  QString age = s.birthDate ? "born " + s.birthDate->toString(Qt::ISODate)
                            : QString("age %1 years").arg(s.ageYears.value_or(0.0));
  QString h = "<h2>Subject</h2><p><b>" + esc(s.studyId) + "</b>, sex " + esc(s.sex) + ", " +
              esc(age) + ". ";
  h += s.enrolledDate
           ? "Enrolled " + s.enrolledDate->toString(Qt::ISODate) + " at " + esc(s.site) + "."
           : QString("Not enrolled.");
  h += "</p>";
  std::vector<QStringList> rows;
  for (const records::InjectionRecord& i : s.injections) {
    rows.push_back({QString::number(i.number), i.givenDate.toString(Qt::ISODate), mm(i.weightKg),
                    millions(i.doseCells), millions(i.cellsGiven)});
  }
  if (!rows.empty()) {
    h += table(
        {"Injection", "Date", "Weight that day (kg)", "Dose (5 x 10^6 NK cells/kg)", "Cells given"},
        rows, {3, 4});
  }
  return h;
}

QString scansSection(const ReportData& d) {
  QString h = "<h2>Timepoint and scans used</h2><p><b>" + esc(d.timepoint.label) + "</b> (" +
              esc(d.timepoint.kind) + "), scans of " + d.timepoint.scanDate.toString(Qt::ISODate) +
              ".</p>";
  if (d.timepoint.studyInstanceUids.isEmpty()) {
    return h + "<p>No imaging study linked.</p>";
  }
  h += "<p>Study Instance UIDs:</p><ul>";
  for (const QString& uid : d.timepoint.studyInstanceUids) {
    h += "<li><tt>" + esc(uid) + "</tt></li>";
  }
  return h + "</ul>";
}

QString lesionSection(const ReportData& d) {
  QString h = "<h2>Lesions (CT/MRI)</h2>";
  if (d.signedReads.empty()) {
    return h + "<p>No signed read.</p>";
  }
  for (const records::ReadRecord& r : d.signedReads) {
    h += "<p>Read by " + esc(r.readerName) + QString(", version %1").arg(r.version) +
         (r.supersedesId ? " (correction: " + esc(r.correctionReason) + ")" : QString()) + "</p>";
    std::vector<QStringList> rows;
    for (const records::LesionMeasurement& l : r.content.lesions) {
      QString image = l.sopInstanceUid;
      if (l.frame) {
        image += QString(" frame %1").arg(*l.frame);
      }
      rows.push_back({l.trackingId, l.organ,
                      l.isPrimary ? QString("primary") : l.role + (l.isNew ? ", new" : ""),
                      l.notEvaluable ? QString("not evaluable") : mm(l.longAxisMm),
                      l.notEvaluable ? QString("not evaluable")
                      : l.shortAxisMm ? mm(*l.shortAxisMm)
                                      : QString("-"),
                      QString(l.mibgAvid ? "MIBG " : "") + (l.fdgAvid ? "FDG" : ""), image});
    }
    h += rows.empty() ? QString("<p>No soft-tissue lesion.</p>")
                      : table({"Lesion", "Site", "Role", "Long axis (mm)", "Short axis (mm)",
                               "Avid", "Image (SOP Instance UID)"},
                              rows);
  }
  const QJsonObject& t = d.timepointJson;
  if (t.contains("primaryLongestDiameterMm") || t.contains("targetSumOfDiametersMm")) {
    h += "<p>Primary longest diameter: " +
         (t.contains("primaryLongestDiameterMm")
              ? mm(t.value("primaryLongestDiameterMm").toDouble()) + " mm"
              : QString("-")) +
         "; RECIST sum of target diameters: " +
         (t.contains("targetSumOfDiametersMm")
              ? mm(t.value("targetSumOfDiametersMm").toDouble()) + " mm"
              : QString("-")) +
         ".</p>";
  }
  return h;
}

QString mibgSection(const ReportData& d) {
  QString h = "<h2>MIBG scores</h2>";
  const QJsonObject& t = d.timepointJson;
  if (t.contains("curie")) {
    // Two segments per row keeps the ten Curie segments on a few lines.
    std::vector<QStringList> rows;
    const QJsonArray segments = t.value("curie").toObject().value("segments").toArray();
    for (qsizetype i = 0; i < segments.size(); i += 2) {
      QStringList row;
      for (qsizetype j = i; j < i + 2; ++j) {
        row << (j < segments.size() ? segments[j].toObject().value("segment").toString() : "")
            << (j < segments.size() ? QString::number(segments[j].toObject().value("score").toInt())
                                    : "");
      }
      rows.push_back(row);
    }
    h += "<p>Curie: total <b>" +
         QString::number(t.value("curie").toObject().value("total").toInt()) + "</b>, skeletal " +
         QString::number(t.value("curie").toObject().value("skeletal").toInt()) + ".</p>";
    h += table({"Curie segment", "Score", "Curie segment", "Score"}, rows);
  }
  if (t.contains("siopenTotal")) {
    h += "<p>SIOPEN total: <b>" + QString::number(t.value("siopenTotal").toInt()) + "</b>";
    for (const records::ReadRecord& r : d.signedReads) {
      QStringList scores;
      for (const records::MibgSegmentEntry& m : r.content.mibg) {
        if (m.scale == "siopen") {
          scores << QString::number(m.score.value_or(0));
        }
      }
      if (!scores.isEmpty()) {
        h += " (segments 1-12 by " + esc(r.readerName) + ": " + scores.join(", ") + ")";
      }
    }
    h += ".</p>";
  }
  if (!t.contains("curie") && !t.contains("siopenTotal")) {
    h += "<p>No MIBG scan assessed at this timepoint.</p>";
  }
  if (t.contains("marrowInfiltrationPercent")) {
    h += "<p>Bone marrow: highest infiltration " +
         mm(t.value("marrowInfiltrationPercent").toDouble()) + " %.</p>";
  }
  return h;
}

QString responseSection(const ReportData& d) {
  QString h = "<h2>INRC 2017 response</h2>";
  if (!d.assessment) {
    return h + "<p>Not assessed.</p>";
  }
  // A reader corrected a read under this assessment: say so before its outcome is read.
  if (!d.assessment->superseded.isEmpty()) {
    h += "<p style=\"color:#b00000\"><b>STALE ASSESSMENT: " + esc(d.assessment->superseded) +
         ". Its outcome may no longer hold; reassess before deciding.</b></p>";
  }
  const QJsonObject response = d.timepointJson.value("response").toObject();
  if (response.isEmpty()) {
    h += "<p>Baseline: the reference for later responses.</p>";
  } else {
    const QJsonObject overall = response.value("overall").toObject();
    h += "<p><b>Overall response: " + esc(overall.value("response").toString()) + " (" +
         esc(overall.value("meaning").toString()) + ")</b></p>" +
         reasonsList(overall.value("reasons").toArray());
    std::vector<QStringList> rows;
    const std::pair<const char*, const char*> parts[] = {{"primary", "Primary tumour"},
                                                         {"softTissue", "Soft tissue"},
                                                         {"bone", "Bone"},
                                                         {"marrow", "Bone marrow"},
                                                         {"metastatic", "Metastatic"},
                                                         {"recist", "RECIST 1.1 (reference)"}};
    for (const auto& [key, name] : parts) {
      const QJsonObject c = response.value(key).toObject();
      QStringList reasons;
      for (const QJsonValue& v : c.value("reasons").toArray()) {
        reasons << v.toObject().value("text").toString();
      }
      rows.push_back({name, c.value("response").toString(), reasons.join(" ")});
    }
    h += table({"Component", "Response", "Why"}, rows);
  }
  const QJsonObject marrow = d.assessmentJson.value("marrowEntry").toObject();
  if (!marrow.isEmpty()) {
    QStringList samples;
    for (const QJsonValue& v : marrow.value("samples").toArray()) {
      samples << v.toObject().value("kind").toString() + " " +
                     QString::number(v.toObject().value("infiltrationPercent").toDouble()) + " %";
    }
    h += "<p>Bone marrow of '" + esc(marrow.value("timepoint").toString()) + "' entered by " +
         esc(marrow.value("enteredBy").toString()) + " from pathology: " + esc(samples.join(", ")) +
         (marrow.value("pathologyConfirmed").toBool() ? " (pathology confirmed)." : ".") + "</p>";
  }
  h += "<p><small>Rule set " + esc(d.assessment->ruleSetVersion) + ", assessed " +
       esc(QString(d.assessment->createdUtc).replace('T', ' ').left(19)) + " UTC by " +
       esc(d.assessment->createdByName) +
       (d.assessmentIsOwn
            ? QString()
            : " as part of the assessment of '" + esc(d.assessment->timepointLabel) + "'") +
       ".</small></p>";
  return h;
}

QString decisionSection(const ReportData& d) {
  QString h = "<h2>Eligibility and extra doses</h2>";
  if (d.assessment) {
    const QJsonObject e = d.assessmentJson.value("eligibility").toObject();
    h += "<p>Rules: " + QString(e.value("eligible").toBool() ? "eligible" : "not eligible") +
         ".</p>" + reasonsList(e.value("reasons").toArray());
    const QJsonObject x = d.assessmentJson.value("extraDoses").toObject();
    h += "<p>Rules on injections 4 and 5: <b>" + esc(x.value("decision").toString()) + "</b>. " +
         esc(x.value("summary").toString()) + "</p>";
    // The reasons one by one (the summary above is the last of them), the settings they were
    // decided under and the dose, so the signed decision below can be checked on paper.
    QJsonArray steps = x.value("reasons").toArray();
    if (!steps.isEmpty()) {
      steps.removeLast();
    }
    h += reasonsList(steps);
    const QJsonObject s = d.assessmentJson.value("settings").toObject();
    if (!s.isEmpty()) {
      const auto yn = [&s](const char* key) { return s.value(key).toBool() ? "yes" : "no"; };
      h += QString(
               "<p><small>Rule settings in force: minor response counts as improvement: %1; "
               "stable disease counts: %2; FDG-PET stands in for MIBG in MIBG-non-avid "
               "disease: %3.</small></p>")
               .arg(yn("extraDosesMrQualifies"), yn("extraDosesSdQualifies"),
                    yn("extraDosesFdgReplacesMibg"));
    }
    const QJsonObject dose = d.assessmentJson.value("dose").toObject();
    if (dose.contains("cellsPerInjection")) {
      h += "<p>Dose per injection: " +
           millions(static_cast<std::int64_t>(dose.value("cellsPerInjection").toDouble())) +
           " NK cells (5 &times; 10<sup>6</sup> cells/kg &times; " +
           QString::number(dose.value("weightKg").toDouble(), 'f', 2) + " kg).</p>";
    }
  }
  std::vector<QStringList> rows;
  QStringList restsOn;  // under the table: a fifth column would make the signatures wrap
  for (const records::DecisionRecord& r : d.subject.eligibility) {
    rows.push_back(
        {"Eligibility", r.yes ? "eligible" : "not eligible", r.reason, signatureText(r.signature)});
    if (r.assessmentId) {
      restsOn << QString("eligibility decision %1 on assessment %2").arg(r.id).arg(*r.assessmentId);
    }
  }
  for (const records::DecisionRecord& r : d.subject.extraDoseDecisions) {
    rows.push_back(
        {"Extra doses", r.yes ? "approved" : "refused", r.reason, signatureText(r.signature)});
    if (r.assessmentId) {
      restsOn << QString("extra-dose decision %1 on assessment %2").arg(r.id).arg(*r.assessmentId);
    }
  }
  h += rows.empty() ? QString("<p>No signed decision yet.</p>")
                    : table({"Decision", "Outcome", "Reason", "Signed"}, rows);
  if (!restsOn.isEmpty()) {
    h += "<p><small>Rests on: " + esc(restsOn.join("; ")) + ".</small></p>";
  }
  return h;
}

QString signatureSection(const ReportData& d) {
  QString h = "<h2>Signatures of the reads</h2>";
  std::vector<QStringList> rows;
  for (const records::ReadRecord& r : d.signedReads) {
    rows.push_back({r.readerName, QString::number(r.version), signatureText(r.signature)});
  }
  return h +
         (rows.empty() ? QString("<p>None.</p>") : table({"Reader", "Version", "Signature"}, rows));
}

}  // namespace

QString reportHtml(const ReportData& d, const QString& generatedUtc) {
  QString h = "<html><body style='font-family: DejaVu Sans; font-size: 9pt'>";
  h += "<h1>Response assessment: " + esc(d.subject.studyId) + ", " + esc(d.timepoint.label) +
       "</h1>";
  h += "<p><small>NK-cell trial in refractory/relapsed high-risk neuroblastoma. Generated " +
       esc(QString(generatedUtc).replace('T', ' ').left(19)) +
       " UTC from the trial record by NBRA.</small></p>";
  h += subjectSection(d) + scansSection(d) + lesionSection(d) + mibgSection(d) +
       responseSection(d) + decisionSection(d) + signatureSection(d);
  // The anchor: whoever holds this page can later check that the record still has this entry
  // with this hash (nbra-cli audit verify --anchor SEQ:HASH).
  h += QString(
           "<p><small>Audit trail when printed: entry %1, SHA-256 <tt>%2</tt>. Check with "
           "<tt>nbra-cli audit verify --anchor %1:%2</tt>.</small></p>")
           .arg(d.auditHeadSeq)
           .arg(esc(d.auditHeadHash));
  return h + "</body></html>";
}

}  // namespace nbra::workflow
