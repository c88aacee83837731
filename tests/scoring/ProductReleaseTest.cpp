// NK-cell product release before storage and the check after thawing (clinical-rules.md 8.1;
// scoring/product). Every limit is tested at its boundary and every failure is named.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "scoring/product/ProductRelease.h"
#include "tests/scoring/Refusal.h"

namespace nbra::scoring {
namespace {

using testing::refusal;

Date ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A lot that passes every default limit.
ProductLot goodLot() {
  ProductLot lot;
  lot.lotCode = "NK-2026-001";
  lot.donorCode = "D-017";
  lot.apheresisDate = ymd(2026, 1, 5);
  lot.separationDate = ymd(2026, 1, 5);
  lot.cryopreservedDate = ymd(2026, 1, 7);
  lot.storageTemperatureC = -198.0;
  lot.sterility = Sterility::Negative;
  lot.viableCells = 2'000'000'000;
  lot.viabilityPercent = 92.0;
  lot.purityPercent = 96.5;
  lot.activePhenotypePercent = 80.0;
  return lot;
}

// A thaw that passes for an injection of 350 x 10^6 cells on 2026-02-10.
ThawCheck goodThaw() {
  ThawCheck check;
  check.thawDate = ymd(2026, 2, 10);
  check.viabilityPercent = 85.0;
  check.viableCells = 400'000'000;
  check.sterility = Sterility::Negative;
  return check;
}

const Date kInjection = ymd(2026, 2, 10);
constexpr std::int64_t kCells = 350'000'000;

TEST(ProductRelease, GoodLotIsReleased) {
  const ReleaseResult result = evaluateLotRelease(goodLot());
  EXPECT_TRUE(result.released);
  EXPECT_TRUE(result.failures.empty());
}

struct LimitRow {
  const char* rule;
  void (*change)(ProductLot&);
  bool released;
  const char* failure;  // the whole failure sentence, or "" when released
};

TEST(ProductRelease, EachLimitAtItsBoundary) {
  const LimitRow rows[] = {
      {"viability at the limit passes", [](ProductLot& l) { l.viabilityPercent = 70.0; }, true, ""},
      {"viability just below fails", [](ProductLot& l) { l.viabilityPercent = 69.9; }, false,
       "viability 69.9 % is below the release limit of 70 %"},
      {"viability well below fails", [](ProductLot& l) { l.viabilityPercent = 65.0; }, false,
       "viability 65 % is below the release limit of 70 %"},
      {"purity at the limit passes", [](ProductLot& l) { l.purityPercent = 90.0; }, true, ""},
      {"purity just below fails", [](ProductLot& l) { l.purityPercent = 89.9; }, false,
       "purity 89.9 % is below the release limit of 90 %"},
      {"active phenotype at the limit passes",
       [](ProductLot& l) { l.activePhenotypePercent = 50.0; }, true, ""},
      {"active phenotype just below fails", [](ProductLot& l) { l.activePhenotypePercent = 49.9; },
       false, "active phenotype 49.9 % is below the release limit of 50 %"},
      {"storage at the limit passes", [](ProductLot& l) { l.storageTemperatureC = -150.0; }, true,
       ""},
      {"storage just warmer fails", [](ProductLot& l) { l.storageTemperatureC = -149.9; }, false,
       "storage temperature -149.9 degC is above the release limit of -150 degC"},
      {"a freezer at -80 fails", [](ProductLot& l) { l.storageTemperatureC = -80.0; }, false,
       "storage temperature -80 degC is above the release limit of -150 degC"},
      {"sterility pending is not released", [](ProductLot& l) { l.sterility = Sterility::Pending; },
       false, "sterility is pending; release requires a negative result"},
      {"sterility positive fails", [](ProductLot& l) { l.sterility = Sterility::Positive; }, false,
       "sterility is positive; release requires a negative result"},
  };
  for (const LimitRow& row : rows) {
    SCOPED_TRACE(row.rule);
    ProductLot lot = goodLot();
    row.change(lot);
    const ReleaseResult result = evaluateLotRelease(lot);
    EXPECT_EQ(result.released, row.released);
    if (row.released) {
      EXPECT_TRUE(result.failures.empty());
    } else {
      EXPECT_EQ(result.failures, std::vector<std::string>{row.failure});
    }
  }
}

TEST(ProductRelease, ValueJustBelowALimitIsNotPrintedAsTheLimit) {
  ProductLot lot = goodLot();
  lot.viabilityPercent = 69.99999;
  const ReleaseResult result = evaluateLotRelease(lot);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0], "viability 69.99999 % is below the release limit of 70 %");
}

