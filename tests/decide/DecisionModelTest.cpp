// The decision logic without any widget: proposals, choices and signatures on a real record,
// and the synthetic patients taken through the flow with the same calls the panels make.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "records/database/RecordError.h"
#include "tests/decide/DecideFlow.h"
#include "workflow/decisions/DecisionModel.h"
#include "workflow/assessment/RecordAssessment.h"

namespace nbra::decide::testing {
namespace {

using namespace nbra::workflow;

// A stored assessment with the given extra-dose outcome, as the rules would write it.
records::AssessmentRecord storedAssessment(const QString& extraDoses, const QString& stale = {}) {
  const QJsonObject output{
      {"extraDoses", QJsonObject{{"decision", extraDoses},
                                 {"timepointIndex", 1},
                                 {"reasons", QJsonArray{QJsonObject{{"text", "first reason"}},
                                                        QJsonObject{{"text", "summary"}}}}}},
      {"settings", QJsonObject{{"extraDosesMrQualifies", true},
                               {"extraDosesSdQualifies", false},
                               {"extraDosesFdgReplacesMibg", true}}},
      {"timepoints",
       QJsonArray{
           QJsonObject{{"index", 0}},
           QJsonObject{{"index", 1},
                       {"response",
                        QJsonObject{{"overall", QJsonObject{{"response", "SD"},
                                                            {"meaning", "stable disease"}}}}}}}}};
  records::AssessmentRecord r;
  r.id = 7;
  r.timepointLabel = "after injection 3";
  r.ruleSetVersion = "test";
  r.extraDoses = extraDoses;
  r.outputJson = QString::fromUtf8(QJsonDocument(output).toJson());
  r.superseded = stale;
  return r;
}

records::SubjectRecord weighedSubject() {
  records::SubjectRecord s;
  s.measurements = {{QDate(2026, 1, 10), 18.4, std::nullopt},
                    {QDate(2026, 3, 2), 18.25, std::nullopt}};
  return s;
}

TEST(ExtraDoseProposal, ReadsTheStoredOutcomeAndDosesTheLatestWeight) {
  const workflow::ExtraDoseProposal p = workflow::extraDoseProposal(storedAssessment("not-allowed"), weighedSubject());
  EXPECT_TRUE(p.decidable);
  EXPECT_FALSE(p.allowed);
  EXPECT_EQ(p.overall, "SD (stable disease)");
  EXPECT_EQ(p.reasons, QStringList({"first reason", "summary"}));
  ASSERT_TRUE(p.currentWeightKg);
  EXPECT_DOUBLE_EQ(*p.currentWeightKg, 18.25);  // the latest measurement, not the first
  EXPECT_EQ(p.cellsPerInjection, 91'250'000);   // 18.25 kg x 5 x 10^6
  EXPECT_TRUE(p.doseText.startsWith("91,250,000 NK cells per injection"))
      << p.doseText.toStdString();
  EXPECT_TRUE(p.doseText.contains("18.25 kg, weight measured 2026-03-02"))
      << p.doseText.toStdString();
  EXPECT_TRUE(
      p.settingsInForce.join(";").contains("Stable disease (SD) counts as improvement: no"));
}

TEST(ExtraDoseProposal, NotYetDecidableCannotBeSigned) {
  const workflow::ExtraDoseProposal p =
      workflow::extraDoseProposal(storedAssessment("not-yet-decidable"), weighedSubject());
  EXPECT_FALSE(p.decidable);
  EXPECT_FALSE(workflow::extraDoseChoiceProblem(p, {true, "reason", {}}).isEmpty());
}

TEST(ExtraDoseChoice, OverridingNeedsItsOwnReasonAndFlipsTheOutcome) {
  const workflow::ExtraDoseProposal p = workflow::extraDoseProposal(storedAssessment("not-allowed"), weighedSubject());
  EXPECT_FALSE(workflow::extraDoseChoiceProblem(p, {true, "", {}}).isEmpty());  // no reason at all
  EXPECT_TRUE(workflow::extraDoseChoiceProblem(p, {true, "as proposed", {}}).isEmpty());
  EXPECT_FALSE(workflow::extraDosesApproved(p, {true, "as proposed", {}}));
  EXPECT_FALSE(workflow::extraDoseChoiceProblem(p, {false, "clinical picture", " "}).isEmpty());
  EXPECT_TRUE(
      workflow::extraDoseChoiceProblem(p, {false, "clinical picture", "MRI shows shrinkage"}).isEmpty());
  EXPECT_TRUE(workflow::extraDosesApproved(p, {false, "clinical picture", "MRI shows shrinkage"}));
  EXPECT_EQ(workflow::extraDoseMeaning(true), "extra doses approved");
  EXPECT_EQ(workflow::extraDoseMeaning(false), "extra doses refused");
}

TEST(ExtraDoseChoice, AStaleAssessmentCanBeRefusedButNotApproved) {
  const workflow::ExtraDoseProposal p =
      workflow::extraDoseProposal(storedAssessment("allowed",
                                         "superseded: built on read 2, corrected by "
                                         "read 4"),
                        weighedSubject());
  EXPECT_FALSE(workflow::extraDoseChoiceProblem(p, {true, "as proposed", {}}).isEmpty());
  EXPECT_TRUE(workflow::extraDoseChoiceProblem(p, {false, "wait for reassessment", "stale"}).isEmpty());
}

TEST(MarrowEntry, ParsesSamplesAndRefusesBadOnes) {
  const nbra::workflow::MarrowEntry m = nbra::workflow::parseMarrowSamples("aspirate:10, biopsy:15.5", true);
  ASSERT_EQ(m.samples.size(), 2u);
  EXPECT_EQ(m.samples[1].kind, "biopsy");
  EXPECT_DOUBLE_EQ(m.samples[1].infiltrationPercent, 15.5);
  EXPECT_TRUE(m.pathologyConfirmed);
  for (const char* bad : {"aspirate:ten", "smear:3", "aspirate:120", "aspirate", ""}) {
    EXPECT_THROW(nbra::workflow::parseMarrowSamples(bad, false), records::RecordError) << bad;
  }
}

class SyntheticFlow : public ::testing::TestWithParam<const char*> {};

TEST_P(SyntheticFlow, GivesTheGroundTruthThroughTheDecisionLogic) {
  const std::optional<SyntheticSubject> s = loadSubject(GetParam());
  if (!s) {
    GTEST_SKIP() << "synthetic patient " << GetParam() << " not found under "
                 << syntheticDir().toStdString()
                 << " (generated at build time by data-samples/generator)";
  }
  FreshRecord fresh;
  records::TrialRecord& r = *fresh.record;
  setUpToBaseline(r, *s);
  const nbra::workflow::RecordedAssessment baseline =
      nbra::workflow::assessAndRecord(r, s->id, s->baselineLabel, {}, std::nullopt);
  const auto stored = workflow::latestAssessment(r.assessments(s->id), s->baselineLabel);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->id, baseline.id);
  EXPECT_TRUE(workflow::assessmentView(*stored).baseline);

