// Results by arm on a generated trial (issue 18): counts, response rates and their exact
// intervals, and the waterfall's best % changes, each computed here from what the generator drew
// and compared with gatherResults.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <set>

#include "records/store/TrialArms.h"
#include "tests/workflow/GeneratedTrial.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/results/TrialResults.h"

namespace nbra::workflow {
namespace {

using testing::GeneratedTrial;

// Exact 95 % Clopper-Pearson limits for x of 5, computed outside NBRA (Python, exact binomial
// sums with fractions, bisection to 1e-15): lower[x], upper[x].
constexpr double kLower5[6] = {
    0.0, 0.005050763379, 0.052744950526, 0.146632799635, 0.283582063882, 0.478176249895};
constexpr double kUpper5[6] = {0.521823750105, 0.716417936118, 0.853367200365,
                               0.947255049474, 0.994949236621, 1.0};

int rank(const QString& c) {
  static const QStringList order{"CR", "PR", "MR", "SD", "PD", "NE"};
  return static_cast<int>(order.indexOf(c));
}

// The responses the rules recorded for a subject, in date order (the stored assessments are the
// rules' output: their correctness is the rules' tests' business, not this one's).
std::vector<QString> recordedResponses(records::TrialRecord& r, const QString& id) {
  std::vector<QString> out;
  const auto all = r.assessments(id);
  const StoredAssessment last = readStoredAssessment(all.back().outputJson);
  for (const auto& t : last.timepoints) {
    if (t.response) {
      out.push_back(t.response->overall.response);
    }
  }
  return out;
}

QString expectedBest(const std::vector<QString>& responses) {
  QString best;
  for (const QString& c : responses) {
    if (best.isEmpty() || rank(c) < rank(best)) {
      best = c;
    }
    if (c == "PD") {
      break;  // nothing after the first progression counts
    }
  }
  return best;
}

class TrialResultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    generated_ = new GeneratedTrial;
    testing::generateTrial(*generated_);
  }
  static void TearDownTestSuite() {
    delete generated_;
    generated_ = nullptr;
  }
  static GeneratedTrial* generated_;
};

GeneratedTrial* TrialResultsTest::generated_ = nullptr;

TEST_F(TrialResultsTest, CountsRatesAndExactIntervalsMatchAHandCount) {
  auto& r = *generated_->trial.record;
  const TrialResults results = gatherResults(r);
  ASSERT_EQ(results.subjects.size(), 10u);
  ASSERT_EQ(results.arms.size(), 2u);

  std::map<QString, std::map<QString, int>> counts;
  std::map<QString, int> objective, withMinor, subjects;
  for (const auto& g : generated_->subjects) {
    const QString arm = r.arm(g.studyId)->arm;
    const QString best = expectedBest(recordedResponses(r, g.studyId));
    ASSERT_FALSE(best.isEmpty()) << g.studyId.toStdString();
    ++subjects[arm];
    ++counts[arm][best];
    objective[arm] += best == "CR" || best == "PR";
    withMinor[arm] += best == "CR" || best == "PR" || best == "MR";
  }
  // The generator's seed gives a spread of categories, not one answer for all.
  std::set<QString> seen;
  for (const auto& [arm, c] : counts) {
    for (const auto& [category, n] : c) {
      seen.insert(category);
    }
  }
  EXPECT_GE(seen.size(), 2u);

  for (const ArmSummary& a : results.arms) {
    SCOPED_TRACE(a.armCode.toStdString());
    EXPECT_EQ(a.subjects, 5);  // 1:1 in blocks of 4 over 10 subjects: 5 and 5 after 8, +1 +1
    EXPECT_EQ(a.subjects, subjects[a.armCode]);
    EXPECT_EQ(a.assessed, 5);
    EXPECT_EQ(a.armName, records::trialArm(a.armCode)->name);
    for (const auto& [category, n] : a.bestResponseCounts) {
      EXPECT_EQ(n, counts[a.armCode][category]) << category.toStdString();
    }
    ASSERT_TRUE(a.objectiveResponse.has_value());
    const int x = objective[a.armCode];
    EXPECT_EQ(a.objectiveResponse->responders, x);
    EXPECT_DOUBLE_EQ(a.objectiveResponse->rate, x / 5.0);
    EXPECT_NEAR(a.objectiveResponse->lower, kLower5[x], 1e-9);
    EXPECT_NEAR(a.objectiveResponse->upper, kUpper5[x], 1e-9);
    const int xm = withMinor[a.armCode];
    ASSERT_TRUE(a.objectiveResponseWithMinor.has_value());
    EXPECT_EQ(a.objectiveResponseWithMinor->responders, xm);
    EXPECT_NEAR(a.objectiveResponseWithMinor->lower, kLower5[xm], 1e-9);
    EXPECT_NEAR(a.objectiveResponseWithMinor->upper, kUpper5[xm], 1e-9);
  }
  EXPECT_TRUE(results.notes.isEmpty()) << results.notes.join("; ").toStdString();
}

