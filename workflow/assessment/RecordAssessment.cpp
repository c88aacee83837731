#include "workflow/assessment/RecordAssessment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include "scoring/assessment/Assessment.h"
#include "workflow/assessment/AssessmentJson.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/assessment/CaseAssembly.h"

namespace nbra::workflow {

using records::RecordError;
using records::RecordErrorKind;

namespace {

[[noreturn]] void fail(RecordErrorKind kind, const QString& message) {
  throw RecordError(kind, message.toStdString());
}

QJsonObject marrowJson(const MarrowEntry& m) {
  QJsonArray samples;
  for (const records::MarrowResult& s : m.samples) {
    samples.append(QJsonObject{{"kind", s.kind}, {"infiltrationPercent", s.infiltrationPercent}});
  }
  return {{"samples", samples}, {"pathologyConfirmed", m.pathologyConfirmed}};
}

// Replaces the marrow of the timepoint labelled `label` in an assembled case.
QByteArray withMarrow(const QByteArray& caseJson, const QString& label, const MarrowEntry& m) {
  QJsonObject root = QJsonDocument::fromJson(caseJson).object();
  QJsonArray timepoints = root.value("timepoints").toArray();
  for (qsizetype i = 0; i < timepoints.size(); ++i) {
    QJsonObject tp = timepoints[i].toObject();
    if (tp.value("label").toString() == label) {
      tp["marrow"] = marrowJson(m);
      timepoints[i] = tp;
    }
  }
  root["timepoints"] = timepoints;
  return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// The investigator enters marrow results from pathology when assessing a timepoint; they are
// kept with that assessment, not in the reads. A later assessment rebuilds the earlier
// timepoints from their reads, so an earlier timepoint whose read has no marrow takes the entry
// of its own latest assessment (never a superseded one), and the output says where it came from.
QByteArray withEnteredMarrow(records::TrialRecord& record, const QString& studyId,
                             const QString& label, const QByteArray& caseJson,
                             QJsonArray& carried) {
  QJsonObject root = QJsonDocument::fromJson(caseJson).object();
  QJsonArray timepoints = root.value("timepoints").toArray();
  const std::vector<records::AssessmentRecord> assessments = record.assessments(studyId);
  for (qsizetype i = 0; i < timepoints.size(); ++i) {
    QJsonObject tp = timepoints[i].toObject();
    const QString tpLabel = tp.value("label").toString();
    if (tpLabel == label || tp.contains("marrow")) {
      continue;
    }
    const records::AssessmentRecord* source = nullptr;
    QJsonObject entry;
    for (const records::AssessmentRecord& a : assessments) {
      if (a.timepointLabel != tpLabel || !a.superseded.isEmpty()) {
        continue;
      }
      const QJsonObject e =
          QJsonDocument::fromJson(a.outputJson.toUtf8()).object().value("marrowEntry").toObject();
      if (e.value("timepoint").toString() == tpLabel && (!source || a.id > source->id)) {
        source = &a;
        entry = e;
      }
    }
    if (!source) {
      continue;
    }
    tp["marrow"] = QJsonObject{{"samples", entry.value("samples")},
                               {"pathologyConfirmed", entry.value("pathologyConfirmed")}};
    timepoints[i] = tp;
    carried.append(QJsonObject{{"timepoint", tpLabel},
                               {"fromAssessment", source->id},
                               {"enteredBy", entry.value("enteredBy")}});
  }
  root["timepoints"] = timepoints;
  return QJsonDocument(root).toJson(QJsonDocument::Compact);
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
  const AssembledCase assembled = assembleCase(record, studyId, label, reader);
  QJsonArray carried;
  QByteArray caseJson = withEnteredMarrow(record, studyId, label, assembled.json, carried);
  if (marrow) {
    caseJson = withMarrow(caseJson, label, *marrow);
  }
  const CaseParseResult parsed = parseCase(caseJson);
  if (!parsed.value) {
    fail(RecordErrorKind::BadInput,
         "subject '" + studyId + "': the stored reads do not form a valid case: " + parsed.error);
  }
  const scoring::AssessOutcome outcome = scoring::assessCase(*parsed.value);
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
  records::AssessmentInput in;
  in.ruleSetVersion = output.value("ruleSetVersion").toString();
  const QJsonArray tps = output.value("timepoints").toArray();
  const QJsonObject overall =
      tps.last().toObject().value("response").toObject().value("overall").toObject();
  if (!overall.isEmpty()) {
    in.overallResponse = overall.value("response").toString();
  }
  in.eligible = output.value("eligibility").toObject().value("eligible").toBool();
  in.extraDoses = output.value("extraDoses").toObject().value("decision").toString();
  in.outputJson = QString::fromUtf8(QJsonDocument(output).toJson(QJsonDocument::Compact));
  in.readIds = assembled.readIds;
  const qint64 id = record.recordAssessment(studyId, label, in);
  return {id, output};
}

}  // namespace nbra::workflow
