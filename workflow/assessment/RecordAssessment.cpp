#include "workflow/assessment/RecordAssessment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include "scoring/assessment/Assessment.h"
#include "workflow/assessment/AssessmentJson.h"
#include "workflow/assessment/CaseAssembly.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/support/Fail.h"

namespace nbra::workflow {

using records::RecordError;
using records::RecordErrorKind;

namespace {

QJsonObject marrowJson(const MarrowEntry& m) {
  QJsonArray samples;
  for (const records::MarrowResult& s : m.samples) {
    samples.append(QJsonObject{{"kind", s.kind}, {"infiltrationPercent", s.infiltrationPercent}});
  }
  return {{"samples", samples}, {"pathologyConfirmed", m.pathologyConfirmed}};
}

scoring::MarrowReading marrowReading(const MarrowEntry& entry) {
  scoring::MarrowReading m;
  m.pathologyConfirmed = entry.pathologyConfirmed;
  for (const records::MarrowResult& s : entry.samples) {
    m.samples.push_back({s.kind == "biopsy" ? scoring::MarrowSampleKind::Biopsy
                                            : scoring::MarrowSampleKind::Aspirate,
                         s.infiltrationPercent});
  }
  return m;
}

// The investigator enters marrow results from pathology when assessing a timepoint; they are
// kept with that assessment, not in the reads. A later assessment rebuilds the earlier
// timepoints from their reads, so an earlier timepoint whose read has no marrow takes the entry
// of its own latest assessment (never a superseded one), and the output says where it came from.
void withEnteredMarrow(records::TrialRecord& record, const QString& studyId, const QString& label,
                       scoring::Case& kase, QJsonArray& carried) {
  const std::vector<records::AssessmentRecord> assessments = record.assessments(studyId);
  for (scoring::Timepoint& tp : kase.timepoints) {
    const QString tpLabel = QString::fromStdString(tp.label);
    if (tpLabel == label || tp.marrow) {
      continue;
    }
    const records::AssessmentRecord* source = nullptr;
    std::optional<StoredMarrowEntry> entry;
    for (const records::AssessmentRecord& a : assessments) {
      if (a.timepointLabel != tpLabel || !a.superseded.isEmpty()) {
        continue;
      }
      const std::optional<StoredMarrowEntry> e = readStoredAssessment(a.outputJson).marrowEntry;
      if (e && e->timepoint == tpLabel && (!source || a.id > source->id)) {
        source = &a;
        entry = e;
      }
    }
    if (!source) {
      continue;
    }
    scoring::MarrowReading marrow;
    marrow.pathologyConfirmed = entry->pathologyConfirmed;
    for (const StoredMarrowSample& s : entry->samples) {
      marrow.samples.push_back({s.kind == "biopsy" ? scoring::MarrowSampleKind::Biopsy
                                                   : scoring::MarrowSampleKind::Aspirate,
                                s.infiltrationPercent});
    }
    tp.marrow = marrow;
    carried.append(QJsonObject{
        {"timepoint", tpLabel}, {"fromAssessment", source->id}, {"enteredBy", entry->enteredBy}});
  }
}

}  // namespace

MarrowEntry parseMarrowSamples(const QString& samples, bool pathologyConfirmed) {
  MarrowEntry out;
  out.pathologyConfirmed = pathologyConfirmed;
  for (const QString& item : samples.split(',', Qt::SkipEmptyParts)) {
    const QStringList parts = item.trimmed().split(':');
    bool number = false;
    const double percent = parts.size() == 2 ? parts[1].trimmed().toDouble(&number) : 0.0;
    const QString kind = parts.value(0).trimmed();
    if (parts.size() != 2 || !number || (kind != "aspirate" && kind != "biopsy") || percent < 0.0 ||
        percent > 100.0) {
      fail(RecordErrorKind::BadInput,
           "marrow sample '" + item.trimmed() +
               "': expected aspirate:PERCENT or biopsy:PERCENT with 0 <= PERCENT <= 100");
    }
    out.samples.push_back({kind, percent, pathologyConfirmed});
  }
  if (out.samples.empty()) {
    fail(RecordErrorKind::BadInput, "marrow: no sample given (e.g. aspirate:0,biopsy:0)");
  }
  return out;
}

RecordedAssessment assessAndRecord(records::TrialRecord& record, const QString& studyId,
                                   const QString& label, const QString& reader,
                                   const std::optional<MarrowEntry>& marrow) {
  record.require(records::Permission::RecordAssessment);  // before doing the work
  AssembledCase assembled = assembleCase(record, studyId, label, reader);
  QJsonArray carried;
  withEnteredMarrow(record, studyId, label, assembled.kase, carried);
  if (marrow) {
    for (scoring::Timepoint& tp : assembled.kase.timepoints) {
      if (QString::fromStdString(tp.label) == label) {
        tp.marrow = marrowReading(*marrow);
      }
    }
  }
  // Typed all the way: scoring::assessCase validates the case (validateCase) before any rule.
  const scoring::AssessOutcome outcome = scoring::assessCase(assembled.kase);
  if (!outcome.assessment) {
    QStringList messages;
    for (const scoring::InputError& e : outcome.errors) {
      messages << QString::fromStdString(e.describe());
    }
    fail(RecordErrorKind::BadInput,
         "subject '" + studyId + "': the rules refused the reading: " + messages.join("; "));
  }
  QJsonObject output = assessmentToJson(*outcome.assessment);
  if (marrow) {
    QJsonObject entry = marrowJson(*marrow);
    entry["timepoint"] = label;
    entry["enteredBy"] = record.actor().fullName;
    output["marrowEntry"] = entry;
  }
  if (!carried.isEmpty()) {
    output["marrowEntriesUsed"] = carried;  // earlier timepoints' entries, from their assessments
  }
  // The record's summary columns come from the typed result, not from the JSON just written.
  const scoring::Assessment& result = *outcome.assessment;
  records::AssessmentInput in;
  in.ruleSetVersion = QString::fromStdString(std::string(result.ruleSetVersion));
  if (!result.timepoints.empty() && result.timepoints.back().response) {
    in.overallResponse = QString::fromStdString(
        std::string(scoring::responseCode(result.timepoints.back().response->overall.response)));
  }
  in.eligible = result.eligibility.eligible;
  in.extraDoses = QString::fromStdString(
      std::string(scoring::extraDoseDecisionCode(result.extraDoses.decision)));
  in.outputJson = QString::fromUtf8(QJsonDocument(output).toJson(QJsonDocument::Compact));
  in.readIds = assembled.readIds;
  const qint64 id = record.recordAssessment(studyId, label, in);
  return {id, output};
}

}  // namespace nbra::workflow
