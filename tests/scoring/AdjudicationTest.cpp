// Blinded double reading (scoring/adjudication, docs/adjudication.md): which differences between
// two reads send a timepoint to the adjudicator, and the reproducible draw of the two readers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "scoring/adjudication/Discordance.h"
#include "scoring/adjudication/ReaderDraw.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using testing::refusal;
using V = DiscordanceVariable;

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<V> listed(const ReadComparison& c) {
  std::vector<V> result;
  for (const VariableDifference& d : c.variables) {
    result.push_back(d.variable);
  }
  return result;
}

const VariableDifference& row(const ReadComparison& c, V v) {
  for (const VariableDifference& d : c.variables) {
    if (d.variable == v) {
      return d;
    }
  }
  throw std::logic_error("variable " + variableKey(v) + " is not listed");
}

// A follow-up read: a response, no eligibility, no extra-dose decision.
ReadOutcome followUp(const char* response, double sumMm) {
  ReadOutcome r;
  r.overallResponse = response;
  r.sumOfDiametersMm = sumMm;
  return r;
}

// --- the comparison ------------------------------------------------------------------------

TEST(Discordance, ResponsePrVersusSdTriggersButA6Point5MmSumDifferenceOnlyShowsByDefault) {
  const ReadComparison c = compareReads(followUp("PR", 54.0), followUp("SD", 47.5), {});
  // Eligibility and extra doses are absent from both reads, the scores too: not listed.
  EXPECT_EQ(listed(c), (std::vector<V>{V::OverallResponse, V::NewLesion, V::SumOfDiameters}));
  EXPECT_TRUE(c.discordant);
  EXPECT_EQ(c.triggering(), std::vector<V>{V::OverallResponse});

  const VariableDifference& response = row(c, V::OverallResponse);
  EXPECT_EQ(response.valueA, "PR");
  EXPECT_EQ(response.valueB, "SD");
  EXPECT_TRUE(response.differs);
  EXPECT_TRUE(response.triggers);
  EXPECT_FALSE(response.differenceAminusB.has_value());
  EXPECT_EQ(response.explanation, "overall INRC response differs: PR (read A) vs SD (read B)");

  // 54.0 - 47.5 = 6.5 mm: shown and different, but no threshold is set by default.
  const VariableDifference& sum = row(c, V::SumOfDiameters);
  EXPECT_EQ(sum.valueA, "54.0 mm");
  EXPECT_EQ(sum.valueB, "47.5 mm");
  EXPECT_TRUE(sum.differs);
  EXPECT_FALSE(sum.triggers);
  ASSERT_TRUE(sum.differenceAminusB.has_value());
  EXPECT_DOUBLE_EQ(*sum.differenceAminusB, 6.5);
  EXPECT_TRUE(mentions(sum.explanation, "54.0 mm (read A) vs 47.5 mm (read B)")) << sum.explanation;
  EXPECT_TRUE(mentions(sum.explanation, "6.5 mm")) << sum.explanation;
  EXPECT_TRUE(mentions(sum.explanation, "no threshold")) << sum.explanation;

  // Neither read found a new lesion: listed, equal, no explanation.
  const VariableDifference& newLesion = row(c, V::NewLesion);
  EXPECT_EQ(newLesion.valueA, "no");
  EXPECT_FALSE(newLesion.differs);
  EXPECT_TRUE(newLesion.explanation.empty());
}

struct SumThresholdRow {
  const char* rule;
  std::optional<double> thresholdMm;
  bool triggers;
};

TEST(Discordance, SumOfDiametersTriggersAtOrAboveItsThreshold) {
  // Both reads say SD so that only the sum can trigger; |54.0 - 47.5| = 6.5 mm.
  const SumThresholdRow rows[] = {
      {"no threshold: shown only", std::nullopt, false},
      {"threshold 5 mm: 6.5 >= 5", 5.0, true},
      {"threshold 6.5 mm: the boundary is inclusive", 6.5, true},
      {"threshold 6.6 mm: 6.5 < 6.6", 6.6, false},
      {"threshold 7 mm: 6.5 < 7", 7.0, false},
  };
  for (const SumThresholdRow& r : rows) {
    SCOPED_TRACE(r.rule);
    const ReadComparison c = compareReads(followUp("SD", 54.0), followUp("SD", 47.5),
                                          {.sumOfDiametersThresholdMm = r.thresholdMm});
    EXPECT_EQ(row(c, V::SumOfDiameters).triggers, r.triggers);
    EXPECT_EQ(c.discordant, r.triggers);
    EXPECT_EQ(c.triggering(), r.triggers ? std::vector<V>{V::SumOfDiameters} : std::vector<V>{});
  }
}

