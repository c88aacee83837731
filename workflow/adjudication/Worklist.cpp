#include "workflow/adjudication/Worklist.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/decisions/DecisionModel.h"

namespace nbra::workflow {

using records::Role;

namespace {

void addDue(records::TrialRecord& record, WorkItem& item, const QDate& today) {
  if (const auto next = record.nextInjectionDue(item.studyId)) {
    item.injectionNumber = next->number;
    item.injectionDue = next->dueDate;
    item.daysToDue = today.daysTo(next->dueDate);
  }
}

// "baseline" or "follow-up", said with the reader's state so that the order of work is clear (a
// follow-up is read beside its signed baseline).
QString readDetail(const QString& state, const QString& kind) {
  return kind.isEmpty() ? state : QString("%1, %2").arg(kind, state);
}

QString ownReadState(records::TrialRecord& record, const QString& studyId, const QString& label) {
  for (const records::ReadRecord& r : record.reads(studyId, label)) {
    if (r.readerUserName == record.actor().userName) {
      return r.status == "signed" ? "signed" : "draft saved";  // the newest version first
    }
  }
  return "not started";
}

void readerItems(records::TrialRecord& record, std::vector<WorkItem>& out) {
  if (record.readingDesign().design != records::kDoubleRead) {
    // Single reading: every timepoint not yet signed by this reader is theirs to read.
    for (const QString& studyId : record.subjectIds()) {
      for (const records::TimepointRecord& t : record.subject(studyId).timepoints) {
        const QString state = ownReadState(record, studyId, t.label);
        if (state != "signed") {
          out.push_back({"read", studyId, t.label, readDetail(state, t.kind), {}, {}, {}, t.scanDate});
        }
      }
    }
    return;
  }
  for (const records::ReadAssignmentRecord& a : record.myAssignments()) {
    if (a.duty != records::kReader1 && a.duty != records::kReader2) {
      continue;
    }
    QString state = "not started";
    for (const records::ReadRecord& r : record.reads(a.studyId, a.timepointLabel)) {
      if (r.readerUserName == record.actor().userName) {
        state = r.status == "signed" ? "signed" : "draft saved";
        break;  // the newest version comes first for each reader
      }
    }
    if (state != "signed") {
      out.push_back({"read", a.studyId, a.timepointLabel, state, {}, {}, {}, {}});
    }
  }
}

// The status of every timepoint of every subject, compared first when due; a timepoint the rules
// cannot compare yet is left with its state.
template <typename F>
void forEachTimepoint(records::TrialRecord& record, F&& visit) {
  for (const QString& studyId : record.subjectIds()) {
    for (const records::TimepointRecord& t : record.subject(studyId).timepoints) {
      const records::ReadingStatus s = settledStatus(record, studyId, t.label);
      visit(studyId, t, s);
    }
  }
}

void adjudicatorItems(records::TrialRecord& record, std::vector<WorkItem>& out) {
  forEachTimepoint(record, [&](const QString& studyId, const records::TimepointRecord& t,
                               const records::ReadingStatus& s) {
    if (s.state != "awaiting-adjudication") {
      return;
    }
    for (const records::ReadAssignmentRecord& a : record.assignments(studyId, t.label)) {
      if (a.duty == records::kAdjudicatorDuty && a.userName != record.actor().userName) {
        return;  // another adjudicator's
      }
    }
    out.push_back({"adjudicate", studyId, t.label, s.text, {}, {}, {}, t.scanDate});
  });
}

void coordinatorItems(records::TrialRecord& record, std::vector<WorkItem>& out) {
  if (record.readingDesign().design != records::kDoubleRead) {
    return;
  }
  forEachTimepoint(record, [&](const QString& studyId, const records::TimepointRecord& t,
                               const records::ReadingStatus& s) {
    if (s.state == "awaiting-assignment") {
      out.push_back({"assign-readers", studyId, t.label, s.text, {}, {}, {}, t.scanDate});
    }
  });
}

void investigatorItems(records::TrialRecord& record, std::vector<WorkItem>& out) {
  for (const QString& studyId : record.subjectIds()) {
    const records::SubjectRecord subject = record.subject(studyId);
    const std::vector<records::AssessmentRecord> assessments = record.assessments(studyId);
    bool held = false;
    for (const records::TimepointRecord& t : subject.timepoints) {
      const records::ReadingStatus s = settledStatus(record, studyId, t.label);
      if (!s.readOfRecordId) {
        if (s.state != "open") {
          out.push_back({"waiting", studyId, t.label, s.text, {}, {}, {}, t.scanDate});
        }
        held = true;  // later timepoints are assessed on this one: they wait too
        continue;
      }
      if (held) {
        continue;
      }
      const std::optional<records::AssessmentRecord> latest =
          latestAssessment(assessments, t.label);
      if (!latest || !latest->superseded.isEmpty()) {
        out.push_back({"assess",
                       studyId,
                       t.label,
                       latest ? "the assessment's read was corrected" : "read of record ready",
                       {}, {}, {}, t.scanDate});
        continue;
      }
      if (t.kind == "baseline" && subject.eligibility.empty()) {
        out.push_back({"confirm-eligibility",
                       studyId,
                       t.label,
                       latest->eligible ? "the rules say eligible" : "the rules say not eligible",
                       {}, {}, {}, t.scanDate});
      }
      if (t.kind != "baseline" && latest->extraDoses != "not-yet-decidable" &&
          subject.extraDoseDecisions.empty()) {
        out.push_back({"decide-extra-doses",
                       studyId,
                       t.label,
                       "the rules say " + latest->extraDoses,
                       {}, {}, {}, t.scanDate});
      }
    }
  }
}

}  // namespace

std::vector<WorkItem> worklist(records::TrialRecord& record, const QDate& today) {
  std::vector<WorkItem> out;
  switch (record.actor().role) {
    case Role::Reader:
      readerItems(record, out);
      break;
    case Role::Adjudicator:
      adjudicatorItems(record, out);
      break;
    case Role::Coordinator:
      coordinatorItems(record, out);
      break;
    case Role::Investigator:
      investigatorItems(record, out);
      break;
    case Role::Administrator:
      break;  // accounts and the reading design: no clinical work waits for them
  }
  for (WorkItem& item : out) {
    addDue(record, item, today);
  }
  // Soonest injection first; items without one after, by subject and timepoint.
  std::stable_sort(out.begin(), out.end(), [](const WorkItem& a, const WorkItem& b) {
    if (a.injectionDue.has_value() != b.injectionDue.has_value()) {
      return a.injectionDue.has_value();
    }
    if (a.injectionDue && *a.injectionDue != *b.injectionDue) {
      return *a.injectionDue < *b.injectionDue;
    }
    const QDate noDate;
    return std::make_tuple(a.studyId, a.scanDate.value_or(noDate), a.timepointLabel) <
           std::make_tuple(b.studyId, b.scanDate.value_or(noDate), b.timepointLabel);
  });
  return out;
}

std::vector<WorkItem> signedReads(records::TrialRecord& record) {
  std::vector<WorkItem> out;
  if (record.actor().role != Role::Reader) {
    return out;
  }
  for (const QString& studyId : record.subjectIds()) {
    for (const records::TimepointRecord& t : record.subject(studyId).timepoints) {
      if (ownReadState(record, studyId, t.label) == "signed") {
        out.push_back({"read", studyId, t.label, readDetail("signed", t.kind), {}, {}, {}, t.scanDate});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const WorkItem& a, const WorkItem& b) {
    const QDate noDate;
    return std::make_tuple(a.studyId, a.scanDate.value_or(noDate), a.timepointLabel) <
           std::make_tuple(b.studyId, b.scanDate.value_or(noDate), b.timepointLabel);
  });
  return out;
}

QString taskTitle(const QString& task) {
  static const std::map<QString, QString> kTitles{{"read", "Read"},
                                                  {"adjudicate", "Adjudicate"},
                                                  {"assign-readers", "Assign readers"},
                                                  {"assess", "Assess"},
                                                  {"confirm-eligibility", "Confirm eligibility"},
                                                  {"decide-extra-doses", "Decide extra doses"},
                                                  {"waiting", "Waiting for the reading"}};
  const auto found = kTitles.find(task);
  return found == kTitles.end() ? task : found->second;
}

}  // namespace nbra::workflow
