#include "workflow/export/ReportHtml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <cstdint>

#include "records/store/DateConversion.h"

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

QString reasonsList(const std::vector<StoredReason>& reasons) {
  QString h = "<ul>";
  for (const StoredReason& r : reasons) {
    h += "<li>" + esc(r.text) + " <i>[" + esc(r.source) + "]</i></li>";
  }
  return h + "</ul>";
}

// The signed eligibility checklist: the verdict, who signed, and every criterion that is not
// met or excludes (an eligible subject has none to list).
QString checklistParagraph(const ReportData& d) {
  if (!d.checklist) {
    return "<p>Eligibility checklist: <b>not signed</b>.</p>";
  }
  const records::ChecklistSignoffRecord& c = *d.checklist;
  QString h = "<p>Eligibility checklist: <b>" +
              QString(c.eligible ? "eligible" : "not eligible") + "</b>, judged for " +
              c.judgedOn.toString(Qt::ISODate) + "; signed " + esc(signatureText(c.signature)) +
              ".";
  if (!c.stale.isEmpty()) {
    h += " <b>Not current:</b> " + esc(c.stale) + ".";
  }
  h += "</p>";
  const QJsonObject evaluation = QJsonDocument::fromJson(c.evaluationJson.toUtf8()).object();
  QString failing;
  for (const QJsonValue& v : evaluation.value("criteria").toArray()) {
    const QJsonObject o = v.toObject();
    const QString status = o.value("status").toString();
    if (status == "not-met" || status == "excludes") {
      QStringList reasons;
      for (const QJsonValue& r : o.value("reasons").toArray()) {
        reasons << r.toString();
      }
      failing += "<li>" + esc(o.value("id").toString() + " " + o.value("title").toString() +
                              ": " + reasons.join("; ")) +
                 "</li>";
    }
  }
  return failing.isEmpty() ? h : h + "<ul>" + failing + "</ul>";
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
  h += checklistParagraph(d);
  std::vector<QStringList> rows;
  for (const records::ScheduleLine& l : d.schedule) {
    const scoring::ScheduledInjection& i = l.injection;
    const auto day = [](const std::optional<scoring::Date>& v) {
      return v ? records::detail::toQDate(*v).toString(Qt::ISODate) : QString();
    };
    QString given = day(i.givenDate);
    QString cellsGiven;
    for (const records::InjectionRecord& r : s.injections) {
      if (r.number == i.number) {
        cellsGiven = millions(r.cellsGiven);
      }
    }
    rows.push_back({QString::number(i.number), day(i.courseEnd), day(i.dueDate), given,
                    QString::fromUtf8(scoring::injectionTimingCode(i.timing).data()),
                    l.weightKg ? mm(*l.weightKg) : QString(),
                    l.doseCells ? millions(*l.doseCells) : QString(), cellsGiven, l.lotCode});
  }
  if (!rows.empty()) {
    h += table({"Injection", "Course ended", "Due", "Given", "Timing", "Weight (kg)",
                "Dose (5 x 10^6 NK cells/kg)", "Cells given", "Lot"},
               rows, {6, 7});
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
                      l.notEvaluable  ? QString("not evaluable")
                      : l.shortAxisMm ? mm(*l.shortAxisMm)
                                      : QString("-"),
                      QString(l.mibgAvid ? "MIBG " : "") + (l.fdgAvid ? "FDG" : ""), image});
    }
    h += rows.empty() ? QString("<p>No soft-tissue lesion.</p>")
                      : table({"Lesion", "Site", "Role", "Long axis (mm)", "Short axis (mm)",
                               "Avid", "Image (SOP Instance UID)"},
                              rows);
  }
  const StoredTimepoint t = d.timepointResult.value_or(StoredTimepoint{});
  if (t.primaryLongestDiameterMm || t.targetSumOfDiametersMm) {
    h += "<p>Primary longest diameter: " +
         (t.primaryLongestDiameterMm ? mm(*t.primaryLongestDiameterMm) + " mm" : QString("-")) +
         "; RECIST sum of target diameters: " +
         (t.targetSumOfDiametersMm ? mm(*t.targetSumOfDiametersMm) + " mm" : QString("-")) +
         ".</p>";
  }
  return h;
}