TEST(Discordance, ResponseAndSumBothTriggerWithAThresholdOfFive) {
  const ReadComparison c =
      compareReads(followUp("PR", 54.0), followUp("SD", 47.5), {.sumOfDiametersThresholdMm = 5.0});
  EXPECT_EQ(c.triggering(), (std::vector<V>{V::OverallResponse, V::SumOfDiameters}));
  EXPECT_TRUE(mentions(row(c, V::SumOfDiameters).explanation, "at or above the threshold of 5 mm"));
}

TEST(Discordance, ANegativeDifferenceIsBMinusAWithItsSign) {
  const ReadComparison c =
      compareReads(followUp("SD", 47.5), followUp("SD", 54.0), {.sumOfDiametersThresholdMm = 5.0});
  const VariableDifference& sum = row(c, V::SumOfDiameters);
  EXPECT_DOUBLE_EQ(*sum.differenceAminusB, -6.5);  // 47.5 - 54.0
  EXPECT_TRUE(sum.triggers);                       // |-6.5| >= 5
  EXPECT_TRUE(mentions(sum.explanation, "-6.5 mm")) << sum.explanation;
}

TEST(Discordance, SumsEqualAfterRoundingToATenthDoNotDiffer) {
  // 54.04 and 53.96 both round to 54.0 mm.
  const ReadComparison c = compareReads(followUp("SD", 54.04), followUp("SD", 53.96),
                                        {.sumOfDiametersThresholdMm = 0.1});
  const VariableDifference& sum = row(c, V::SumOfDiameters);
  EXPECT_EQ(sum.valueA, "54.0 mm");
  EXPECT_EQ(sum.valueB, "54.0 mm");
  EXPECT_FALSE(sum.differs);
  EXPECT_FALSE(sum.triggers);
  EXPECT_DOUBLE_EQ(*sum.differenceAminusB, 0.0);
  EXPECT_TRUE(sum.explanation.empty());
  EXPECT_FALSE(c.discordant);
  // 54.0 vs 53.9: a tenth apart, which a 0.1 mm threshold catches.
  EXPECT_TRUE(row(compareReads(followUp("SD", 54.0), followUp("SD", 53.9),
                               {.sumOfDiametersThresholdMm = 0.1}),
                  V::SumOfDiameters)
                  .triggers);
  // 54.0 vs 53.3: 0.7 mm apart, exactly the 0.7 mm threshold (53.3 is not exact in binary; its
  // tenths are).
  EXPECT_TRUE(row(compareReads(followUp("SD", 54.0), followUp("SD", 53.3),
                               {.sumOfDiametersThresholdMm = 0.7}),
                  V::SumOfDiameters)
                  .triggers);
}

TEST(Discordance, NewLesionYesVersusNoTriggers) {
  ReadOutcome a = followUp("PD", 60.0);
  a.newLesion = true;
  const ReadOutcome b = followUp("PD", 60.0);
  const ReadComparison c = compareReads(a, b, {});
  EXPECT_EQ(c.triggering(), std::vector<V>{V::NewLesion});
  const VariableDifference& d = row(c, V::NewLesion);
  EXPECT_EQ(d.valueA, "yes");
  EXPECT_EQ(d.valueB, "no");
  EXPECT_EQ(d.explanation, "new lesion differs: yes (read A) vs no (read B)");
  // With the new-lesion trigger switched off the difference is still shown.
  const ReadComparison off = compareReads(a, b, {.newLesion = false});
  EXPECT_TRUE(row(off, V::NewLesion).differs);
  EXPECT_FALSE(off.discordant);
}

TEST(Discordance, EligibilityMissingOnOneSideDiffersAndTriggers) {
  ReadOutcome a;
  a.eligible = true;
  a.sumOfDiametersMm = 32.0;
  ReadOutcome b;  // the rules could not judge eligibility from read B
  b.sumOfDiametersMm = 32.0;
  const ReadComparison c = compareReads(a, b, {});
  const VariableDifference& d = row(c, V::Eligibility);
  EXPECT_EQ(d.valueA, "eligible");
  EXPECT_EQ(d.valueB, "-");
  EXPECT_TRUE(d.differs);
  EXPECT_TRUE(d.triggers);
  EXPECT_EQ(d.explanation, "eligibility differs: eligible (read A) vs no value (read B)");
  EXPECT_EQ(c.triggering(), std::vector<V>{V::Eligibility});
}

