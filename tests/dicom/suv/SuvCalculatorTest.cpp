// computeSuv on synthetic attribute sets: one test per rule and per refusal of
// clinical-rules.md section 5. Every expected number is computed by hand in the comment.
//
// Base case: 70 kg, 175 cm, male; 370 MBq F-18-like tracer with a half-life of 6000 s injected
// at 10:00:00; scan (series = acquisition) at 11:40:00, i.e. 6000 s = one half-life later, so
// D_ref = 185 MBq and SUVbw factor = 70000 g / 185e6 Bq = 3.7837837837837838e-4 g/ml.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "dicom/suv/BodySize.h"
#include "dicom/suv/SuvCalculator.h"

namespace {

using namespace nbra::dicom;

constexpr double kBaseBw = 70000.0 / 185e6;

SuvFrameTags frame(const std::string& time, const std::string& date = "20260101") {
  SuvFrameTags f;
  f.source = "frame@" + time;
  f.acquisitionDate = date;
  f.acquisitionTime = time;
  return f;
}

SuvTags base() {
  SuvTags t;
  t.modality = "PT";
  t.units = "BQML";
  t.decayCorrection = "START";
  t.correctedImage = {"NORM", "ATTN", "DECY", "SCAT"};
  t.patientWeightKg = 70.0;
  t.patientSizeM = 1.75;
  t.patientSex = "M";
  t.radionuclideTotalDoseBq = 370e6;
  t.radionuclideHalfLifeS = 6000.0;
  t.radiopharmaceuticalStartTime = "100000";
  t.seriesDate = "20260101";
  t.seriesTime = "114000";
  t.frames = {frame("114000"), frame("114000")};
  return t;
}

void expectRelative(double actual, double expected, double tolerance = 1e-9) {
  EXPECT_LE(std::abs(actual - expected) / std::abs(expected), tolerance)
      << "actual " << actual << " expected " << expected;
}

bool hasWarning(const SuvResult& r, const std::string& part) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

void expectRefused(const SuvTags& t, const char* code) {
  const SuvResult r = computeSuv(t);
  EXPECT_EQ(r.errorCode, code) << r.errorMessage;
  EXPECT_FALSE(r.errorMessage.empty());
  EXPECT_FALSE(r.bw.factor) << "a refused series must never give a number";
  EXPECT_FALSE(r.lbmJames128.factor);
  EXPECT_TRUE(r.frameBwFactors.empty());
}

TEST(SuvCalculator, BqmlStartWithSeriesTimeIsWeightOverDecayedDose) {
  const SuvResult r = computeSuv(base());
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  ASSERT_TRUE(r.bw.factor);
  expectRelative(*r.bw.factor, kBaseBw);
  EXPECT_EQ(r.referenceTimeSource, "series time");
  ASSERT_TRUE(r.referenceTime);
  EXPECT_EQ(toIso8601(*r.referenceTime), "2026-01-01T11:40:00");
  ASSERT_TRUE(r.decayTimeS);
  EXPECT_DOUBLE_EQ(*r.decayTimeS, 6000.0);
  ASSERT_EQ(r.frameBwFactors.size(), 2u);
  expectRelative(r.frameBwFactors[1], kBaseBw);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(SuvCalculator, StartDateTimeIsPreferredOverStartTime) {
  SuvTags t = base();
  t.radiopharmaceuticalStartDateTime = "20260101100000.000 ";
  t.radiopharmaceuticalStartTime = "090000";  // would give 2 half-lives: must be ignored
  expectRelative(*computeSuv(t).bw.factor, kBaseBw);
}

TEST(SuvCalculator, InjectionBeforeMidnightScanAfterIsThePreviousDay) {
  // 23:20:00 -> 01:00:00 next day = 6000 s: same factor as the base case.
  SuvTags t = base();
  t.radiopharmaceuticalStartTime = "232000";
  t.seriesDate = "20260102";
  t.seriesTime = "010000";
  t.frames = {frame("010000", "20260102")};
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  expectRelative(*r.bw.factor, kBaseBw);
  EXPECT_TRUE(hasWarning(r, "midnight"));
}

TEST(SuvCalculator, DoseInMbqIsDetectedWithAWarning) {
  SuvTags t = base();
  t.radionuclideTotalDoseBq = 370.0;  // 370 "Bq" is 370 MBq
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok());
  expectRelative(*r.bw.factor, kBaseBw);
  EXPECT_TRUE(hasWarning(r, "MBq"));
}

TEST(SuvCalculator, WeightAboveOneThousandIsGrams) {
  SuvTags t = base();
  t.patientWeightKg = 70000.0;
  const SuvResult r = computeSuv(t);
  expectRelative(*r.bw.factor, kBaseBw);
  EXPECT_TRUE(hasWarning(r, "grams"));
}

TEST(SuvCalculator, AdminUsesTheAdministeredDoseWithoutDecay) {
  // 70000 / 370e6 = 1.8918918918918918e-4 (Horos #653: no decay for ADMIN).
  SuvTags t = base();
  t.decayCorrection = "ADMIN";
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  expectRelative(*r.bw.factor, 70000.0 / 370e6);
  EXPECT_EQ(r.referenceTimeSource, "administration (ADMIN)");
  EXPECT_EQ(toIso8601(*r.referenceTime), "2026-01-01T10:00:00");
}

TEST(SuvCalculator, NoneCorrectsEachFrameForDecayToItsAcquisition) {
  // Frame 1: acquired 11:40:00 (6000 s), duration 0: factor = 70000/370e6 * 2 = kBaseBw.
  // Frame 2: acquired 11:40:00, duration 600 s: times lambda T / (1 - e^-lambda T) with
  //   lambda T = ln2/10 = 0.0693147: 0.0693147 / (1 - 2^-0.1) = 0.0693147 / 0.0669670 = 1.0350577
  //   -> 3.9164345575e-4.
  // Frame 3: acquired 13:20:00 (12000 s), duration 0: 70000/370e6 * 4 = 7.5675675676e-4.
  SuvTags t = base();
  t.decayCorrection = "NONE";
  t.correctedImage = {"ATTN"};  // IBSI DRO_3_4: no DECY, still convertible
  t.frames = {frame("114000"), frame("114000"), frame("132000")};
  t.frames[1].actualFrameDurationMs = 600000;
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  ASSERT_EQ(r.frameBwFactors.size(), 3u);
  expectRelative(r.frameBwFactors[0], kBaseBw);
  expectRelative(r.frameBwFactors[1], 3.9164345575026094e-4);
  expectRelative(r.frameBwFactors[2], 70000.0 / 370e6 * 4);
  expectRelative(*r.bw.factor, kBaseBw);  // the earliest frame's
  EXPECT_EQ(r.referenceTimeSource, "each frame's acquisition (NONE)");
}

TEST(SuvCalculator, AdminNeedsNoInjectionTime) {
  SuvTags t = base();
  t.decayCorrection = "ADMIN";
  t.radiopharmaceuticalStartTime.clear();
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  expectRelative(*r.bw.factor, 70000.0 / 370e6);
  EXPECT_FALSE(r.referenceTime);
}

TEST(SuvCalculator, AnOffsetIsAppliedOnlyWhenBothTimesHaveOne) {
  // Injection "10:00+01:00" against a local series time 11:40: compared as local clock
  // readings, 6000 s -> kBaseBw.
  SuvTags t = base();
  t.radiopharmaceuticalStartDateTime = "20260101100000+0100";
  expectRelative(*computeSuv(t).bw.factor, kBaseBw);
  // Against a GE scan time "11:40+00:00" (series after acquisition): 10:00+01:00 is 09:00 UTC,
  // so 2 h 40 min = 9600 s = 1.6 half-lives: 70000 / (370e6 * 2^-1.6) = 5.7340e-4.
  t.seriesTime = "123000";
  t.frames = {frame("115000")};
  t.gePrivateCreator = "GEMS_PETD_01";
  t.geScanDateTime = "20260101114000+0000";
  const SuvResult r = computeSuv(t);
  EXPECT_EQ(r.referenceTimeSource, "GE private scan time");
  expectRelative(*r.bw.factor, 70000.0 / (370e6 * std::pow(2.0, -1.6)));
}

// --- START reference time order (Q13) ---

SuvTags seriesAfterAcquisition() {
  // The series time (12:30) was rewritten after the scan: not a valid reference.
  SuvTags t = base();
  t.seriesTime = "123000";
  t.frames = {frame("115000"), frame("115000")};
  return t;
}

TEST(SuvCalculator, SeriesTimeAfterAcquisitionFallsToGePrivateScanTime) {
  SuvTags t = seriesAfterAcquisition();
  t.gePrivateCreator = "GEMS_PETD_01";
  t.geScanDateTime = "20260101114000.00";
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  EXPECT_EQ(r.referenceTimeSource, "GE private scan time");
  expectRelative(*r.bw.factor, kBaseBw);
}

TEST(SuvCalculator, GePrivateTimeOfAnotherCreatorIsIgnored) {
  // Falls through to the earliest acquisition 11:50:00 (6600 s):
  // 70000 / (370e6 * 2^-1.1) = 4.055359047434623e-4.
  SuvTags t = seriesAfterAcquisition();
  t.gePrivateCreator = "SOMEONE_ELSE";
  t.geScanDateTime = "20260101114000.00";
  const SuvResult r = computeSuv(t);
  EXPECT_EQ(r.referenceTimeSource, "earliest acquisition");
  expectRelative(*r.bw.factor, 4.055359047434623e-4);
}

TEST(SuvCalculator, BackComputesTheStartFromFrameReferenceTime) {
  // Frame acquired 11:50:00, T = 600 s; lambda = ln2/6000:
  // T_ave = ln(lambda T / (1 - e^-lambda T)) / lambda = ln(1.0350577) / 1.1552453e-4 = 298.2672 s.
  // FRT = (600 + 298.2672) s puts the decay reference at 11:50:00 - 600 s = 11:40:00 -> kBaseBw.
  SuvTags t = seriesAfterAcquisition();
  for (auto& f : t.frames) {
    f.actualFrameDurationMs = 600000;
    f.frameReferenceTimeMs = (600.0 + 298.2672014234448) * 1000.0;
  }
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  EXPECT_EQ(r.referenceTimeSource, "back-computed from FrameReferenceTime");
  expectRelative(*r.bw.factor, kBaseBw, 1e-7);
  EXPECT_TRUE(hasWarning(r, "SeriesDate/Time is after"));
}

TEST(SuvCalculator, WithoutFrameReferenceTimeTheEarliestAcquisitionIsUsed) {
  // Frames at 11:50 and 11:40: the earliest, 11:40, is the reference -> kBaseBw.
  SuvTags t = seriesAfterAcquisition();
  t.frames = {frame("115000"), frame("114000")};
  const SuvResult r = computeSuv(t);
  EXPECT_EQ(r.referenceTimeSource, "earliest acquisition");
  expectRelative(*r.bw.factor, kBaseBw);
}

TEST(SuvCalculator, AcquisitionDateTimeIsUsedWhenPresent) {
  SuvTags t = seriesAfterAcquisition();
  t.frames = {frame("999999"), frame("999999")};  // invalid TM: the DT must win
  t.frames[0].acquisitionDateTime = "20260101114000";
  t.frames[1].acquisitionDateTime = "20260101115000";
  const SuvResult r = computeSuv(t);
  expectRelative(*r.bw.factor, kBaseBw);
}

// --- Units ---

TEST(SuvCalculator, GmlBodyWeightImageHasFactorOne) {
  SuvTags t = base();
  t.units = "GML";
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  EXPECT_DOUBLE_EQ(*r.bw.factor, 1.0);
}

TEST(SuvCalculator, GmlLeanBodyMassImageIsConvertedToBodyWeight) {
  // James male: 1.10*70 - 128*(70/175)^2 = 77 - 20.48 = 56.52 kg.
  // SUVbw = SUVlbm * W / LBM = 70 / 56.52 = 1.2384996461429583; SUVlbm factor 1.
  SuvTags t = base();
  t.units = "GML";
  t.suvType = "LBMJAMES128";
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  expectRelative(*r.bw.factor, 1.2384996461429583);
  expectRelative(*r.lbmJames128.factor, 1.0);
}

TEST(SuvCalculator, GmlNeedingHeightWithoutItIsRefused) {
  SuvTags t = base();
  t.units = "GML";
  t.suvType = "IBW";
  t.patientSizeM.reset();
  expectRefused(t, "NO_BODY_SIZE");
  t.suvType = "XYZ";
  expectRefused(t, "UNSUPPORTED_SUV_TYPE");
}

TEST(SuvCalculator, Cm2mlIsSuvBsaConvertedWithDuBois) {
  // BSA = 0.007184 * 175^0.725 * 70^0.425 = 1.8481430 m^2 = 18481.430 cm^2;
  // SUVbw = value * 70000 / 18481.430 = 3.787585663752127 * value.
  SuvTags t = base();
  t.units = "CM2ML";
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  expectRelative(*r.bw.factor, 3.787585663752127);
  expectRelative(*r.bsa.factor, 1.0);
}

TEST(SuvCalculator, CntsUsesThePhilipsSuvScaleFactorFirst) {
  SuvTags t = base();
  t.units = "CNTS";
  t.philipsPrivateCreator = "Philips PET Private Group";
  t.philipsSuvScaleFactor = 0.0005;
  t.philipsActivityConcentrationScaleFactor = 2.0;
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  EXPECT_DOUBLE_EQ(*r.bw.factor, 0.0005);
  // SUVlbm = SUVbw * LBM / W = 0.0005 * 56.52 / 70.
  expectRelative(*r.lbmJames128.factor, 0.0005 * 56.52 / 70.0);
}

TEST(SuvCalculator, CntsWithOnlyTheActivityScaleFactorTakesTheBqmlPath) {
  SuvTags t = base();
  t.units = "CNTS";
  t.philipsPrivateCreator = "Philips PET Private Group";
  t.philipsSuvScaleFactor = 0.0;  // zero means absent
  t.philipsActivityConcentrationScaleFactor = 2.0;
  expectRelative(*computeSuv(t).bw.factor, 2.0 * kBaseBw);
}

TEST(SuvCalculator, CntsWithoutPrivateFactorsOrWithAnotherCreatorIsRefused) {
  SuvTags t = base();
  t.units = "CNTS";
  expectRefused(t, "CNTS_WITHOUT_SCALE_FACTOR");
  t.philipsPrivateCreator = "Other Vendor";
  t.philipsSuvScaleFactor = 0.0005;
  expectRefused(t, "CNTS_WITHOUT_SCALE_FACTOR");
}

TEST(SuvCalculator, BqmlIgnoresPhilipsPrivateFactors) {
  // Q14: never multiply BQML by (7053,1009).
  SuvTags t = base();
  t.philipsPrivateCreator = "Philips PET Private Group";
  t.philipsSuvScaleFactor = 0.0005;
  t.philipsActivityConcentrationScaleFactor = 2.0;
  expectRelative(*computeSuv(t).bw.factor, kBaseBw);
}

// --- Refusals ---

TEST(SuvCalculator, RefusesEveryNonQuantitativeSeries) {
  SuvTags t = base();
  t.units = "PROPCNTS";
  expectRefused(t, "UNSUPPORTED_UNITS");
  t.units = "CPS";
  expectRefused(t, "UNSUPPORTED_UNITS");
  t.units = "";
  expectRefused(t, "MISSING_UNITS");

  t = base();
  t.modality = "CT";
  expectRefused(t, "NOT_PET");

  t = base();
  t.frames.clear();
  expectRefused(t, "NO_IMAGES");

  t = base();
  t.correctedImage = {"DECY", "SCAT"};
  expectRefused(t, "NOT_ATTENUATION_CORRECTED");

  t = base();
  t.correctedImage = {"ATTN"};
  expectRefused(t, "NOT_DECAY_CORRECTED");

  t = base();
  t.decayCorrection = "";
  expectRefused(t, "UNSUPPORTED_DECAY_CORRECTION");

  t = base();
  t.frames[1].rescaleIntercept = -3.0;
  expectRefused(t, "NONZERO_RESCALE_INTERCEPT");
}

TEST(SuvCalculator, RefusesMissingPatientOrTracerData) {
  SuvTags t = base();
  t.patientWeightKg = 0.0;
  expectRefused(t, "NO_WEIGHT");
  t.patientWeightKg.reset();
  expectRefused(t, "NO_WEIGHT");

  t = base();
  t.radionuclideTotalDoseBq.reset();
  expectRefused(t, "NO_DOSE");

  t = base();
  t.radionuclideHalfLifeS = 0.0;
  expectRefused(t, "NO_HALF_LIFE");

  t = base();
  t.radiopharmaceuticalStartTime.clear();
  expectRefused(t, "NO_INJECTION_TIME");

  t = base();
  t.radiopharmaceuticalStartDateTime = "20260101100000";
  t.seriesDate.clear();
  t.seriesTime.clear();
  for (auto& f : t.frames) {
    f.acquisitionTime.clear();
  }
  expectRefused(t, "NO_SCAN_TIME");
}

// Values that strtod accepts but no scanner writes: refused with IMPLAUSIBLE_VALUE naming the
// attribute, never turned into a null, negative, zero or absurd SUV.
TEST(SuvCalculator, RefusesImplausibleInputsNamingTheAttribute) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    const char* attribute;
    std::function<void(SuvTags&)> edit;
  };
  const std::vector<Case> cases{
      {"RescaleSlope", [&](SuvTags& t) { t.frames[1].rescaleSlope = nan; }},
      {"RescaleSlope", [&](SuvTags& t) { t.frames[1].rescaleSlope = inf; }},
      {"RescaleSlope", [](SuvTags& t) { t.frames[1].rescaleSlope = -1; }},
      {"RescaleSlope", [](SuvTags& t) { t.frames[1].rescaleSlope = 0; }},
      {"RescaleSlope", [](SuvTags& t) { t.frames[1].rescaleSlope = 1e20; }},
      {"PatientWeight", [](SuvTags& t) { t.patientWeightKg = 1e300; }},
      {"PatientWeight", [&](SuvTags& t) { t.patientWeightKg = inf; }},
      {"PatientWeight", [](SuvTags& t) { t.patientWeightKg = -70; }},
      {"RadionuclideTotalDose", [](SuvTags& t) { t.radionuclideTotalDoseBq = 1e-300; }},
      {"RadionuclideTotalDose", [&](SuvTags& t) { t.radionuclideTotalDoseBq = inf; }},
      {"RadionuclideHalfLife", [](SuvTags& t) { t.radionuclideHalfLifeS = 0.001; }},
      {"RadionuclideHalfLife", [&](SuvTags& t) { t.radionuclideHalfLifeS = inf; }},
      {"ActualFrameDuration", [&](SuvTags& t) { t.frames[0].actualFrameDurationMs = nan; }},
  };
  for (const Case& c : cases) {
    SuvTags t = base();
    c.edit(t);
    const SuvResult r = computeSuv(t);
    EXPECT_EQ(r.errorCode, suv_error::kImplausibleValue) << c.attribute << ": " << r.errorMessage;
    EXPECT_NE(r.errorMessage.find(c.attribute), std::string::npos) << r.errorMessage;
    EXPECT_FALSE(r.bw.factor.has_value());
  }
}

