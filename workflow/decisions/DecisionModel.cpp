#include "workflow/decisions/DecisionModel.h"

#include <QLocale>
#include <QRegularExpression>

#include "records/database/RecordError.h"
#include "scoring/trial/Dose.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/decisions/SignDecision.h"

namespace nbra::workflow {

namespace {

QStringList reasonTexts(const std::vector<StoredReason>& reasons) {
  QStringList out;
  for (const StoredReason& r : reasons) {
    out << r.text;
  }
  return out;
}

ComponentView component(const StoredResponse& response, const QString& key, const QString& name) {
  const StoredComponent& c = *response.component(key);
  return {key, name, c.response, c.meaning, c.reasonTexts()};
}

QString yesNo(bool v) {
  return v ? "yes" : "no";
}

}  // namespace

QString cellsText(std::int64_t cells) {
  // The whole number, grouped: a superscript exponent is too easy to misread on screen.
  return QLocale(QLocale::English).toString(static_cast<qlonglong>(cells)) + " NK cells";
}

std::optional<records::AssessmentRecord> latestAssessment(
    const std::vector<records::AssessmentRecord>& all, const QString& label) {
  std::optional<records::AssessmentRecord> out;
  for (const records::AssessmentRecord& r : all) {  // in id order
    if (label.isEmpty() || r.timepointLabel == label) {
      out = r;
    }
  }
  return out;
}

AssessmentView assessmentView(const records::AssessmentRecord& record) {
  const StoredAssessment output = readStoredAssessment(record.outputJson);
  AssessmentView v;
  v.assessmentId = record.id;
  v.timepointLabel = record.timepointLabel;
  v.stale = record.superseded;
  v.ruleSetVersion = record.ruleSetVersion;
  v.functionalModality = output.mibgAvidDisease ? "MIBG" : "FDG-PET";
  v.modalityReasons = reasonTexts(output.diseaseReasons);
  const StoredTimepoint* tp = output.timepoint(record.timepointLabel);
  if (output.marrowEntry && output.marrowEntry->timepoint == record.timepointLabel) {
    const StoredMarrowEntry& entry = *output.marrowEntry;
    QStringList samples;
    for (const StoredMarrowSample& s : entry.samples) {
      samples << s.kind + " " + QString::number(s.infiltrationPercent) + " %";
    }
    v.marrowSource =
        "entered by " + entry.enteredBy + " from pathology: " + samples.join(", ") +
        (entry.pathologyConfirmed ? "; pathology confirmed" : "; not pathology confirmed");
  } else {
    v.marrowSource = "from the signed read";
  }
  v.baseline = !tp || !tp->response;
  if (v.baseline) {
    v.overall = {
        "overall", "Overall response", "-", "baseline: the reference for later responses", {}};
    return v;
  }
  const StoredResponse& response = *tp->response;
  v.overall = component(response, "overall", "Overall response");
  v.components = {component(response, "primary", "Primary tumour"),
                  component(response, "metastatic", "Metastatic soft tissue and bone"),
                  component(response, "softTissue", "    soft tissue (CT/MRI)"),
                  component(response, "bone", "    bone (" + v.functionalModality + ")"),
                  component(response, "marrow", "Bone marrow")};
  return v;
}

EligibilityView eligibilityView(const records::AssessmentRecord& assessment,
                                const records::ReadRecord& baselineRead) {
  const StoredAssessment output = readStoredAssessment(assessment.outputJson);
  EligibilityView v;
  v.assessmentId = assessment.id;
  v.assessedTimepoint = assessment.timepointLabel;
  v.stale = assessment.superseded;
  v.eligible = output.eligibility.eligible;
  v.criterion1 = output.eligibility.criterion1;
  v.criterion2 = output.eligibility.criterion2;
  v.marrowOnlyExcluded = output.eligibility.marrowOnlyWithoutPathology;
  QString criterion1Lesion;
  for (const StoredReason& r : output.eligibility.reasons) {
    const QString& rule = r.rule;
    const QString& text = r.text;
    if (rule == "Eligibility criterion 1") {
      v.criterion1Text = text;
      // The rules name the lesion that satisfies criterion 1: "Lesion 'P1' (...) has ...".
      const QRegularExpressionMatch m = QRegularExpression("^Lesion '([^']+)'").match(text);
      if (m.hasMatch()) {
        criterion1Lesion = m.captured(1);
      }
    } else if (rule == "Eligibility criterion 2") {
      v.criterion2Text = text;
    } else if (rule.startsWith("Exclusion")) {
      v.exclusionText = text;
    } else if (rule == "Eligibility decision") {
      v.decisionText = text;
    }
  }
  for (const records::LesionMeasurement& l : baselineRead.content.lesions) {
    EligibilityLesion row{l.trackingId,  l.organ,    l.isLymphNode, l.longAxisMm,
                          l.shortAxisMm, l.mibgAvid, l.fdgAvid,     {}};
    const bool one = l.trackingId == criterion1Lesion;
    const bool two = v.criterion2 && l.fdgAvid;  // criterion 2: any FDG-avid lesion
    row.satisfies = one && two ? "criteria 1 and 2"
                    : one      ? "criterion 1"
                    : two      ? "criterion 2"
                               : QString();
    v.lesions.push_back(row);
  }
  v.baselineRead =
      QString("read %1 (version %2) by %3, %4")
          .arg(baselineRead.id)
          .arg(baselineRead.version)
          .arg(baselineRead.readerName, baselineRead.signature
                                            ? "signed " + baselineRead.signature->signedUtc.left(10)
                                            : QString("NOT SIGNED"));
  QStringList basis;
  if (v.criterion1) {
    basis << (criterion1Lesion.isEmpty() ? QString("criterion 1")
                                         : "criterion 1 (lesion " + criterion1Lesion + ")");
  }
  if (v.criterion2) {
    basis << "criterion 2 (FDG-avid disease)";
  }
  v.proposedReason = v.eligible
                         ? QString("Imaging eligibility confirmed on assessment %1: %2.")
                               .arg(assessment.id)
                               .arg(basis.join(" and "))
                         : QString("Not eligible on imaging (assessment %1).").arg(assessment.id);
  return v;
}

ExtraDoseProposal extraDoseProposal(const records::AssessmentRecord& assessment,
                                    const records::SubjectRecord& subject) {
  const StoredAssessment output = readStoredAssessment(assessment.outputJson);
  ExtraDoseProposal p;
  p.assessmentId = assessment.id;
  p.assessedTimepoint = assessment.timepointLabel;
  p.stale = assessment.superseded;
  p.decisionCode = output.extraDoses.decision;
  p.decidable = p.decisionCode == "allowed" || p.decisionCode == "not-allowed";
  p.allowed = p.decisionCode == "allowed";
  p.reasons = reasonTexts(output.extraDoses.reasons);
  if (output.extraDoses.timepointIndex) {
    const StoredTimepoint* t = output.timepointAt(*output.extraDoses.timepointIndex);
    if (t && t->response) {
      p.overall = t->response->overall.response + " (" + t->response->overall.meaning + ")";
    }
  }
  p.settingsInForce = {
      "Minor response (MR) counts as improvement: " + yesNo(output.settingIsYes("extraDosesMrQualifies")),
      "Stable disease (SD) counts as improvement: " + yesNo(output.settingIsYes("extraDosesSdQualifies")),
      "FDG-PET stands in for MIBG in MIBG-non-avid disease: " +
          yesNo(output.settingIsYes("extraDosesFdgReplacesMibg")),
      "Rule set " + assessment.ruleSetVersion};
  if (!subject.measurements.empty()) {
    const records::BodyMeasurement* latest = &subject.measurements.front();
    for (const records::BodyMeasurement& m : subject.measurements) {
      if (m.measuredDate >= latest->measuredDate) {
        latest = &m;
      }
    }
    const scoring::DoseResult dose = scoring::nkCellDose(latest->weightKg);
    p.currentWeightKg = latest->weightKg;
    p.weightDate = latest->measuredDate.toString(Qt::ISODate);
    p.cellsPerInjection = dose.cellsPerInjection;
    p.doseText = QString(
                     "%1 per injection (5 \u00d7 10\u2076 NK cells/kg \u00d7 %2 kg, weight "
                     "measured %3)")
                     .arg(cellsText(dose.cellsPerInjection))
                     .arg(latest->weightKg, 0, 'f', 2)
                     .arg(p.weightDate);
  } else {
    p.doseText = "No weight recorded: the dose cannot be computed.";
  }
  return p;
}

bool extraDosesApproved(const ExtraDoseProposal& proposal, const ExtraDoseChoice& choice) {
  return choice.followProposal ? proposal.allowed : !proposal.allowed;
}

QString extraDoseMeaning(bool approved) {
  return approved ? "extra doses approved" : "extra doses refused";
}

QString eligibilityMeaning(bool eligible) {
  return eligible ? "eligibility confirmed" : "not eligible";
}

QString extraDoseChoiceProblem(const ExtraDoseProposal& proposal, const ExtraDoseChoice& choice) {
  if (!proposal.decidable) {
    return "NBRA cannot propose yet: the assessment after the 3rd injection is missing.";
  }
  if (choice.reason.trimmed().isEmpty()) {
    return "Write the reason for the decision.";
  }
  if (!choice.followProposal && choice.overrideReason.trimmed().isEmpty()) {
    return "Overriding NBRA's proposal needs an override reason.";
  }
  if (extraDosesApproved(proposal, choice) && !proposal.stale.isEmpty()) {
    return "The assessment is stale (" + proposal.stale + "); assess again before approving.";
  }
  return {};
}

qint64 signExtraDoseDecision(records::TrialRecord& record, const QString& studyId,
                             const ExtraDoseProposal& proposal, const ExtraDoseChoice& choice,
                             const QString& password) {
  const QString problem = extraDoseChoiceProblem(proposal, choice);
  if (!problem.isEmpty()) {
    throw records::RecordError(records::RecordErrorKind::BadInput, problem.toStdString());
  }
  DecisionRequest request;
  request.yes = extraDosesApproved(proposal, choice);
  request.reason = choice.reason;
  request.overrideReason = choice.followProposal ? QString() : choice.overrideReason;
  request.assessmentId = proposal.assessmentId;
  request.supersedes = currentDecision(record.subject(studyId).extraDoseDecisions);
  return signExtraDoses(record, studyId, request, password);
}

qint64 signEligibility(records::TrialRecord& record, const QString& studyId,
                       const EligibilityView& view, bool eligible, const QString& reason,
                       const QString& password) {
  DecisionRequest request;
  request.yes = eligible;
  request.reason = reason;
  request.assessmentId = view.assessmentId;
  request.supersedes = currentDecision(record.subject(studyId).eligibility);
  return signEligibilityDecision(record, studyId, request, password);
}

}  // namespace nbra::workflow