TEST(Discordance, EligibleVersusNotEligibleAtBaseline) {
  ReadOutcome a;
  a.eligible = false;
  a.curieTotal = 0;
  ReadOutcome b;
  b.eligible = true;
  b.curieTotal = 2;
  const ReadComparison c = compareReads(a, b, {});
  EXPECT_EQ(listed(c), (std::vector<V>{V::Eligibility, V::NewLesion, V::CurieTotal}));
  EXPECT_EQ(row(c, V::Eligibility).valueA, "not eligible");
  EXPECT_EQ(row(c, V::Eligibility).valueB, "eligible");
  EXPECT_EQ(c.triggering(), std::vector<V>{V::Eligibility});
}

TEST(Discordance, ExtraDosesAllowedVersusNotYetDecidableTriggers) {
  ReadOutcome a = followUp("PR", 30.0);
  a.extraDoses = "allowed";
  ReadOutcome b = followUp("PR", 30.0);
  b.extraDoses = "not-yet-decidable";
  const ReadComparison c = compareReads(a, b, {});
  EXPECT_EQ(c.triggering(), std::vector<V>{V::ExtraDoses});
  EXPECT_EQ(row(c, V::ExtraDoses).explanation,
            "extra doses (injections 4 and 5) differs: allowed (read A) vs not-yet-decidable "
            "(read B)");
}

TEST(Discordance, ResponseDifferenceSwitchedOffIsShownButNotDiscordant) {
  const ReadComparison c =
      compareReads(followUp("PR", 54.0), followUp("SD", 54.0), {.overallResponse = false});
  EXPECT_TRUE(row(c, V::OverallResponse).differs);
  EXPECT_FALSE(row(c, V::OverallResponse).triggers);
  EXPECT_FALSE(c.discordant);
  EXPECT_TRUE(c.triggering().empty());
}

TEST(Discordance, IdenticalReadsAreConcordantWithEveryValueListedInEnumOrder) {
  ReadOutcome r;
  r.overallResponse = "MR";
  r.extraDoses = "not-allowed";
  r.sumOfDiametersMm = 12.3;
  r.curieTotal = 4;
  r.siopenTotal = 9;
  const ReadComparison c = compareReads(
      r, r, {.sumOfDiametersThresholdMm = 1.0, .curieThreshold = 1, .siopenThreshold = 1});
  EXPECT_EQ(listed(c), (std::vector<V>{V::OverallResponse, V::ExtraDoses, V::NewLesion,
                                       V::SumOfDiameters, V::CurieTotal, V::SiopenTotal}));
  EXPECT_FALSE(c.discordant);
  for (const VariableDifference& d : c.variables) {
    SCOPED_TRACE(variableKey(d.variable));
    EXPECT_FALSE(d.differs);
    EXPECT_EQ(d.valueA, d.valueB);
    EXPECT_TRUE(d.explanation.empty());
  }
  EXPECT_EQ(row(c, V::SumOfDiameters).valueA, "12.3 mm");
  EXPECT_EQ(row(c, V::SiopenTotal).valueA, "9");
}

struct ScoreRow {
  const char* rule;
  std::optional<int> a;
  std::optional<int> b;
  std::optional<int> threshold;
  bool differs;
  bool triggers;
  std::optional<double> difference;
};

TEST(Discordance, CurieTotalsTriggerOnlyWithAThreshold) {
  const ScoreRow rows[] = {
      {"7 vs 5, no threshold: shown only", 7, 5, std::nullopt, true, false, 2.0},
      {"7 vs 5, threshold 2: |2| >= 2", 7, 5, 2, true, true, 2.0},
      {"7 vs 5, threshold 3: |2| < 3", 7, 5, 3, true, false, 2.0},
      {"5 vs 7, threshold 2: |-2| >= 2", 5, 7, 2, true, true, -2.0},
      {"6 vs 6, threshold 1: equal", 6, 6, 1, false, false, 0.0},
      {"7 vs none, no threshold: differs, shown only", 7, std::nullopt, std::nullopt, true, false,
       std::nullopt},
      {"7 vs none, threshold 3: a missing total with a threshold set triggers", 7, std::nullopt, 3,
       true, true, std::nullopt},
  };
  for (const ScoreRow& r : rows) {
    SCOPED_TRACE(r.rule);
    ReadOutcome a;
    a.curieTotal = r.a;
    ReadOutcome b;
    b.curieTotal = r.b;
    const ReadComparison c = compareReads(a, b, {.curieThreshold = r.threshold});
    const VariableDifference& d = row(c, V::CurieTotal);
    EXPECT_EQ(d.differs, r.differs);
    EXPECT_EQ(d.triggers, r.triggers);
    EXPECT_EQ(d.differenceAminusB, r.difference);
    EXPECT_EQ(c.discordant, r.triggers);
  }
}