TEST(SuvCalculator, ImplausiblePhilipsScaleFactorsAreRefused) {
  for (const double factor : {-1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    for (const bool suvFactor : {true, false}) {
      SuvTags t = base();
      t.units = "CNTS";
      t.philipsPrivateCreator = kPhilipsPetPrivateCreator;
      (suvFactor ? t.philipsSuvScaleFactor : t.philipsActivityConcentrationScaleFactor) = factor;
      const SuvResult r = computeSuv(t);
      EXPECT_EQ(r.errorCode, suv_error::kImplausibleValue) << factor << ": " << r.errorMessage;
      EXPECT_NE(r.errorMessage.find("Philips"), std::string::npos) << r.errorMessage;
    }
  }
}

TEST(SuvCalculator, PhilipsFactorsWithoutTheirCreatorAreRefusedSayingSo) {
  SuvTags t = base();
  t.units = "CNTS";
  t.philipsFactorsWithoutCreator = true;  // as the IBSI DROs: (7053,1000) with no creator
  const SuvResult r = computeSuv(t);
  EXPECT_EQ(r.errorCode, suv_error::kCntsWithoutScaleFactor);
  EXPECT_NE(r.errorMessage.find("no private creator reserves"), std::string::npos)
      << r.errorMessage;
}

TEST(SuvCalculator, AnImplausibleHeightOnlyDropsTheHeightBasedNormalisations) {
  SuvTags t = base();
  t.patientSizeM = std::numeric_limits<double>::infinity();
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok()) << r.errorMessage;
  ASSERT_TRUE(r.bw.factor.has_value());
  expectRelative(*r.bw.factor, kBaseBw);
  EXPECT_FALSE(r.lbmJames128.factor.has_value());
  EXPECT_FALSE(r.bsa.factor.has_value());
  EXPECT_TRUE(hasWarning(r, "PatientSize (0010,1020) inf"));
}

