// Blinded double reading with adjudication (issue #16, docs/adjudication.md), through the API the
// workstation uses: the synthetic patients read by two readers who agree at baseline and differ
// at the follow-up in one planned way (AdjudicationFlow.cpp), the follow-up held until the
// adjudicator chooses, the assessment and the extra-dose decision resting on the read chosen,
// and a reader's later correction reopening the timepoint.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <functional>

#include "records/database/RecordError.h"
#include "tests/decide/AdjudicationFlow.h"
#include "workflow/adjudication/AdjudicationCase.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/adjudication/Worklist.h"
#include "workflow/assessment/RecordAssessment.h"
#include "workflow/decisions/DecisionModel.h"
#include "workflow/reads/ReadImport.h"

namespace nbra::decide::testing {
namespace {

using namespace nbra::workflow;

// The message of the RecordError `action` throws; a test failure when it throws none.
QString refusal(const std::function<void()>& action) {
  try {
    action();
  } catch (const records::RecordError& e) {
    return QString::fromUtf8(e.what());
  }
  ADD_FAILURE() << "not refused";
  return {};
}

QJsonArray storedVariables(const records::ReadingStatus& status) {
  return QJsonDocument::fromJson(status.comparison->comparisonJson.toUtf8())
      .object()
      .value("variables")
      .toArray();
}

bool listed(const std::vector<WorkItem>& items, const QString& task, const SyntheticSubject& s,
            const QString& label) {
  return std::any_of(items.begin(), items.end(), [&](const WorkItem& i) {
    return i.task == task && i.studyId == s.id && i.timepointLabel == label;
  });
}

QString overallOf(const RecordedAssessment& a) {
  return a.output.value("timepoints")
      .toArray()
      .last()
      .toObject()
      .value("response")
      .toObject()
      .value("overall")
      .toObject()
      .value("response")
      .toString();
}

QString extraDosesOf(const RecordedAssessment& a) {
  return a.output.value("extraDoses").toObject().value("decision").toString();
}

// reader2 corrects the follow-up to what the case file says (the miss fixed, the primary
// measured as reader 1 did), signed and compared. Returns the new read's id.
qint64 reader2Agrees(records::TrialRecord& r, const SyntheticSubject& s) {
  r.signIn("reader2", kPassword);
  const qint64 id =
      r.correctRead(s.id, s.followUpLabel, readFromCaseFile(s.caseFile, {}, s.followUpLabel),
                    "reviewed after adjudication: measured again");
  signReadAndCompare(r, s.id, s.followUpLabel, kPassword);
  r.signIn("inv", kPassword);
  return id;
}

class AdjudicationFlow : public ::testing::TestWithParam<const char*> {};

TEST_P(AdjudicationFlow, TheFollowUpWaitsForTheAdjudicatorWhoChoosesTheCorrectRead) {
  LOAD_OR_SKIP(s);
  Discordant d;
  ASSERT_NO_FATAL_FAILURE(toDiscordantFollowUp(d, *s));
  records::TrialRecord& r = *d.fresh.record;
  const auto [readA, readB] = d.followUpReads;

  // Identical reads at baseline: concordant, reader 1's read is the read of record. (The status
  // as the investigator's panels show it: settleTimepoint compares the two signed reads first
  // when that is due, as a reader never does.)
  const records::ReadingStatus baseline = settleTimepoint(r, s->id, s->baselineLabel);
  EXPECT_EQ(baseline.state, "concordant") << baseline.text.toStdString();
  ASSERT_TRUE(baseline.comparison);
  EXPECT_FALSE(baseline.comparison->discordant);
  EXPECT_TRUE(baseline.comparison->triggering.isEmpty());
  EXPECT_EQ(baseline.readOfRecordId, d.baselineReads.first);

  // The follow-up differs on exactly the planned variables.
  const records::ReadingStatus held = settleTimepoint(r, s->id, s->followUpLabel);
  ASSERT_EQ(held.state, "awaiting-adjudication") << d.plan.what.toStdString();
  EXPECT_TRUE(held.text.startsWith("awaiting adjudication")) << held.text.toStdString();
  EXPECT_FALSE(held.readOfRecordId);
  EXPECT_EQ(held.readAId, readA);
  EXPECT_EQ(held.readBId, readB);
  ASSERT_TRUE(held.comparison);
  EXPECT_EQ(held.comparison->triggering, d.plan.triggering);
  const QJsonArray variables = storedVariables(held);
  EXPECT_EQ(keysWhere(variables, "triggers"), d.plan.triggering);
  EXPECT_EQ(keysWhere(variables, "differs"), d.plan.triggering + d.plan.differingQuietly);
  // The sum of diameters is always shown (both reads measured), triggering only with a threshold.
  bool sumListed = false;
  for (const QJsonValue& v : variables) {
    sumListed = sumListed || v.toObject().value("key").toString() == "sumOfDiametersMm";
  }
  EXPECT_TRUE(sumListed);
  const StoredComparison stored = comparisonFromJson(held.comparison->comparisonJson);
  EXPECT_EQ(stored.outcomeA.overallResponse.value_or(""), s->expectedOverall().toStdString());
  EXPECT_EQ(stored.outcomeB.overallResponse.value_or(""), d.plan.overallB.toStdString());
  EXPECT_EQ(stored.outcomeA.extraDoses.value_or(""), s->expectedExtraDoses().toStdString());
  EXPECT_EQ(stored.outcomeB.extraDoses.value_or(""), d.plan.extraDosesB.toStdString());

  // Nothing is assessed or decided on the follow-up before the adjudication.
  EXPECT_TRUE(refusal([&] {
                assessAndRecord(r, s->id, s->followUpLabel, {}, std::nullopt);
              }).contains("awaiting adjudication"));
  EXPECT_FALSE(latestAssessment(r.assessments(s->id), s->followUpLabel))
      << "no follow-up assessment, so no extra-dose proposal to sign";
  // Approving on the baseline's assessment is approving against its "not yet decidable".
  EXPECT_TRUE(refusal([&] {
                r.decideExtraDoses(s->id, true, "as proposed", kPassword, d.baselineAssessment);
              }).contains("not-yet-decidable"));
  EXPECT_TRUE(r.subject(s->id).extraDoseDecisions.empty());

  // The worklists: the adjudicator's task, the investigator's wait.
  EXPECT_TRUE(listed(worklist(r, s->followUpDate), "waiting", *s, s->followUpLabel));
  r.signIn("adj", kPassword);
  EXPECT_TRUE(listed(worklist(r, s->followUpDate), "adjudicate", *s, s->followUpLabel));

  // What the adjudicator sees: reads A and B, never who read them.
  const AdjudicationCase c = openAdjudication(r, s->id, s->followUpLabel);
  EXPECT_EQ(c.readA.id, readA);
  EXPECT_EQ(c.readB.id, readB);
  EXPECT_EQ(c.readA.readerUserName, "read-A");
  EXPECT_EQ(c.readB.readerUserName, "read-B");
  for (const records::ReadRecord* read : {&c.readA, &c.readB}) {
    for (const QString& shown : {read->readerUserName, read->readerName,
                                 read->signature ? read->signature->signerName : QString(),
                                 read->signature ? read->signature->signerUserName : QString()}) {
      for (const QString& name :
           QStringList{"reader1", "reader2", "Dr Rita Reader", kReader2FullName}) {
        EXPECT_FALSE(shown.contains(name)) << shown.toStdString();
      }
    }
  }
  const auto pair = std::find_if(c.lesions.begin(), c.lesions.end(), [&](const LesionPair& p) {
    return p.trackingId == d.plan.lesionId;
  });
  ASSERT_NE(pair, c.lesions.end());
  EXPECT_EQ(pair->differences, QStringList{d.plan.lesionDifference});

  // The adjudicator chooses reader 1's read (the case file's, the truth's).
  r.adjudicate(s->id, s->followUpLabel, readA, kAdjudicationReason, kPassword);
  EXPECT_TRUE(worklist(r, s->followUpDate).empty());
  r.signIn("inv", kPassword);
  const records::ReadingStatus adjudicated = settleTimepoint(r, s->id, s->followUpLabel);
  EXPECT_EQ(adjudicated.state, "adjudicated");
  EXPECT_EQ(adjudicated.readOfRecordId, readA);
  ASSERT_TRUE(adjudicated.adjudication);
  EXPECT_EQ(adjudicated.adjudication->chosenRead, "A");
  EXPECT_EQ(adjudicated.adjudication->adjudicatorName, kAdjudicatorFullName);

  const RecordedAssessment made = assessAndRecord(r, s->id, s->followUpLabel, {}, std::nullopt);
  EXPECT_EQ(overallOf(made), s->expectedOverall());
  EXPECT_EQ(extraDosesOf(made), s->expectedExtraDoses());
  const auto assessment = latestAssessment(r.assessments(s->id), s->followUpLabel);
  ASSERT_TRUE(assessment);
  const ExtraDoseProposal proposal = extraDoseProposal(*assessment, r.subject(s->id));
  EXPECT_EQ(proposal.decisionCode, s->expectedExtraDoses());
  signExtraDoseDecision(r, s->id, proposal, {true, "as proposed", {}}, kPassword);
  const records::SubjectRecord decided = r.subject(s->id);
  ASSERT_EQ(decided.extraDoseDecisions.size(), 1u);
  EXPECT_EQ(decided.extraDoseDecisions[0].yes, s->expectedExtraDoses() == "allowed");

  // Reader 2 corrects the follow-up read: the adjudication was on the old pair, so the timepoint
  // is compared again; the correction agrees with reader 1, so it is concordant.
  const qint64 corrected = reader2Agrees(r, *s);
  const records::ReadingStatus reopened = settleTimepoint(r, s->id, s->followUpLabel);
  EXPECT_EQ(reopened.state, "concordant") << reopened.text.toStdString();
  EXPECT_EQ(reopened.readBId, corrected);
  EXPECT_FALSE(reopened.adjudication);
  EXPECT_EQ(reopened.readOfRecordId, readA);
  // The assessment rests on read A, which is still the read of record and was not corrected:
  // it stands (TheAdjudicatorsChoiceDrivesTheAssessment has the correction of the read chosen).
  const auto kept = latestAssessment(r.assessments(s->id), s->followUpLabel);
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->superseded.isEmpty()) << kept->superseded.toStdString();
}

TEST_P(AdjudicationFlow, TheAdjudicatorsChoiceDrivesTheAssessment) {
  LOAD_OR_SKIP(s);
  Discordant d;
  ASSERT_NO_FATAL_FAILURE(toDiscordantFollowUp(d, *s));
  records::TrialRecord& r = *d.fresh.record;
  const auto [readA, readB] = d.followUpReads;

  // Reader 2's read chosen: the assessment gives reader 2's outcome, not the truth's.
  r.signIn("adj", kPassword);
  EXPECT_EQ(openAdjudication(r, s->id, s->followUpLabel).readB.id, readB);
  r.adjudicate(s->id, s->followUpLabel, readB, "the images show what read B measured", kPassword);
  r.signIn("inv", kPassword);
  EXPECT_EQ(settleTimepoint(r, s->id, s->followUpLabel).readOfRecordId, readB);
  const RecordedAssessment onB = assessAndRecord(r, s->id, s->followUpLabel, {}, std::nullopt);
  EXPECT_EQ(overallOf(onB), d.plan.overallB);
  EXPECT_NE(overallOf(onB), s->expectedOverall());
  EXPECT_EQ(extraDosesOf(onB), d.plan.extraDosesB);

  // Reader 2 fixes the read: the two reads now agree and reader 1's is the read of record. The
  // assessment rests on the read corrected, so it is stale; approving on it is refused.
  reader2Agrees(r, *s);
  const records::ReadingStatus status = settleTimepoint(r, s->id, s->followUpLabel);
  EXPECT_EQ(status.state, "concordant") << status.text.toStdString();
  EXPECT_EQ(status.readOfRecordId, readA);
  const auto stale = latestAssessment(r.assessments(s->id), s->followUpLabel);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->id, onB.id);
  EXPECT_TRUE(stale->superseded.contains(QString("built on read %1").arg(readB)))
      << stale->superseded.toStdString();
  EXPECT_FALSE(assessmentView(*stale).stale.isEmpty());
  EXPECT_TRUE(refusal([&] {
                r.decideExtraDoses(s->id, true, "as proposed", kPassword, onB.id, std::nullopt,
                                   "override if the rules said no");
              }).contains("superseded"));
  EXPECT_TRUE(listed(worklist(r, s->followUpDate), "assess", *s, s->followUpLabel));

  // Assessed again on the read of record: the truth.
  const RecordedAssessment again = assessAndRecord(r, s->id, s->followUpLabel, {}, std::nullopt);
  EXPECT_EQ(overallOf(again), s->expectedOverall());
  EXPECT_EQ(extraDosesOf(again), s->expectedExtraDoses());
}

INSTANTIATE_TEST_SUITE_P(Synthetic, AdjudicationFlow,
                         ::testing::Values("NBRA-SYN-001", "NBRA-SYN-002"), [](const auto& param) {
                           return std::string(param.param).substr(9);  // "001"
                         });

}  // namespace
}  // namespace nbra::decide::testing
