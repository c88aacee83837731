#include "workflow/adjudication/ReadOfRecord.h"

#include <QStringList>

#include "scoring/assessment/Assessment.h"
#include "workflow/adjudication/ComparisonJson.h"
#include "workflow/assessment/CaseAssembly.h"

namespace nbra::workflow {

using records::RecordError;
using records::RecordErrorKind;

namespace {

[[noreturn]] void fail(RecordErrorKind kind, const QString& message) {
  throw RecordError(kind, message.toStdString());
}

records::ReadRecord readById(records::TrialRecord& record, const QString& studyId,
                             const QString& label, qint64 id) {
  for (const records::ReadRecord& r : record.reads(studyId, label)) {
    if (r.id == id) {
      return r;
    }
  }
  fail(RecordErrorKind::NotFound, QString("subject '%1', timepoint '%2': read %3 is not visible "
                                          "to user '%4'")
                                      .arg(studyId, label)
                                      .arg(id)
                                      .arg(record.actor().userName));
}

// Any new disease the reader recorded: a new CT/MR lesion, new MIBG bone sites, new FDG-avid
// bone lesions.
bool hasNewLesion(const records::ReadContent& c) {
  for (const records::LesionMeasurement& l : c.lesions) {
    if (l.isNew) {
      return true;
    }
  }
  return c.mibgNewBoneSites.value_or(0) > 0 || (c.pet && c.pet->newAvidBoneLesions > 0);
}

}  // namespace

scoring::ReadOutcome readOutcome(records::TrialRecord& record, const QString& studyId,
                                 const QString& label, const records::ReadRecord& read) {
  const AssembledCase assembled =
      assembleCaseWith(record, studyId, label, [&](const records::TimepointRecord& t) {
        return t.label == label ? read : readOfRecord(record, studyId, t.label);
      });
  const scoring::AssessOutcome outcome = scoring::assessCase(assembled.kase);
  if (!outcome.assessment) {
    QStringList messages;
    for (const scoring::InputError& e : outcome.errors) {
      messages << QString::fromStdString(e.describe());
    }
    fail(RecordErrorKind::BadInput, QString("subject '%1', timepoint '%2': the rules refused read "
                                            "%3: %4")
                                        .arg(studyId, label)
                                        .arg(read.id)
                                        .arg(messages.join("; ")));
  }
  const scoring::Assessment& a = *outcome.assessment;
  const scoring::TimepointAssessment& tp = a.timepoints.back();
  scoring::ReadOutcome o;
  o.newLesion = hasNewLesion(read.content);
  if (tp.kind == scoring::TimepointKind::Baseline) {
    o.eligible = a.eligibility.eligible;
  } else if (tp.response) {
    o.overallResponse = std::string(scoring::responseCode(tp.response->overall.response));
  }
  // Injections 4 and 5 are decided on the first assessment after injection 3: only that
  // timepoint carries the outcome (a later one would show the same value on both reads).
  const bool decidesExtraDoses = a.extraDoses.timepointIndex
                                     ? *a.extraDoses.timepointIndex == tp.index
                                     : tp.injectionsBefore == 3;
  if (tp.kind == scoring::TimepointKind::FollowUp && decidesExtraDoses) {
    o.extraDoses = std::string(scoring::extraDoseDecisionCode(a.extraDoses.decision));
  }
  if (tp.primaryTenths || tp.targetSumTenths) {
    o.sumOfDiametersMm =
        static_cast<double>(tp.primaryTenths.value_or(0) + tp.targetSumTenths.value_or(0)) / 10.0;
  }
  if (tp.curie) {
    o.curieTotal = tp.curie->total;
  }
  o.siopenTotal = tp.siopenTotal;
  return o;
}

records::ReadingStatus settleTimepoint(records::TrialRecord& record, const QString& studyId,
                                       const QString& label) {
  records::ReadingStatus status = record.readingStatus(studyId, label);
  if (status.state != "awaiting-comparison") {
    return status;
  }
  const records::ReadRecord a = readById(record, studyId, label, *status.readAId);
  const records::ReadRecord b = readById(record, studyId, label, *status.readBId);
  const scoring::ReadOutcome outcomeA = readOutcome(record, studyId, label, a);
  const scoring::ReadOutcome outcomeB = readOutcome(record, studyId, label, b);
  const scoring::ReadComparison comparison =
      scoring::compareReads(outcomeA, outcomeB, record.readingDesign().discordance);
  records::ComparisonInput input;
  input.readAId = a.id;
  input.readBId = b.id;
  input.discordant = comparison.discordant;
  for (scoring::DiscordanceVariable v : comparison.triggering()) {
    input.triggering << QString::fromStdString(scoring::variableKey(v));
  }
  input.comparisonJson = comparisonToJson(outcomeA, outcomeB, comparison);
  record.recordComparison(studyId, label, input);
  return record.readingStatus(studyId, label);
}

records::ReadingStatus settledStatus(records::TrialRecord& record, const QString& studyId,
                                     const QString& label) {
  try {
    return settleTimepoint(record, studyId, label);
  } catch (const RecordError& e) {
    records::ReadingStatus s = record.readingStatus(studyId, label);
    s.text += QString(" (%1)").arg(QString::fromUtf8(e.what()));
    return s;
  }
}

void settleTimepointIfAllowed(records::TrialRecord& record, const QString& studyId,
                              const QString& label) {
  try {
    settleTimepoint(record, studyId, label);
  } catch (const RecordError&) {
    // Left for the next person who needs the status (adjudicator, investigator): their view
    // settles it, and says why when it cannot.
  }
}

void signReadAndCompare(records::TrialRecord& record, const QString& studyId, const QString& label,
                        const QString& password, const QString& meaning) {
  record.signRead(studyId, label, password, meaning);
  if (record.readingDesign().design == records::kDoubleRead) {
    settleTimepointIfAllowed(record, studyId, label);
  }
}

DecisionRead decisionRead(records::TrialRecord& record, const QString& studyId,
                          const QString& label) {
  DecisionRead out;
  if (record.readingDesign().design != records::kDoubleRead) {
    out.status.design = records::kSingleRead;
    out.status.state = "open";
    for (const records::ReadRecord& r : record.reads(studyId, label)) {
      if (r.status == "signed" && !out.read) {
        out.read = r;
      }
    }
    return out;
  }
  out.status = settledStatus(record, studyId, label);
  if (out.status.readOfRecordId) {
    out.read = readById(record, studyId, label, *out.status.readOfRecordId);
  }
  return out;
}

records::ReadRecord readOfRecord(records::TrialRecord& record, const QString& studyId,
                                 const QString& label) {
  const records::ReadingStatus status = settleTimepoint(record, studyId, label);
  if (!status.readOfRecordId) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1', timepoint '%2' has no read of record yet (%3)")
             .arg(studyId, label, status.text));
  }
  return readById(record, studyId, label, *status.readOfRecordId);
}

}  // namespace nbra::workflow