TEST_F(TrialResultsTest, TheWaterfallBarIsEachSubjectsBestPercentChange) {
  const TrialResults results = gatherResults(*generated_->trial.record);
  for (const auto& g : generated_->subjects) {
    SCOPED_TRACE(g.studyId.toStdString());
    const auto it = std::find_if(results.subjects.begin(), results.subjects.end(),
                                 [&](const SubjectResult& s) { return s.studyId == g.studyId; });
    ASSERT_NE(it, results.subjects.end());
    const double baseSum = g.timepoints[0].targetSumMm;
    const double baseCurie = g.timepoints[0].curieTotal;
    double bestSum = 1e9;
    double bestCurie = 1e9;
    for (std::size_t k = 1; k < g.timepoints.size(); ++k) {
      bestSum = std::min(bestSum, 100.0 * (g.timepoints[k].targetSumMm - baseSum) / baseSum);
      bestCurie = std::min(bestCurie, 100.0 * (g.timepoints[k].curieTotal - baseCurie) / baseCurie);
    }
    ASSERT_TRUE(it->bestSumOfDiametersChangePercent.has_value());
    EXPECT_NEAR(*it->bestSumOfDiametersChangePercent, bestSum, 1e-9);
    ASSERT_TRUE(it->bestCurieChangePercent.has_value());
    EXPECT_NEAR(*it->bestCurieChangePercent, bestCurie, 1e-9);
    // Spider: the baseline at day 2 after enrolment, then each follow-up's own change.
    ASSERT_EQ(it->points.size(), 3u);
    EXPECT_EQ(it->points[0].dayOnStudy, 2);
    EXPECT_FALSE(it->points[0].sumOfDiametersChangePercent.has_value());
    for (std::size_t k = 1; k < 3; ++k) {
      EXPECT_EQ(it->points[k].dayOnStudy, g.enrolled.daysTo(g.timepoints[k].date));
      EXPECT_NEAR(*it->points[k].sumOfDiametersChangePercent,
                  100.0 * (g.timepoints[k].targetSumMm - baseSum) / baseSum, 1e-9);
    }
    EXPECT_EQ(it->daysOnStudy, g.enrolled.daysTo(g.timepoints.back().date));
    // Swimmer: the injections on their days, the NK arm only.
    std::vector<int> injectionDays;
    for (const QDate& d : g.injections) {
      injectionDays.push_back(static_cast<int>(g.enrolled.daysTo(d)));
    }
    EXPECT_EQ(it->injectionDays, injectionDays);
    EXPECT_EQ(injectionDays.empty(), it->armCode == "CONTROL");
  }
}

TEST_F(TrialResultsTest, TheJsonFormCarriesEveryValueBack) {
  const TrialResults results = gatherResults(*generated_->trial.record);
  const QJsonObject json = resultsToJson(results);
  // NBRA_DUMP_RESULTS=FILE keeps the generated trial's results (the input of the plots in docs/)
  // and, on SQLite, a copy of its record as FILE.sqlite (for screenshots of the workstation).
  if (qEnvironmentVariableIsSet("NBRA_DUMP_RESULTS")) {
    const QString path = qEnvironmentVariable("NBRA_DUMP_RESULTS");
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
      f.write(QJsonDocument(json).toJson());
    }
    if (generated_->trial.db->backend() == records::Backend::Sqlite) {
      QFile::remove(path + ".sqlite");
      generated_->trial.db->run("VACUUM INTO '" + path + ".sqlite'");
    }
  }
  const TrialResults back =
      resultsFromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
  EXPECT_EQ(resultsToJson(back), json);
  QJsonObject broken = json;
  broken.remove("arms");
  try {
    resultsFromJson(broken);
    FAIL() << "a results JSON without arms was read";
  } catch (const records::RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("'arms'"), std::string::npos) << e.what();
  }
}

TEST_F(TrialResultsTest, OnlyAnUnmaskedInvestigatorSeesResults) {
  auto& t = generated_->trial;
  for (const char* user : {"reader1", "coord", "admin"}) {
    t.as(user);
    SCOPED_TRACE(user);
    try {
      gatherResults(*t.record);
      FAIL() << "results shown";
    } catch (const records::RecordError& e) {
      EXPECT_NE(std::string(e.what()).find("may not view results by arm"), std::string::npos)
          << e.what();
    }
  }
  t.record->createUser("inv2", "Ines Investigator", records::Role::Investigator,
                       records::testing::kPassword);
  t.as("inv2");
  try {
    gatherResults(*t.record);
    FAIL() << "results shown to a masked investigator";
  } catch (const records::RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("masked"), std::string::npos) << e.what();
  }
  t.as("inv");
}

TEST(TrialResults, ASubjectWithoutAnArmIsNamedAndLeftOutOfTheArms) {
  GeneratedTrial g;
  testing::generateTrial(g, 7, /*armForEverySubject=*/false);
  const TrialResults results = gatherResults(*g.trial.record);
  EXPECT_TRUE(results.notes.join("\n").contains("NB-110 has no arm recorded"))
      << results.notes.join("; ").toStdString();
  int inArms = 0;
  for (const ArmSummary& a : results.arms) {
    inArms += a.subjects;
  }
  EXPECT_EQ(inArms, 9);
}

TEST(TrialResults, ATrialWithNothingAssessedGivesNotesNotNumbers) {
  records::testing::TestTrial t;
  t.populate();
  t.as("coord");
  t.record->recordArm("NB-001", "NK");
  t.as("inv");
  t.record->unmask("empty trial", records::testing::kPassword);
  const TrialResults results = gatherResults(*t.record);
  ASSERT_EQ(results.subjects.size(), 1u);
  EXPECT_FALSE(results.subjects[0].bestResponse.has_value());
  for (const ArmSummary& a : results.arms) {
    EXPECT_FALSE(a.objectiveResponse.has_value()) << a.armCode.toStdString();
  }
  const QString notes = results.notes.join("\n");
  EXPECT_TRUE(notes.contains("NB-001 has no assessment in force")) << notes.toStdString();
  EXPECT_TRUE(notes.contains("arm NK has no subject with an assessed follow-up"))
      << notes.toStdString();
}

}  // namespace
}  // namespace nbra::workflow