TEST(ProductRelease, EveryFailureIsListed) {
  ProductLot lot = goodLot();
  lot.sterility = Sterility::Positive;
  lot.viabilityPercent = 60.0;
  lot.purityPercent = 80.0;
  lot.activePhenotypePercent = 30.0;
  lot.storageTemperatureC = -20.0;
  const ReleaseResult result = evaluateLotRelease(lot);
  EXPECT_FALSE(result.released);
  ASSERT_EQ(result.failures.size(), 5u);
  EXPECT_TRUE(mentions(result.failures[0], "sterility is positive"));
  EXPECT_TRUE(mentions(result.failures[1], "viability 60 %"));
  EXPECT_TRUE(mentions(result.failures[2], "purity 80 %"));
  EXPECT_TRUE(mentions(result.failures[3], "active phenotype 30 %"));
  EXPECT_TRUE(mentions(result.failures[4], "storage temperature -20 degC"));
}

TEST(ProductRelease, LimitsAreSettings) {
  ReleaseLimits limits;
  limits.minViabilityPercent = 95.0;
  limits.maxStorageTemperatureC = -200.0;
  const ReleaseResult result = evaluateLotRelease(goodLot(), limits);
  EXPECT_FALSE(result.released);
  EXPECT_EQ(result.failures,
            (std::vector<std::string>{
                "viability 92 % is below the release limit of 95 %",
                "storage temperature -198 degC is above the release limit of -200 degC"}));
  limits = ReleaseLimits{};
  limits.minPurityPercent = 0.0;
  ProductLot lot = goodLot();
  lot.purityPercent = 0.0;
  EXPECT_TRUE(evaluateLotRelease(lot, limits).released);
}

TEST(ProductRelease, GoodThawIsReleased) {
  const ReleaseResult result = evaluateThawCheck(goodLot(), goodThaw(), kInjection, kCells);
  EXPECT_TRUE(result.released);
  EXPECT_TRUE(result.failures.empty());
  EXPECT_TRUE(result.notes.empty());
}

struct ThawRow {
  const char* rule;
  void (*change)(ProductLot&, ThawCheck&, Date&, std::int64_t&, ReleaseLimits&);
  bool released;
  std::vector<std::string> failures;
};