TEST(Discordance, SiopenTotalsFollowTheirOwnThreshold) {
  ReadOutcome a;
  a.siopenTotal = 20;
  ReadOutcome b;
  b.siopenTotal = 14;
  // |20 - 14| = 6: the Curie threshold does not apply to SIOPEN.
  EXPECT_FALSE(compareReads(a, b, {.curieThreshold = 1}).discordant);
  EXPECT_TRUE(compareReads(a, b, {.siopenThreshold = 6}).discordant);
  EXPECT_FALSE(compareReads(a, b, {.siopenThreshold = 7}).discordant);
  const ReadComparison c = compareReads(a, b, {});
  EXPECT_EQ(row(c, V::SiopenTotal).valueA, "20");
  EXPECT_EQ(row(c, V::SiopenTotal).valueB, "14");
}

TEST(Discordance, ASumOnOneSideOnlyIsShownWithADash) {
  ReadOutcome a = followUp("SD", 41.0);
  ReadOutcome b;
  b.overallResponse = "SD";  // read B measured no target lesion
  const VariableDifference d = row(compareReads(a, b, {}), V::SumOfDiameters);
  EXPECT_EQ(d.valueA, "41.0 mm");
  EXPECT_EQ(d.valueB, "-");
  EXPECT_TRUE(d.differs);
  EXPECT_FALSE(d.triggers);
  EXPECT_FALSE(d.differenceAminusB.has_value());
  EXPECT_TRUE(mentions(d.explanation, "41.0 mm (read A) vs no value (read B)")) << d.explanation;
}

TEST(Discordance, ANonFiniteSumIsRefusedNamingTheRead) {
  ReadOutcome bad = followUp("SD", std::numeric_limits<double>::quiet_NaN());
  const std::string message = refusal([&] { compareReads(followUp("SD", 40.0), bad, {}); });
  EXPECT_TRUE(mentions(message, "read B")) << message;
  EXPECT_TRUE(mentions(message, "nan")) << message;
}

// --- keys and names ------------------------------------------------------------------------

TEST(Discordance, KeysAndNamesOfEveryVariable) {
  struct Row {
    V variable;
    const char* key;
    const char* name;
  };
  const Row rows[] = {
      {V::OverallResponse, "overallResponse", "overall INRC response"},
      {V::Eligibility, "eligibility", "eligibility"},
      {V::ExtraDoses, "extraDoses", "extra doses (injections 4 and 5)"},
      {V::NewLesion, "newLesion", "new lesion"},
      {V::SumOfDiameters, "sumOfDiametersMm", "sum of diameters"},
      {V::CurieTotal, "curieTotal", "Curie total"},
      {V::SiopenTotal, "siopenTotal", "SIOPEN total"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.key);
    EXPECT_EQ(variableKey(r.variable), r.key);
    EXPECT_EQ(variableName(r.variable), r.name);
    EXPECT_EQ(variableFromKey(r.key), r.variable);
  }
  EXPECT_EQ(variableFromKey("OverallResponse"), std::nullopt);  // keys are case-sensitive
  EXPECT_EQ(variableFromKey("sumOfDiameters"), std::nullopt);   // the key carries its unit
  EXPECT_EQ(variableFromKey(""), std::nullopt);
}

// --- settings ------------------------------------------------------------------------------

TEST(DiscordanceSettings, TheProtocolDefaultsAndTheLargestThresholdsArePlausible) {
  EXPECT_TRUE(validateDiscordanceSettings({}).empty());
  EXPECT_TRUE(
      validateDiscordanceSettings(
          {.sumOfDiametersThresholdMm = 1000.0, .curieThreshold = 30, .siopenThreshold = 72})
          .empty());
  EXPECT_TRUE(validateDiscordanceSettings(
                  {.sumOfDiametersThresholdMm = 0.1, .curieThreshold = 1, .siopenThreshold = 1})
                  .empty());
}

struct SettingsRow {
  const char* rule;
  DiscordanceSettings settings;
  const char* setting;
  const char* value;
};

