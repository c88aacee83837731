#include "workflow/decisions/SignDecision.h"

namespace nbra::workflow {

std::optional<qint64> currentDecision(const std::vector<records::DecisionRecord>& decisions) {
  // Decisions form one line (schema 7): each later one corrects the one before, so the current
  // decision is the one nothing corrects yet.
  for (const records::DecisionRecord& d : decisions) {
    bool corrected = false;
    for (const records::DecisionRecord& later : decisions) {
      corrected = corrected || later.supersedesId == d.id;
    }
    if (!corrected) {
      return d.id;
    }
  }
  return std::nullopt;
}

qint64 signExtraDoses(records::TrialRecord& record, const QString& studyId,
                      const DecisionRequest& request, const QString& password) {
  return record.decideExtraDoses(studyId, request.yes, request.reason.trimmed(), password,
                                 request.assessmentId, request.supersedes,
                                 request.overrideReason.trimmed());
}

qint64 signEligibilityDecision(records::TrialRecord& record, const QString& studyId,
                               const DecisionRequest& request, const QString& password) {
  return record.confirmEligibility(studyId, request.yes, request.reason.trimmed(), password,
                                   request.assessmentId, request.supersedes);
}

}  // namespace nbra::workflow