TEST(ProductRelease, EachThawCheck) {
  const ThawRow rows[] = {
      {"post-thaw viability at the limit passes",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits&) {
         c.viabilityPercent = 70.0;
       },
       true,
       {}},
      {"post-thaw viability just below fails",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits&) {
         c.viabilityPercent = 69.9;
       },
       false,
       {"post-thaw viability 69.9 % is below the limit of 70 %"}},
      {"post-thaw sterility positive always fails",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits&) {
         c.sterility = Sterility::Positive;
       },
       false,
       {"post-thaw sterility is positive; a positive result never allows injection"}},
      {"post-thaw sterility positive fails even when pending is allowed",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits& l) {
         c.sterility = Sterility::Positive;
         l.allowPendingPostThawSterility = true;
       },
       false,
       {"post-thaw sterility is positive; a positive result never allows injection"}},
      {"post-thaw sterility pending fails when the setting is off",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits& l) {
         c.sterility = Sterility::Pending;
         l.allowPendingPostThawSterility = false;
       },
       false,
       {"post-thaw sterility is pending; the release limits require a negative result before "
        "injection"}},
      {"thaw the day after the injection fails",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits&) {
         c.thawDate = ymd(2026, 2, 11);
       },
       false,
       {"thaw date 2026-02-11 is after the injection date 2026-02-10"}},
      {"thaw the day before the injection fails by default (same day only)",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits&) {
         c.thawDate = ymd(2026, 2, 9);
       },
       false,
       {"thawed 1 day before the injection (2026-02-09 for 2026-02-10); the limit is 0 days"}},
      {"thaw at the day limit passes",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits& l) {
         c.thawDate = ymd(2026, 2, 8);
         l.maxDaysThawBeforeInjection = 2;
       },
       true,
       {}},
      {"thaw one day beyond the day limit fails",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t&, ReleaseLimits& l) {
         c.thawDate = ymd(2026, 2, 7);
         l.maxDaysThawBeforeInjection = 2;
       },
       false,
       {"thawed 3 days before the injection (2026-02-07 for 2026-02-10); the limit is 2 days"}},
      {"thaw across a month end counts calendar days",
       [](ProductLot&, ThawCheck& c, Date& d, std::int64_t&, ReleaseLimits& l) {
         c.thawDate = ymd(2026, 2, 27);
         d = ymd(2026, 3, 1);
         l.maxDaysThawBeforeInjection = 1;
       },
       false,
       {"thawed 2 days before the injection (2026-02-27 for 2026-03-01); the limit is 1 day"}},
      {"cells given equal to the viable count pass",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t& n, ReleaseLimits&) { n = c.viableCells; },
       true,
       {}},
      {"one cell more than the viable count fails",
       [](ProductLot&, ThawCheck& c, Date&, std::int64_t& n, ReleaseLimits&) {
         n = c.viableCells + 1;
       },
       false,
       {"more cells given than the post-thaw viable count (400000001 given, 400000000 viable)"}},
      {"thaw before the cryopreservation fails",
       [](ProductLot&, ThawCheck& c, Date& d, std::int64_t&, ReleaseLimits&) {
         c.thawDate = ymd(2026, 1, 6);
         d = ymd(2026, 1, 6);
       },
       false,
       {"thaw date 2026-01-06 is before the cryopreservation date 2026-01-07"}},
      {"thaw on the cryopreservation day is allowed",
       [](ProductLot&, ThawCheck& c, Date& d, std::int64_t&, ReleaseLimits&) {
         c.thawDate = ymd(2026, 1, 7);
         d = ymd(2026, 1, 7);
       },
       true,
       {}},
      {"a lot that fails release fails the thaw check, prefixed",
       [](ProductLot& lot, ThawCheck&, Date&, std::int64_t&, ReleaseLimits&) {
         lot.viabilityPercent = 65.0;
         lot.sterility = Sterility::Pending;
       },
       false,
       {"lot not released: sterility is pending; release requires a negative result",
        "lot not released: viability 65 % is below the release limit of 70 %"}},
  };
  for (const ThawRow& row : rows) {
    SCOPED_TRACE(row.rule);
    ProductLot lot = goodLot();
    ThawCheck check = goodThaw();
    Date injection = kInjection;
    std::int64_t cells = kCells;
    ReleaseLimits limits;
    row.change(lot, check, injection, cells, limits);
    const ReleaseResult result = evaluateThawCheck(lot, check, injection, cells, limits);
    EXPECT_EQ(result.released, row.released);
    EXPECT_EQ(result.failures, row.failures);
  }
}

TEST(ProductRelease, PendingPostThawSterilityIsAllowedButRecorded) {
  ThawCheck check = goodThaw();
  check.sterility = Sterility::Pending;
  const ReleaseResult result = evaluateThawCheck(goodLot(), check, kInjection, kCells);
  EXPECT_TRUE(result.released);
  EXPECT_TRUE(result.failures.empty());
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_TRUE(mentions(result.notes[0], "post-thaw sterility is pending")) << result.notes[0];
}

TEST(ProductRelease, EveryThawFailureIsListed) {
  ProductLot lot = goodLot();
  lot.purityPercent = 85.0;
  ThawCheck check = goodThaw();
  check.viabilityPercent = 50.0;
  check.sterility = Sterility::Positive;
  check.thawDate = ymd(2026, 2, 12);
  const ReleaseResult result = evaluateThawCheck(lot, check, kInjection, 500'000'000);
  EXPECT_FALSE(result.released);
  ASSERT_EQ(result.failures.size(), 5u);
  EXPECT_TRUE(mentions(result.failures[0], "lot not released: purity 85 %"));
  EXPECT_TRUE(mentions(result.failures[1], "post-thaw viability 50 %"));
  EXPECT_TRUE(mentions(result.failures[2], "post-thaw sterility is positive"));
  EXPECT_TRUE(mentions(result.failures[3], "is after the injection date"));
  EXPECT_TRUE(mentions(result.failures[4], "more cells given than the post-thaw viable count"));
}

struct LotRefusalRow {
  const char* rule;
  void (*change)(ProductLot&);
  const char* message;  // a part of the refusal
};