  // Eligibility: truth says which criterion and which lesion.
  records::ReadRecord baselineRead = r.reads(s->id, s->baselineLabel).front();
  const workflow::EligibilityView e = workflow::eligibilityView(*stored, baselineRead);
  const QString basis = s->truth.value("expected").toObject().value("eligibilityBasis").toString();
  EXPECT_EQ(e.eligible, s->truth.value("expected").toObject().value("eligible").toBool());
  if (basis.startsWith("criterion 1")) {
    EXPECT_TRUE(e.criterion1);
    const auto p1 = std::find_if(e.lesions.begin(), e.lesions.end(),
                                 [](const workflow::EligibilityLesion& l) { return l.trackingId == "P1"; });
    ASSERT_NE(p1, e.lesions.end());
    EXPECT_TRUE(p1->satisfies.contains("criterion 1"));
    EXPECT_TRUE(p1->mibgAvid);
    EXPECT_GE(p1->longAxisMm, 10.0);
  } else {
    EXPECT_FALSE(e.criterion1);
    EXPECT_TRUE(e.criterion2);
    for (const workflow::EligibilityLesion& l : e.lesions) {
      EXPECT_EQ(l.satisfies, l.fdgAvid ? "criterion 2" : "") << l.trackingId.toStdString();
    }
  }
  EXPECT_THROW(workflow::signEligibility(r, s->id, e, true, e.proposedReason, "wrong password"),
               records::RecordError);
  workflow::signEligibility(r, s->id, e, true, e.proposedReason, kPassword);
  const records::SubjectRecord afterEligibility = r.subject(s->id);
  ASSERT_EQ(afterEligibility.eligibility.size(), 1u);
  ASSERT_TRUE(afterEligibility.eligibility[0].signature);
  EXPECT_EQ(afterEligibility.eligibility[0].signature->meaning, "eligibility confirmed");
  EXPECT_EQ(afterEligibility.eligibility[0].signature->signerName, "Dr Ivan Investigator");
  EXPECT_EQ(afterEligibility.eligibility[0].assessmentId, baseline.id);

  continueToFollowUp(r, *s);
  nbra::workflow::assessAndRecord(r, s->id, s->followUpLabel, {}, std::nullopt);
  const auto follow = workflow::latestAssessment(r.assessments(s->id), s->followUpLabel);
  ASSERT_TRUE(follow);
  const workflow::AssessmentView v = workflow::assessmentView(*follow);
  EXPECT_EQ(v.overall.code, s->expectedOverall());
  const QJsonObject truthResponse =
      s->truth.value("expected").toObject().value("responses").toArray()[0].toObject();
  for (const workflow::ComponentView& c : v.components) {
    if (truthResponse.contains(c.key)) {
      EXPECT_EQ(c.code, truthResponse.value(c.key).toString()) << c.key.toStdString();
    }
    EXPECT_FALSE(c.reasons.isEmpty()) << c.key.toStdString() << " has no reason in words";
  }
  const bool mibgAvid =
      s->truth.value("expected").toObject().value("disease").toString() == "MIBG-avid";
  EXPECT_EQ(v.functionalModality, mibgAvid ? "MIBG" : "FDG-PET");