TEST(DiscordanceSettings, ImplausibleThresholdsAreRefusedNamingSettingAndValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const SettingsRow rows[] = {
      {"sum threshold 0", {.sumOfDiametersThresholdMm = 0.0}, "sumOfDiametersThresholdMm", "0"},
      {"negative sum threshold",
       {.sumOfDiametersThresholdMm = -5.0},
       "sumOfDiametersThresholdMm",
       "-5"},
      {"NaN sum threshold", {.sumOfDiametersThresholdMm = nan}, "sumOfDiametersThresholdMm", "nan"},
      {"infinite sum threshold",
       {.sumOfDiametersThresholdMm = inf},
       "sumOfDiametersThresholdMm",
       "inf"},
      {"sum threshold over a metre",
       {.sumOfDiametersThresholdMm = 1000.5},
       "sumOfDiametersThresholdMm",
       "1000.5"},
      {"Curie threshold 0", {.curieThreshold = 0}, "curieThreshold", "0"},
      {"Curie threshold above the maximum total 30",
       {.curieThreshold = 31},
       "curieThreshold",
       "31"},
      {"negative SIOPEN threshold", {.siopenThreshold = -1}, "siopenThreshold", "-1"},
      {"SIOPEN threshold above the maximum total 72",
       {.siopenThreshold = 73},
       "siopenThreshold",
       "73"},
  };
  for (const SettingsRow& r : rows) {
    SCOPED_TRACE(r.rule);
    const std::vector<std::string> problems = validateDiscordanceSettings(r.settings);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_TRUE(mentions(problems[0], r.setting)) << problems[0];
    EXPECT_TRUE(mentions(problems[0], std::string("got ") + r.value)) << problems[0];
    // compareReads refuses rather than compare under settings that cannot be meant.
    const std::string message = refusal([&] { compareReads({}, {}, r.settings); });
    EXPECT_TRUE(mentions(message, r.setting)) << message;
  }
}

TEST(DiscordanceSettings, EveryProblemIsReportedOnce) {
  const std::vector<std::string> problems = validateDiscordanceSettings(
      {.sumOfDiametersThresholdMm = -1.0, .curieThreshold = 40, .siopenThreshold = 0});
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_TRUE(mentions(problems[0], "sumOfDiametersThresholdMm"));
  EXPECT_TRUE(mentions(problems[1], "curieThreshold"));
  EXPECT_TRUE(mentions(problems[2], "siopenThreshold"));
}

// --- the draw of two readers ----------------------------------------------------------------

const std::vector<std::string> kPool{"alice", "bob", "carol", "dave", "erin"};

TEST(ReaderDraw, KnownDrawsMatchAnIndependentImplementation) {
  // Computed with a separate python3 implementation written from the published algorithms:
  // MT19937-64 (Matsumoto & Nishimura's mt19937-64.c, checked on the standard's 10000th output
  // 9981545732273789042 of the default seed 5489), FNV-1a 64 (checked on "" -> cbf29ce484222325
  // and "a" -> af63dc4c8601ec8c), and the rejection draw (redraw outputs below 2^64 mod n, then
  // take the output mod n; the second index among the n-1 others, skipping the first). Any
  // standard library must give these same pairs.
  struct Row {
    std::uint64_t seed;
    const char* key;
    std::vector<std::string> excluded;
    std::pair<std::string, std::string> pair;
  };
  const Row rows[] = {
      {20260501, "NB-001/baseline", {}, {"carol", "erin"}},
      {20260501, "NB-001/baseline", {"carol"}, {"erin", "alice"}},
      {20260501, "NB-001/after-injection-3", {}, {"carol", "bob"}},
      {20260501, "NB-001/after-injection-3", {"carol"}, {"erin", "dave"}},
      {7, "NB-002/baseline", {}, {"carol", "erin"}},
      {7, "NB-002/baseline", {"carol"}, {"dave", "alice"}},
      {20260501, "NB-003/follow-up-1", {}, {"bob", "erin"}},
      {20260501, "NB-003/follow-up-1", {"carol"}, {"alice", "dave"}},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(r.key) + " seed " + std::to_string(r.seed));
    EXPECT_EQ(drawTwoReaders(kPool, r.excluded, r.seed, r.key), r.pair);
  }
}