TEST(SuvCalculator, RefusesANegativeDecayTime) {
  // Injection 12:00 on the same day as a scan at 11:40 (full DT: no midnight rule).
  SuvTags t = base();
  t.radiopharmaceuticalStartDateTime = "20260101120000";
  expectRefused(t, "NEGATIVE_DECAY_TIME");
}

// --- Normalisations (5.4) ---

TEST(SuvCalculator, LeanBodyMassBsaAndIbwFactorsForAMan) {
  // Per-gram factor 1/185e6. James 56.52 kg; Janmahasatian: BMI 70/1.75^2 = 22.857143,
  // 9270*70/(6680 + 216*22.857143) = 55.857108 kg; BSA 18481.430 cm^2;
  // IBW 48 + 1.06*(175-152) = 72.38 kg.
  const SuvResult r = computeSuv(base());
  expectRelative(*r.lbmJames128.factor, 56520.0 / 185e6);
  expectRelative(*r.lbmJanmahasatian.factor, 55857.107722577474 / 185e6);
  expectRelative(*r.bsa.factor, 9.989962260115387e-05);
  expectRelative(*r.ibw.factor, 72380.0 / 185e6);
}

TEST(BodySize, FemaleAndOtherFormulas) {
  // Female 70 kg, 175 cm: James 1.07*70 - 148*0.16 = 51.22; Janmahasatian
  // 9270*70/(8780 + 244*22.857143) = 45.197015; IBW 45.5 + 0.91*23 = 66.43.
  EXPECT_NEAR(*leanBodyMassJames128Kg(70, 175, Sex::Female).value, 51.22, 1e-9);
  EXPECT_NEAR(*leanBodyMassJanmahasatianKg(70, 175, Sex::Female).value, 45.19701492537313, 1e-9);
  EXPECT_NEAR(*idealBodyWeightKg(175, Sex::Female).value, 66.43, 1e-9);
  // "O": mean of male and female (IBSI DRO_2_2): (56.52 + 51.22) / 2 = 53.87.
  EXPECT_NEAR(*leanBodyMassJames128Kg(70, 175, Sex::Other).value, 53.87, 1e-9);
  // A 100 cm child: IBW 48 + 1.06*(100-152) = -7.12 -> no value, with a reason.
  const BodyMeasure child = idealBodyWeightKg(100, Sex::Male);
  EXPECT_FALSE(child.value);
  EXPECT_FALSE(child.reason.empty());
}

TEST(SuvCalculator, WithoutHeightOnlySuvbwIsGiven) {
  SuvTags t = base();
  t.patientSizeM.reset();
  const SuvResult r = computeSuv(t);
  ASSERT_TRUE(r.ok());
  expectRelative(*r.bw.factor, kBaseBw);
  for (const SuvFactor* f : {&r.lbmJames128, &r.lbmJanmahasatian, &r.bsa, &r.ibw}) {
    EXPECT_FALSE(f->factor);
    EXPECT_NE(f->reason.find("PatientSize"), std::string::npos) << f->reason;
  }
}

TEST(SuvCalculator, WithoutSexLeanMassAndIbwAreAbsentButBsaIsGiven) {
  SuvTags t = base();
  t.patientSex = "";
  const SuvResult r = computeSuv(t);
  EXPECT_FALSE(r.lbmJames128.factor);
  EXPECT_FALSE(r.ibw.factor);
  EXPECT_NE(r.ibw.reason.find("PatientSex"), std::string::npos);
  EXPECT_TRUE(r.bsa.factor);
}

}  // namespace