  const workflow::ExtraDoseProposal p = workflow::extraDoseProposal(*follow, r.subject(s->id));
  EXPECT_EQ(p.decisionCode, s->expectedExtraDoses());
  EXPECT_EQ(p.cellsPerInjection, s->doseCells());
  if (!p.allowed) {
    // Approving against the rules is an override: refused without its reason.
    EXPECT_THROW(workflow::signExtraDoseDecision(r, s->id, p, {false, "clinical judgement", ""}, kPassword),
                 records::RecordError);
  }
  workflow::signExtraDoseDecision(r, s->id, p, {true, "as proposed", {}}, kPassword);
  const records::SubjectRecord done = r.subject(s->id);
  ASSERT_EQ(done.extraDoseDecisions.size(), 1u);
  EXPECT_EQ(done.extraDoseDecisions[0].yes, p.allowed);
  EXPECT_EQ(done.extraDoseDecisions[0].signature->meaning, workflow::extraDoseMeaning(p.allowed));

  // A reader corrects the follow-up read: the assessment is flagged stale.
  r.signIn("reader1", kPassword);
  r.correctRead(s->id, s->followUpLabel, r.reads(s->id, s->followUpLabel).front().content,
                "re-measured");
  r.signIn("inv", kPassword);
  const auto staleOne = workflow::latestAssessment(r.assessments(s->id), s->followUpLabel);
  EXPECT_FALSE(workflow::assessmentView(*staleOne).stale.isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Synthetic, SyntheticFlow,
                         ::testing::Values("NBRA-SYN-001", "NBRA-SYN-002"), [](const auto& param) {
                           return std::string(param.param).substr(9);  // "SYN_001" style
                         });

// Reads made in the workstation hold no marrow: the investigator enters it when assessing. The
// baseline marrow entered at the baseline assessment must still count at the follow-up.
TEST(MarrowEntry, TheBaselineEntryCountsAtTheFollowUp) {
  std::optional<SyntheticSubject> loaded = loadSubject("NBRA-SYN-001");
  if (!loaded) {
    GTEST_SKIP() << "synthetic patient NBRA-SYN-001 not found under "
                 << syntheticDir().toStdString()
                 << " (generated at build time by data-samples/generator)";
  }
  SyntheticSubject s = *loaded;
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  {
    QFile in(s.caseFile);
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QJsonArray timepoints = root.value("timepoints").toArray();
    for (qsizetype i = 0; i < timepoints.size(); ++i) {
      QJsonObject tp = timepoints[i].toObject();
      tp.remove("marrow");
      timepoints[i] = tp;
    }
    root["timepoints"] = timepoints;
    QFile out(dir.filePath("case-without-marrow.json"));
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    s.caseFile = out.fileName();
  }
  FreshRecord fresh;
  records::TrialRecord& r = *fresh.record;
  setUpToBaseline(r, s);
  const nbra::workflow::RecordedAssessment baseline = nbra::workflow::assessAndRecord(
      r, s.id, s.baselineLabel, {},
      nbra::workflow::parseMarrowSamples("aspirate:10,aspirate:6.5,biopsy:15,biopsy:12", true));
  r.confirmEligibility(s.id, true, "criterion 1", kPassword, baseline.id);
  continueToFollowUp(r, s);
  const nbra::workflow::RecordedAssessment followUp = nbra::workflow::assessAndRecord(
      r, s.id, s.followUpLabel, {},
      nbra::workflow::parseMarrowSamples("aspirate:0,aspirate:0,biopsy:0,biopsy:0", false));
  const QJsonArray used = followUp.output.value("marrowEntriesUsed").toArray();
  ASSERT_EQ(used.size(), 1);
  EXPECT_EQ(used[0].toObject().value("timepoint").toString(), s.baselineLabel);
  EXPECT_EQ(used[0].toObject().value("fromAssessment").toInteger(), baseline.id);
  const QJsonObject response =
      followUp.output.value("timepoints").toArray().last().toObject().value("response").toObject();
  EXPECT_EQ(response.value("marrow").toObject().value("response").toString(), "CR");  // 15 % -> 0
  EXPECT_EQ(response.value("overall").toObject().value("response").toString(), s.expectedOverall());
  EXPECT_EQ(followUp.output.value("extraDoses").toObject().value("decision").toString(),
            s.expectedExtraDoses());
}

}  // namespace
}  // namespace nbra::decide::testing