TEST(ReaderDraw, SameSeedAndTimepointGiveTheSamePairWhateverThePoolOrder) {
  std::vector<std::string> shuffled{"erin", "carol", "alice", "dave", "bob"};
  std::vector<std::string> withDuplicate{"bob", "alice", "erin", "dave", "carol", "bob"};
  for (int i = 0; i < 50; ++i) {
    const std::string key = "NB-" + std::to_string(i) + "/baseline";
    SCOPED_TRACE(key);
    const auto first = drawTwoReaders(kPool, {}, 42, key);
    EXPECT_EQ(drawTwoReaders(kPool, {}, 42, key), first);
    EXPECT_EQ(drawTwoReaders(shuffled, {}, 42, key), first);
    EXPECT_EQ(drawTwoReaders(withDuplicate, {}, 42, key), first);
  }
}

TEST(ReaderDraw, TwoDifferentReadersFromThePoolAndEveryReaderEventuallyDrawn) {
  std::map<std::string, int> drawn;
  std::set<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 400; ++i) {
    const auto [first, second] = drawTwoReaders(kPool, {}, 1, "NB-" + std::to_string(i));
    ASSERT_NE(first, second);
    ASSERT_NE(std::find(kPool.begin(), kPool.end(), first), kPool.end());
    ASSERT_NE(std::find(kPool.begin(), kPool.end(), second), kPool.end());
    ++drawn[first];
    ++drawn[second];
    pairs.insert({first, second});
  }
  // 800 draws over 5 readers: 160 each on average (binomial n = 800, p = 0.2, sd 11.3), so 100
  // is 5.3 sd below the mean. The draws are deterministic: this cannot flake, it would catch a
  // draw that favours or starves a reader.
  ASSERT_EQ(drawn.size(), 5u);
  for (const auto& [reader, count] : drawn) {
    EXPECT_GT(count, 100) << reader;
  }
  EXPECT_EQ(pairs.size(), 20u);  // every ordered pair of 5 readers (5 * 4) occurs
}

TEST(ReaderDraw, TheSeedAndTheTimepointBothChangeTheDraw) {
  int differentSeed = 0;
  int differentKey = 0;
  for (int i = 0; i < 50; ++i) {
    const std::string key = "NB-" + std::to_string(i);
    const auto draw = drawTwoReaders(kPool, {}, 1, key);
    differentSeed += drawTwoReaders(kPool, {}, 2, key) != draw ? 1 : 0;
    differentKey += drawTwoReaders(kPool, {}, 1, key + "x") != draw ? 1 : 0;
  }
  // With 20 possible ordered pairs a repeat has probability 1/20: about 47.5 of 50 differ.
  EXPECT_GT(differentSeed, 35);
  EXPECT_GT(differentKey, 35);
}

TEST(ReaderDraw, AnExcludedReaderIsNeverDrawn) {
  const std::vector<std::string> excluded{"alice", "dave", "zoe"};  // zoe is not in the pool
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto [first, second] = drawTwoReaders(kPool, excluded, 9, "NB-" + std::to_string(i));
    seen.insert(first);
    seen.insert(second);
  }
  EXPECT_EQ(seen, (std::set<std::string>{"bob", "carol", "erin"}));
}

TEST(ReaderDraw, ExactlyTwoEligibleReadersAreBothDrawn) {
  const auto [first, second] = drawTwoReaders(kPool, {"alice", "bob", "carol"}, 3, "NB-1");
  EXPECT_EQ((std::set<std::string>{first, second}), (std::set<std::string>{"dave", "erin"}));
}

TEST(ReaderDraw, FewerThanTwoEligibleReadersIsRefusedSayingHowMany) {
  struct Row {
    const char* rule;
    std::vector<std::string> pool;
    std::vector<std::string> excluded;
    const char* count;
  };
  const Row rows[] = {
      {"an empty pool", {}, {}, "only 0 eligible readers"},
      {"a pool of one", {"alice"}, {}, "only 1 eligible reader "},
      {"one name listed twice", {"alice", "alice"}, {}, "only 1 eligible reader "},
      {"all but one excluded", kPool, {"alice", "bob", "carol", "dave"}, "only 1 eligible reader "},
      {"all excluded", {"alice", "bob"}, {"bob", "alice"}, "only 0 eligible readers"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.rule);
    const std::string message = refusal([&] { drawTwoReaders(r.pool, r.excluded, 1, "NB-7/b"); });
    EXPECT_TRUE(mentions(message, r.count)) << message;
    EXPECT_TRUE(mentions(message, "NB-7/b")) << message;
  }
}

}  // namespace
}  // namespace nbra::scoring