TEST(ProductRelease, ValidateProductLotRefusesImpossibleValues) {
  EXPECT_EQ(refusal([] { validateProductLot(goodLot()); }), "");
  const LotRefusalRow rows[] = {
      {"empty lot code", [](ProductLot& l) { l.lotCode.clear(); },
       "product lot: the lot code is empty"},
      {"empty donor code", [](ProductLot& l) { l.donorCode.clear(); },
       "lot NK-2026-001: the donor code is empty"},
      {"negative count", [](ProductLot& l) { l.viableCells = -1; },
       "lot NK-2026-001: viable cells -1 is not a positive count"},
      {"zero count", [](ProductLot& l) { l.viableCells = 0; },
       "lot NK-2026-001: viable cells 0 is not a positive count"},
      {"viability 140 %", [](ProductLot& l) { l.viabilityPercent = 140.0; },
       "lot NK-2026-001: viability 140 % is outside 0..100 %"},
      {"negative purity", [](ProductLot& l) { l.purityPercent = -0.1; },
       "lot NK-2026-001: purity -0.1 % is outside 0..100 %"},
      {"phenotype over 100", [](ProductLot& l) { l.activePhenotypePercent = 100.1; },
       "lot NK-2026-001: active phenotype 100.1 % is outside 0..100 %"},
      {"NaN viability", [](ProductLot& l) { l.viabilityPercent = kNaN; },
       "lot NK-2026-001: viability is not a finite number"},
      {"infinite purity", [](ProductLot& l) { l.purityPercent = kInf; },
       "lot NK-2026-001: purity is not a finite number"},
      {"NaN temperature", [](ProductLot& l) { l.storageTemperatureC = kNaN; },
       "lot NK-2026-001: storage temperature is not a finite number"},
      {"-inf temperature", [](ProductLot& l) { l.storageTemperatureC = -kInf; },
       "lot NK-2026-001: storage temperature is not a finite number"},
      {"temperature above 0", [](ProductLot& l) { l.storageTemperatureC = 4.0; },
       "lot NK-2026-001: storage temperature 4 degC is outside -273.15..0 degC"},
      {"temperature below absolute zero", [](ProductLot& l) { l.storageTemperatureC = -273.2; },
       "lot NK-2026-001: storage temperature -273.2 degC is outside -273.15..0 degC"},
      {"invalid apheresis date", [](ProductLot& l) { l.apheresisDate = ymd(2026, 2, 30); },
       "lot NK-2026-001: apheresis date is not a valid date"},
      {"invalid cryopreservation date", [](ProductLot& l) { l.cryopreservedDate = Date{}; },
       "lot NK-2026-001: cryopreservation date is not a valid date"},
      {"separation before apheresis", [](ProductLot& l) { l.separationDate = ymd(2026, 1, 4); },
       "lot NK-2026-001: separation date 2026-01-04 is before the apheresis date 2026-01-05"},
      {"cryopreservation before separation",
       [](ProductLot& l) { l.cryopreservedDate = ymd(2025, 12, 31); },
       "lot NK-2026-001: cryopreservation date 2025-12-31 is before the separation date "
       "2026-01-05"},
      {"unknown sterility value", [](ProductLot& l) { l.sterility = static_cast<Sterility>(3); },
       "lot NK-2026-001: sterility is not negative, positive or pending"},
  };
  for (const LotRefusalRow& row : rows) {
    SCOPED_TRACE(row.rule);
    ProductLot lot = goodLot();
    row.change(lot);
    EXPECT_EQ(refusal([&] { validateProductLot(lot); }), row.message);
    // The evaluations refuse the same lot rather than judging it.
    EXPECT_EQ(refusal([&] { evaluateLotRelease(lot); }), row.message);
    EXPECT_EQ(refusal([&] { evaluateThawCheck(lot, goodThaw(), kInjection, kCells); }),
              row.message);
  }
  // Boundary values are accepted.
  ProductLot edge = goodLot();
  edge.viabilityPercent = 100.0;
  edge.purityPercent = 0.0;
  edge.storageTemperatureC = -273.15;
  edge.cryopreservedDate = edge.separationDate;
  EXPECT_EQ(refusal([&] { validateProductLot(edge); }), "");
  edge.storageTemperatureC = 0.0;
  EXPECT_EQ(refusal([&] { validateProductLot(edge); }), "");
}

struct ThawRefusalRow {
  const char* rule;
  void (*change)(ThawCheck&);
  const char* message;
};

