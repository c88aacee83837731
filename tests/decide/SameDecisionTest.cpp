// The workstation's dialogs and `nbra-cli record` sign decisions through one function
// (workflow/decisions/SignDecision): the same inputs must leave the same rows, overrides and
// corrections included, whichever front-end signed them.
#include <gtest/gtest.h>

#include <QSqlQuery>

#include "records/database/RecordError.h"
#include "tests/decide/DecideFlow.h"
#include "workflow/assessment/RecordAssessment.h"
#include "workflow/decisions/DecisionModel.h"
#include "workflow/decisions/SignDecision.h"

namespace nbra::decide::testing {
namespace {

const QString kReason = "family asked to wait";
const QString kOverride = "parents withdrew consent for injections 4 and 5";

// The decision rows of a subject without their ids' creation times: what a reader of the record
// (and the audit) sees as the decision.
QStringList decisionRows(records::TrialRecord& record, const QString& studyId) {
  QStringList rows;
  const records::SubjectRecord s = record.subject(studyId);
  for (const auto* list : {&s.eligibility, &s.extraDoseDecisions}) {
    for (const records::DecisionRecord& d : *list) {
      rows << QString("%1|%2|%3|%4|%5|%6|%7")
                  .arg(d.id)
                  .arg(d.yes)
                  .arg(d.reason)
                  .arg(d.assessmentId.value_or(0))
                  .arg(d.supersedesId.value_or(0))
                  .arg(d.signature ? d.signature->meaning : "unsigned",
                       d.signature ? d.signature->signerUserName : "");
    }
  }
  return rows;
}

struct Prepared {
  FreshRecord fresh;
  qint64 followUpAssessment = 0;
};

// Both records are made the same way up to the decision after injection 3.
void prepare(Prepared& p, const SyntheticSubject& s) {
  records::TrialRecord& r = *p.fresh.record;
  setUpToBaseline(r, s);
  const qint64 baseline = workflow::assessAndRecord(r, s.id, s.baselineLabel, {}, std::nullopt).id;
  r.confirmEligibility(s.id, true, "criterion 1", kPassword, baseline);
  continueToFollowUp(r, s);
  p.followUpAssessment = workflow::assessAndRecord(r, s.id, s.followUpLabel, {}, std::nullopt).id;
}

TEST(SameDecision, ARefusalAgainstTheRulesKeepsItsOverrideReasonOnBothFrontEnds) {
  const std::optional<SyntheticSubject> s = loadSubject("NBRA-SYN-001");
  if (!s) {
    GTEST_SKIP() << "synthetic patient NBRA-SYN-001 not found under "
                 << syntheticDir().toStdString()
                 << " (generated at build time by data-samples/generator)";
  }
  ASSERT_EQ(s->expectedExtraDoses(), "allowed") << "the test needs a responder";

  // The workstation's path: the dialog's choice through the decision model.
  Prepared gui;
  prepare(gui, *s);
  records::TrialRecord& g = *gui.fresh.record;
  const auto assessment = workflow::latestAssessment(g.assessments(s->id), s->followUpLabel);
  ASSERT_TRUE(assessment);
  const workflow::ExtraDoseProposal proposal =
      workflow::extraDoseProposal(*assessment, g.subject(s->id));
  ASSERT_TRUE(proposal.allowed);
  workflow::signExtraDoseDecision(g, s->id, proposal, {false, kReason, kOverride}, kPassword);
  // ... then corrected to follow the proposal: the dialog corrects the current decision.
  workflow::signExtraDoseDecision(g, s->id, proposal, {true, "as proposed", {}}, kPassword);

  // The command line's path, on a record made the same way.
  Prepared cli;
  prepare(cli, *s);
  ASSERT_EQ(cli.followUpAssessment, gui.followUpAssessment);
  const QString id = QString::number(cli.followUpAssessment);
  // Refusing what the rules allow is an override: without its reason it is refused.
  runCli(
      cli.fresh.path, "inv",
      {"record", "extra-doses", s->id, "--approve", "no", "--reason", kReason, "--assessment", id},
      2);
  EXPECT_TRUE(cli.fresh.record->subject(s->id).extraDoseDecisions.empty());
  runCli(cli.fresh.path, "inv",
         {"record", "extra-doses", s->id, "--approve", "no", "--reason", kReason, "--assessment",
          id, "--override-reason", kOverride});
  runCli(cli.fresh.path, "inv",
         {"record", "extra-doses", s->id, "--approve", "yes", "--reason", "as proposed",
          "--assessment", id, "--supersedes", "current"});

  const records::SubjectRecord fromCli = cli.fresh.record->subject(s->id);
  ASSERT_EQ(fromCli.extraDoseDecisions.size(), 2u);
  EXPECT_FALSE(fromCli.extraDoseDecisions[0].yes);
  EXPECT_TRUE(fromCli.extraDoseDecisions[0].reason.contains(kOverride))
      << fromCli.extraDoseDecisions[0].reason.toStdString();
  EXPECT_TRUE(fromCli.extraDoseDecisions[0].reason.startsWith(kReason));
  EXPECT_EQ(fromCli.extraDoseDecisions[1].supersedesId, fromCli.extraDoseDecisions[0].id);
  EXPECT_EQ(decisionRows(*cli.fresh.record, s->id), decisionRows(g, s->id));
}

TEST(SameDecision, BadDecisionOptionsAreRefusedByName) {
  const std::optional<SyntheticSubject> s = loadSubject("NBRA-SYN-001");
  if (!s) {
    GTEST_SKIP() << "synthetic patient NBRA-SYN-001 not found under "
                 << syntheticDir().toStdString()
                 << " (generated at build time by data-samples/generator)";
  }
  Prepared p;
  prepare(p, *s);
  const QString id = QString::number(p.followUpAssessment);
  const CliRun notAnId = runCli(p.fresh.path, "inv",
                                {"record", "extra-doses", s->id, "--approve", "yes", "--reason",
                                 "ok", "--assessment", id, "--supersedes", "latest"},
                                2);
  EXPECT_TRUE(notAnId.text.contains("--supersedes 'latest' is not a record id"))
      << notAnId.text.toStdString();
  const CliRun noAssessment = runCli(p.fresh.path, "inv",
                                     {"record", "extra-doses", s->id, "--approve", "no", "--reason",
                                      "declined", "--override-reason", "against what?"},
                                     2);
  EXPECT_TRUE(noAssessment.text.contains("an override reason overrides an assessment"))
      << noAssessment.text.toStdString();
  EXPECT_TRUE(p.fresh.record->subject(s->id).extraDoseDecisions.empty());
}

TEST(SameDecision, CurrentDecisionIsTheOneNothingCorrects) {
  std::vector<records::DecisionRecord> line(3);
  line[0].id = 4;
  line[1].id = 9;
  line[1].supersedesId = 4;
  line[2].id = 12;
  line[2].supersedesId = 9;
  EXPECT_EQ(workflow::currentDecision(line), 12);
  EXPECT_EQ(workflow::currentDecision({}), std::nullopt);
  line.pop_back();
  EXPECT_EQ(workflow::currentDecision(line), 9);
}

}  // namespace
}  // namespace nbra::decide::testing
