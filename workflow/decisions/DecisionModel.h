#pragma once

// What the decision panels show, worked out from the trial record and the stored output of the
// clinical rules, without any widget: the panels only display it, and tests check it directly.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// One INRC component (or the overall response) as the rules decided it.
struct ComponentView {
  QString key;      // "primary", "metastatic", "softTissue", "bone", "marrow", "overall"
  QString name;     // "Primary tumour"
  QString code;     // "PR"
  QString meaning;  // "partial response"
  QStringList reasons;
};

struct AssessmentView {
  qint64 assessmentId = 0;
  QString timepointLabel;
  bool baseline = false;       // a baseline has no response, only the reference scores
  QString functionalModality;  // "MIBG" or "FDG-PET": which the rules used for uptake
  QStringList modalityReasons;
  ComponentView overall;
  std::vector<ComponentView> components;  // primary, metastatic (soft tissue, bone), marrow
  QString marrowSource;                   // "entered by NAME from pathology" or "from the read"
  QString stale;                          // non-empty: a read under it was corrected since
  QString ruleSetVersion;
};

// `output` is the stored output of the rules; `label` the assessed timepoint.
AssessmentView assessmentView(const records::AssessmentRecord& record);

// The latest assessment of `label` (nullopt when none).
std::optional<records::AssessmentRecord> latestAssessment(
    const std::vector<records::AssessmentRecord>& all, const QString& label = {});

// One baseline lesion in the eligibility check.
struct EligibilityLesion {
  QString trackingId;
  QString organ;
  bool lymphNode = false;
  double longAxisMm = 0.0;
  std::optional<double> shortAxisMm;
  bool mibgAvid = false;
  bool fdgAvid = false;
  QString satisfies;  // "criterion 1", "criterion 2", "criteria 1 and 2" or empty
};

struct EligibilityView {
  qint64 assessmentId = 0;
  QString assessedTimepoint;
  bool eligible = false;
  bool criterion1 = false;
  bool criterion2 = false;
  bool marrowOnlyExcluded = false;
  QString criterion1Text;
  QString criterion2Text;
  QString exclusionText;  // empty when the marrow-only exclusion was not in question
  QString decisionText;
  std::vector<EligibilityLesion> lesions;
  QString baselineRead;  // "read 3 by Dr Rita Reader, signed ..."
  QString stale;
  // What the signer confirms by default and the reason written with it.
  QString proposedReason;
};

// The criteria of `assessment` (every assessment carries the baseline eligibility) shown against
// the lesions of the signed baseline read `baselineRead`.
EligibilityView eligibilityView(const records::AssessmentRecord& assessment,
                                const records::ReadRecord& baselineRead);

// NBRA's proposal on injections 4 and 5.
struct ExtraDoseProposal {
  qint64 assessmentId = 0;
  QString assessedTimepoint;
  QString decisionCode;  // "allowed", "not-allowed", "not-yet-decidable"
  bool decidable = false;
  bool allowed = false;
  QString overall;  // "PR (partial response)"
  QStringList reasons;
  QStringList settingsInForce;
  // The dose for the subject's current weight (latest measurement).
  std::optional<double> currentWeightKg;
  QString weightDate;
  std::int64_t cellsPerInjection = 0;
  QString doseText;
  QString stale;
};

ExtraDoseProposal extraDoseProposal(const records::AssessmentRecord& assessment,
                                    const records::SubjectRecord& subject);

// What the investigator chose in the dialog.
struct ExtraDoseChoice {
  bool followProposal = true;
  QString reason;
  QString overrideReason;  // needed when not following the proposal
};

// The problem with a choice before it can be signed, or empty.
QString extraDoseChoiceProblem(const ExtraDoseProposal& proposal, const ExtraDoseChoice& choice);
bool extraDosesApproved(const ExtraDoseProposal& proposal, const ExtraDoseChoice& choice);
// The fixed meaning the signature will carry.
QString extraDoseMeaning(bool approved);
QString eligibilityMeaning(bool eligible);

// Signs the decision (workflow::signExtraDoses, as `nbra-cli record extra-doses` does),
// correcting the subject's current decision if there is one. A choice against the proposal
// passes the override reason, which the record keeps in the signed reason.
qint64 signExtraDoseDecision(records::TrialRecord& record, const QString& studyId,
                             const ExtraDoseProposal& proposal, const ExtraDoseChoice& choice,
                             const QString& password);

// Signs the eligibility confirmation (TrialRecord::confirmEligibility) on `view`'s assessment,
// correcting the subject's previous confirmation if there is one.
qint64 signEligibility(records::TrialRecord& record, const QString& studyId,
                       const EligibilityView& view, bool eligible, const QString& reason,
                       const QString& password);

// "98,000,000 NK cells"
QString cellsText(std::int64_t cells);

}  // namespace nbra::workflow