QString mibgSection(const ReportData& d) {
  QString h = "<h2>MIBG scores</h2>";
  const StoredTimepoint t = d.timepointResult.value_or(StoredTimepoint{});
  if (t.curieTotal) {
    // Two segments per row keeps the ten Curie segments on a few lines.
    std::vector<QStringList> rows;
    const std::vector<StoredCurieSegment>& segments = t.curieSegments;
    for (std::size_t i = 0; i < segments.size(); i += 2) {
      QStringList row;
      for (std::size_t j = i; j < i + 2; ++j) {
        row << (j < segments.size() ? segments[j].name : "")
            << (j < segments.size() ? QString::number(segments[j].score) : "");
      }
      rows.push_back(row);
    }
    h += "<p>Curie: total <b>" + QString::number(*t.curieTotal) + "</b>, skeletal " +
         QString::number(t.curieSkeletal.value_or(0)) + ".</p>";
    h += table({"Curie segment", "Score", "Curie segment", "Score"}, rows);
  }
  if (t.siopenTotal) {
    h += "<p>SIOPEN total: <b>" + QString::number(*t.siopenTotal) + "</b>";
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
  if (!t.curieTotal && !t.siopenTotal) {
    h += "<p>No MIBG scan assessed at this timepoint.</p>";
  }
  if (t.marrowInfiltrationPercent) {
    h += "<p>Bone marrow: highest infiltration " + mm(*t.marrowInfiltrationPercent) + " %.</p>";
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
  if (!d.timepointResult || !d.timepointResult->response) {
    h += "<p>Baseline: the reference for later responses.</p>";
  } else {
    const StoredResponse& response = *d.timepointResult->response;
    h += "<p><b>Overall response: " + esc(response.overall.response) + " (" +
         esc(response.overall.meaning) + ")</b></p>" + reasonsList(response.overall.reasons);
    std::vector<QStringList> rows;
    const std::pair<const char*, const char*> parts[] = {{"primary", "Primary tumour"},
                                                         {"softTissue", "Soft tissue"},
                                                         {"bone", "Bone"},
                                                         {"marrow", "Bone marrow"},
                                                         {"metastatic", "Metastatic"},
                                                         {"recist", "RECIST 1.1 (reference)"}};
    for (const auto& [key, name] : parts) {
      const StoredComponent& c = *response.component(key);
      rows.push_back({name, c.response, c.reasonTexts().join(" ")});
    }
    h += table({"Component", "Response", "Why"}, rows);
  }
  if (const std::optional<StoredMarrowEntry>& marrow = d.output.marrowEntry) {
    QStringList samples;
    for (const StoredMarrowSample& s : marrow->samples) {
      samples << s.kind + " " + QString::number(s.infiltrationPercent) + " %";
    }
    h += "<p>Bone marrow of '" + esc(marrow->timepoint) + "' entered by " + esc(marrow->enteredBy) +
         " from pathology: " + esc(samples.join(", ")) +
         (marrow->pathologyConfirmed ? " (pathology confirmed)." : ".") + "</p>";
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
    const StoredAssessment& o = d.output;
    h += "<p>Rules: " + QString(o.eligibility.eligible ? "eligible" : "not eligible") + ".</p>" +
         reasonsList(o.eligibility.reasons);
    h += "<p>Rules on injections 4 and 5: <b>" + esc(o.extraDoses.decision) + "</b>. " +
         esc(o.extraDoses.summary) + "</p>";
    // The reasons one by one (the summary above is the last of them), the settings they were
    // decided under and the dose, so the signed decision below can be checked on paper.
    std::vector<StoredReason> steps = o.extraDoses.reasons;
    if (!steps.empty()) {
      steps.pop_back();
    }
    h += reasonsList(steps);
    if (!o.settings.empty()) {
      const auto yn = [](bool v) { return v ? "yes" : "no"; };
      h += QString(
               "<p><small>Rule settings in force: minor response counts as improvement: %1; "
               "stable disease counts: %2; FDG-PET stands in for MIBG in MIBG-non-avid "
               "disease: %3.</small></p>")
               .arg(yn(o.settingIsYes("extraDosesMrQualifies")), yn(o.settingIsYes("extraDosesSdQualifies")),
                    yn(o.settingIsYes("extraDosesFdgReplacesMibg")));
    }
    if (o.dose.cellsPerInjection) {
      h += "<p>Dose per injection: " +
           millions(static_cast<std::int64_t>(*o.dose.cellsPerInjection)) +
           " NK cells (5 &times; 10<sup>6</sup> cells/kg &times; " +
           QString::number(o.dose.weightKg.value_or(0.0), 'f', 2) + " kg).</p>";
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
