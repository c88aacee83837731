#pragma once

// Signing the investigator's and coordinator's decisions: the one function the workstation's
// dialogs and `nbra-cli record eligibility|extra-doses` both call, so that the same inputs give
// the same decision rows whichever front-end signed them.

#include <QString>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// A decision as the signer made it.
struct DecisionRequest {
  bool yes = false;        // eligible / extra doses approved
  QString reason;          // trimmed before it is stored
  QString overrideReason;  // extra doses: needed when `yes` goes against the assessment
  std::optional<qint64> assessmentId;
  // The decision this one corrects. A subject has one current decision; a later one must name
  // it (see currentDecision), or the record refuses.
  std::optional<qint64> supersedes;
};

// The subject's current decision (the one a new decision corrects), or none.
std::optional<qint64> currentDecision(const std::vector<records::DecisionRecord>& decisions);

// Signs (password asked again) and stores. A decision against the assessment's outcome keeps
// its override reason in the signed reason, for approvals and refusals alike
// (records::TrialRecord::decideExtraDoses). Throws records::RecordError naming the subject.
qint64 signExtraDoses(records::TrialRecord& record, const QString& studyId,
                      const DecisionRequest& request, const QString& password);
qint64 signEligibilityDecision(records::TrialRecord& record, const QString& studyId,
                               const DecisionRequest& request, const QString& password);

}  // namespace nbra::workflow
