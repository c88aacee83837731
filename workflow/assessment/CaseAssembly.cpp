#include "workflow/assessment/CaseAssembly.h"

#include <QStringList>
#include <cmath>

#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/reads/ReadConsistency.h"
#include "workflow/reads/ReadModel.h"

namespace nbra::workflow {

using records::RecordError;
using records::RecordErrorKind;

namespace {

[[noreturn]] void conflict(const QString& message) {
  throw RecordError(RecordErrorKind::Conflict, message.toStdString());
}

}  // namespace

AssembledCase assembleCase(records::TrialRecord& record, const QString& studyId,
                           const QString& label, const QString& reader) {
  if (record.readingDesign().design == records::kDoubleRead) {
    return assembleCaseWith(record, studyId, label, [&](const records::TimepointRecord& t) {
      return readOfRecord(record, studyId, t.label);
    });
  }
  return assembleCaseWith(record, studyId, label, [&](const records::TimepointRecord& t) {
    std::vector<records::ReadRecord> candidates;
    QStringList readers;
    for (const records::ReadRecord& r : record.reads(studyId, t.label)) {
      if (r.status == "signed" && (reader.isEmpty() || r.readerUserName == reader)) {
        candidates.push_back(r);
        readers << r.readerUserName;
      }
    }
    if (candidates.empty()) {
      conflict("subject '" + studyId + "', timepoint '" + t.label + "': no signed read" +
               (reader.isEmpty() ? QString() : " by '" + reader + "'") +
               " to assess; every timepoint up to '" + label + "' needs one");
    }
    if (candidates.size() > 1) {
      conflict("subject '" + studyId + "', timepoint '" + t.label + "' has signed reads by " +
               readers.join(", ") + ": choose one with --reader");
    }
    return candidates.front();
  });
}

AssembledCase assembleCaseWith(records::TrialRecord& record, const QString& studyId,
                               const QString& label, const ReadChooser& choose) {
  const records::SubjectRecord subject = record.subject(studyId);
  const records::TimepointRecord* target = nullptr;
  for (const records::TimepointRecord& t : subject.timepoints) {
    if (t.label == label) {
      target = &t;
    }
  }
  if (!target) {
    throw RecordError(RecordErrorKind::NotFound,
                      ("subject '" + studyId + "' has no timepoint '" + label + "'").toStdString());
  }
  AssembledCase out;
  for (const records::TimepointRecord& t : subject.timepoints) {  // in scan-date order
    if (t.scanDate > target->scanDate) {
      continue;
    }
    const records::ReadRecord read = choose(t);
    // The rules run on the read's rows. A read whose kept forms disagree is not assessed: which
    // of them the reader meant cannot be guessed.
    const QStringList disagreements = readDisagreements(read.content);
    if (!disagreements.isEmpty()) {
      conflict(QString("subject '%1', timepoint '%2': read %3 disagrees with itself (%4); run "
                       "`nbra-cli audit verify` and correct the read")
                   .arg(studyId, t.label)
                   .arg(read.id)
                   .arg(disagreements.join("; ")));
    }
    scoring::Timepoint tp = timepointOfRead(read.content);
    tp.label = t.label.toStdString();
    tp.kind =
        t.kind == "baseline" ? scoring::TimepointKind::Baseline : scoring::TimepointKind::FollowUp;
    tp.date = std::chrono::year_month_day{std::chrono::year{t.scanDate.year()},
                                          std::chrono::month{unsigned(t.scanDate.month())},
                                          std::chrono::day{unsigned(t.scanDate.day())}};
    for (const records::InjectionRecord& i : subject.injections) {
      tp.injectionsBefore += i.givenDate < t.scanDate ? 1 : 0;
    }
    out.kase.timepoints.push_back(tp);
    out.readIds.push_back(read.id);
  }
  if (out.kase.timepoints.empty() ||
      out.kase.timepoints.front().kind != scoring::TimepointKind::Baseline) {
    conflict("subject '" + studyId + "': the first timepoint must be the baseline");
  }
  out.kase.subject.id = studyId.toStdString();
  const records::BodyMeasurement* weight = nullptr;
  for (const records::BodyMeasurement& m : subject.measurements) {
    if (m.measuredDate <= target->scanDate) {
      weight = &m;
    }
  }
  if (!weight) {
    conflict("subject '" + studyId + "': no weight measured on or before " +
             target->scanDate.toString(Qt::ISODate));
  }
  out.kase.subject.weightKg = weight->weightKg;
  if (subject.birthDate) {
    const double years = static_cast<double>(subject.birthDate->daysTo(target->scanDate)) / 365.25;
    out.kase.subject.ageYears = std::floor(years * 10.0) / 10.0;
  } else if (subject.ageYears) {
    out.kase.subject.ageYears = *subject.ageYears;
  }
  return out;
}

}  // namespace nbra::workflow
