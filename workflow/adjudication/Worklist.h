#pragma once

// What waits for the signed-in user (docs/adjudication.md): a reader's reads to do, an
// adjudicator's discordant timepoints, a coordinator's timepoints without readers, an
// investigator's assessments and decisions to sign, each with the due date of the subject's next
// injection, soonest first. Written once for the workstation's worklist and `nbra-cli record
// worklist`.

#include <QDate>
#include <QString>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

struct WorkItem {
  // "read", "adjudicate", "assign-readers", "assess", "confirm-eligibility",
  // "decide-extra-doses", "waiting" (an investigator's timepoint held by the reading)
  QString task;
  QString studyId;
  QString timepointLabel;  // empty for subject-level tasks
  QString detail;          // "draft saved", "awaiting adjudication: new lesion differs"
  std::optional<int> injectionNumber;
  std::optional<QDate> injectionDue;
  std::optional<qint64> daysToDue;  // negative: overdue
  // When the timepoint was scanned: a subject's timepoints are listed in the order they were
  // scanned (the baseline before its follow-ups), not by their labels.
  std::optional<QDate> scanDate;
};

// `today` dates the urgency. Items the actor's role has no part in are not listed.
std::vector<WorkItem> worklist(records::TrialRecord& record, const QDate& today);

// The signed-in reader's signed reads, one item per timepoint (task "read", detail "<kind>,
// signed"), in scan order: what a reader opens again to look at or to correct. Empty for other
// roles.
std::vector<WorkItem> signedReads(records::TrialRecord& record);

// "Read", "Adjudicate", ... for people.
QString taskTitle(const QString& task);

}  // namespace nbra::workflow