TEST(ProductRelease, ValidateThawCheckRefusesImpossibleValues) {
  EXPECT_EQ(refusal([] { validateThawCheck(goodThaw(), goodLot()); }), "");
  const ThawRefusalRow rows[] = {
      {"negative count", [](ThawCheck& c) { c.viableCells = -5; },
       "lot NK-2026-001: post-thaw viable cells -5 is not a positive count"},
      {"viability 140 %", [](ThawCheck& c) { c.viabilityPercent = 140.0; },
       "lot NK-2026-001: post-thaw viability 140 % is outside 0..100 %"},
      {"NaN viability", [](ThawCheck& c) { c.viabilityPercent = kNaN; },
       "lot NK-2026-001: post-thaw viability is not a finite number"},
      {"invalid thaw date", [](ThawCheck& c) { c.thawDate = ymd(2026, 4, 31); },
       "lot NK-2026-001: thaw date is not a valid date"},
      {"unknown sterility value", [](ThawCheck& c) { c.sterility = static_cast<Sterility>(3); },
       "lot NK-2026-001: post-thaw sterility is not negative, positive or pending"},
  };
  for (const ThawRefusalRow& row : rows) {
    SCOPED_TRACE(row.rule);
    ThawCheck check = goodThaw();
    row.change(check);
    EXPECT_EQ(refusal([&] { validateThawCheck(check, goodLot()); }), row.message);
    EXPECT_EQ(refusal([&] { evaluateThawCheck(goodLot(), check, kInjection, kCells); }),
              row.message);
  }
  // A thaw before the cryopreservation is refused by the validation (the evaluation reports it as
  // a failure instead, see EachThawCheck).
  ThawCheck early = goodThaw();
  early.thawDate = ymd(2026, 1, 6);
  EXPECT_EQ(refusal([&] { validateThawCheck(early, goodLot()); }),
            "lot NK-2026-001: thaw date 2026-01-06 is before the cryopreservation date 2026-01-07");
  // The lot is validated too.
  ProductLot badLot = goodLot();
  badLot.viabilityPercent = kNaN;
  EXPECT_TRUE(mentions(refusal([&] { validateThawCheck(goodThaw(), badLot); }), "viability"));
}

TEST(ProductRelease, EvaluateThawCheckRefusesImpossibleArguments) {
  EXPECT_EQ(refusal([] { evaluateThawCheck(goodLot(), goodThaw(), ymd(2026, 2, 29), kCells); }),
            "lot NK-2026-001: injection date is not a valid date");
  EXPECT_EQ(refusal([] { evaluateThawCheck(goodLot(), goodThaw(), kInjection, -1); }),
            "lot NK-2026-001: cells given -1 is not a positive count");
  EXPECT_EQ(refusal([] { evaluateThawCheck(goodLot(), goodThaw(), kInjection, 0); }),
            "lot NK-2026-001: cells given 0 is not a positive count");
}

TEST(ProductRelease, RefusesImpossibleLimits) {
  ReleaseLimits limits;
  limits.minViabilityPercent = kNaN;
  EXPECT_EQ(refusal([&] { evaluateLotRelease(goodLot(), limits); }),
            "release limits: minViabilityPercent is not a finite number");
  limits = ReleaseLimits{};
  limits.minPostThawViabilityPercent = 101.0;
  EXPECT_EQ(refusal([&] { evaluateThawCheck(goodLot(), goodThaw(), kInjection, kCells, limits); }),
            "release limits: minPostThawViabilityPercent 101 % is outside 0..100 %");
  limits = ReleaseLimits{};
  limits.maxStorageTemperatureC = kInf;
  EXPECT_EQ(refusal([&] { validateReleaseLimits(limits); }),
            "release limits: maxStorageTemperatureC is not a finite number");
  limits = ReleaseLimits{};
  limits.maxDaysThawBeforeInjection = -1;
  EXPECT_EQ(refusal([&] { validateReleaseLimits(limits); }),
            "release limits: maxDaysThawBeforeInjection -1 is negative");
  EXPECT_EQ(refusal([] { validateReleaseLimits(ReleaseLimits{}); }), "");
}

TEST(ProductRelease, SterilityCodes) {
  EXPECT_EQ(sterilityCode(Sterility::Negative), "negative");
  EXPECT_EQ(sterilityCode(Sterility::Positive), "positive");
  EXPECT_EQ(sterilityCode(Sterility::Pending), "pending");
  for (Sterility s : {Sterility::Negative, Sterility::Positive, Sterility::Pending}) {
    EXPECT_EQ(sterilityFromCode(sterilityCode(s)), s);
  }
  EXPECT_EQ(refusal([] { sterilityFromCode("Negative"); }),
            "unknown sterility result 'Negative': expected negative, positive or pending");
  for (const char* bad : {"", "neg", "negative ", "POSITIVE", "sterile", "pending?"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(mentions(refusal([&] { sterilityFromCode(bad); }), "'" + std::string(bad) + "'"));
  }
}

}  // namespace
}  // namespace nbra::scoring
