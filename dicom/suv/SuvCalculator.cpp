#include "dicom/suv/SuvCalculator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "dicom/limits/PlausibleValues.h"
#include "dicom/suv/BodySize.h"

namespace nbra::dicom {
namespace {

using std::chrono::duration;
using std::chrono::microseconds;

constexpr double kLn2 = 0.69314718055994530942;
// IBSI found doses stored in MBq (DRO_3_0: 368.08); a real Bq dose is never below 1e5 Bq
// (0.1 MBq). clinical-rules.md 5.1 [D threshold].
constexpr double kMbqDoseThreshold = 1e5;
constexpr double kGramsWeightThreshold = 1000.0;  // IBSI: weight above 1000 "kg" is grams

std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) {
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) {
    return {};
  }
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

bool hasValue(const std::vector<std::string>& values, std::initializer_list<const char*> wanted) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
    const std::string c = clean(v);
    return std::any_of(wanted.begin(), wanted.end(), [&](const char* w) { return c == w; });
  });
}

double seconds(microseconds us) {
  return duration<double>(us).count();
}

std::string number(double value) {
  std::ostringstream s;
  s.precision(10);
  s << value;
  return s.str();
}

SuvResult refuse(SuvResult r, const char* code, std::string message) {
  r.errorCode = code;
  r.errorMessage = std::move(message);
  r.bw = r.lbmJames128 = r.lbmJanmahasatian = r.bsa = r.ibw = SuvFactor{};
  r.frameBwFactors.clear();
  r.referenceTime.reset();
  r.decayTimeS.reset();
  return r;
}

// Acquisition start of one frame: AcquisitionDateTime, else AcquisitionDate (or SeriesDate)
// + AcquisitionTime. Full date-times always: never a time of day alone (5.8 pitfall 1).
std::optional<DicomDateTime> acquisitionOf(const SuvFrameTags& frame, const SuvTags& tags) {
  if (!frame.acquisitionDateTime.empty()) {
    if (auto dt = parseDicomDateTime(frame.acquisitionDateTime)) {
      return dt;
    }
  }
  auto date = parseDicomDate(frame.acquisitionDate);
  if (!date) {
    date = parseDicomDate(tags.seriesDate);
  }
  const auto time = parseDicomTime(frame.acquisitionTime);
  if (!date || !time) {
    return std::nullopt;
  }
  return combineDateTime(*date, *time);
}

bool before(const DicomDateTime& a, const DicomDateTime& b) {
  return elapsed(a, b).count() > 0;
}

// Average-decay time within a frame of length T: T_ave = (1/lambda) ln(lambda T / (1 - e^-lambda
// T)) (QIBA, IBSI). Decay-corrected-to-START images encode t_start = t_acq + T_ave - FRT.
double averageDecayTimeS(double lambda, double frameDurationS) {
  const double x = lambda * frameDurationS;
  return std::log(x / -std::expm1(-x)) / lambda;
}

// Decay during a frame: lambda T / (1 - e^-lambda T) -> 1 for T -> 0.
double inFrameDecayFactor(double lambda, double frameDurationS) {
  const double x = lambda * frameDurationS;
  return x > 0 ? x / -std::expm1(-x) : 1.0;
}

// Body-size normalisers in "per gram" units: W, LBM, IBW in g, BSA in cm^2 (so SUVbsa is in
// cm^2/ml, matching Units CM2ML).
struct Normalisers {
  BodyMeasure weightG;
  BodyMeasure lbmJamesG;
  BodyMeasure lbmJanmaG;
  BodyMeasure bsaCm2;
  BodyMeasure ibwG;
};

BodyMeasure scaled(BodyMeasure m, double by) {
  if (m.value) {
    *m.value *= by;
  }
  return m;
}

Normalisers normalisers(const SuvTags& tags, SuvResult& r) {
  Normalisers n;
  std::optional<double> weightKg = tags.patientWeightKg;
  if (weightKg && *weightKg > kGramsWeightThreshold) {
    r.warnings.push_back("PatientWeight " + number(*weightKg) +
                         " is above 1000: taken as grams (IBSI)");
    *weightKg /= 1000.0;
  }
  if (!weightKg || !(*weightKg > 0)) {
    n.weightG.reason = weightKg ? "PatientWeight (0010,1030) is 0" : "no PatientWeight (0010,1030)";
    n.lbmJamesG = n.lbmJanmaG = n.bsaCm2 = n.ibwG = n.weightG;
    return n;
  }
  n.weightG.value = *weightKg * 1000.0;

  std::optional<double> heightCm;
  if (tags.patientSizeM && *tags.patientSizeM != 0) {
    double cm = *tags.patientSizeM * 100.0;
    if (*tags.patientSizeM > 3.0) {  // [D] a height in cm written into the metres field
      cm = *tags.patientSizeM;
      r.warnings.push_back("PatientSize " + number(*tags.patientSizeM) +
                           " is above 3 m: taken as centimetres");
    }
    // Height only feeds the adult-derived normalisations: an absurd one drops them (with a
    // warning), SUVbw stands.
    if (auto p = implausible("PatientSize (0010,1020)", cm / 100.0, plausible::kPatientSizeM)) {
      r.warnings.push_back(*p + ": SUVlbm, SUVbsa and SUVibw are not computed");
    } else {
      heightCm = cm;
    }
  }
  const auto sex = parseSex(tags.patientSex);
  const std::string noHeight = "no PatientSize (0010,1020)";
  const std::string noSex = "no PatientSex (0010,0040) M, F or O";
  if (!heightCm) {
    n.lbmJamesG.reason = n.lbmJanmaG.reason = n.bsaCm2.reason = n.ibwG.reason = noHeight;
  } else {
    n.bsaCm2 = scaled(bodySurfaceAreaM2(*weightKg, *heightCm), 1e4);
    if (!sex) {
      n.lbmJamesG.reason = n.lbmJanmaG.reason = n.ibwG.reason = noSex;
    } else {
      n.lbmJamesG = scaled(leanBodyMassJames128Kg(*weightKg, *heightCm, *sex), 1000.0);
      n.lbmJanmaG = scaled(leanBodyMassJanmahasatianKg(*weightKg, *heightCm, *sex), 1000.0);
      n.ibwG = scaled(idealBodyWeightKg(*heightCm, *sex), 1000.0);
    }
  }
  return n;
}

// Fills every normalisation from "activity per gram-equivalent": factor_X = perUnit * N_X.
void fillFactors(SuvResult& r, const Normalisers& n, double perUnit) {
  auto one = [perUnit](const BodyMeasure& m) {
    SuvFactor f;
    if (m.value) {
      f.factor = perUnit * *m.value;
    } else {
      f.reason = m.reason;
    }
    return f;
  };
  r.bw = one(n.weightG);
  r.lbmJames128 = one(n.lbmJamesG);
  r.lbmJanmahasatian = one(n.lbmJanmaG);
  r.bsa = one(n.bsaCm2);
  r.ibw = one(n.ibwG);
}

// Images already in SUV units (GML with SUVType, or CM2ML = SUVbsa): pixel = A_c N_T / D, so
// factor_X = N_X / N_T. No dose or time is needed.
SuvResult fromSuvImage(SuvResult r, const SuvTags& tags, const Normalisers& n) {
  const BodyMeasure* stored = nullptr;
  std::string typeName;
  if (r.units == "CM2ML") {
    stored = &n.bsaCm2;
    typeName = "BSA (Units CM2ML)";
  } else {
    const std::string type = clean(tags.suvType);
    typeName = "SUVType " + (type.empty() ? std::string("BW (default)") : type);
    if (type.empty() || type == "BW") {
      stored = &n.weightG;
    } else if (type == "LBMJAMES128") {
      stored = &n.lbmJamesG;
    } else if (type == "LBMJANMA") {
      stored = &n.lbmJanmaG;
    } else if (type == "IBW") {
      stored = &n.ibwG;
    } else if (type == "BSA") {
      stored = &n.bsaCm2;
    } else if (type == "LBM") {
      // DICOM "LBM" is the James formula with 120 ("Morgan", CSUV): 5.4. Converting it needs
      // that exact formula, which we do not offer as an output: refuse rather than guess.
      return refuse(r, suv_error::kUnsupportedSuvType,
                    "GML image with SUVType LBM (James 120 variant): conversion to SUVbw not "
                    "supported; no SUV");
    } else {
      return refuse(r, suv_error::kUnsupportedSuvType,
                    "GML image with unknown SUVType (0054,1006) '" + type + "'; no SUV");
    }
  }
  r.referenceTimeSource = suv_reference::kAlreadySuv;
  if (stored == &n.weightG && !n.weightG.value) {
    // SUVbw image: SUVbw needs nothing, the others need the weight.
    fillFactors(r, n, 0.0);
    r.bw = SuvFactor{1.0, {}};
  } else if (!stored->value) {
    return refuse(r, suv_error::kNoBodySize,
                  "image stored as " + typeName +
                      " but its normaliser is unknown: " + stored->reason + "; no SUV");
  } else {
    fillFactors(r, n, 1.0 / *stored->value);
  }
  r.frameBwFactors.assign(tags.frames.size(), *r.bw.factor);
  return r;
}

struct Injection {
  std::optional<DicomDateTime> time;
  bool timeOfDayOnly = false;  // from RadiopharmaceuticalStartTime: midnight rule applies
  std::string problem;
};

Injection injectionTime(const SuvTags& tags, const std::optional<DicomDateTime>& earliestAcq,
                        SuvResult& r) {
  Injection inj;
  if (!tags.radiopharmaceuticalStartDateTime.empty()) {
    inj.time = parseDicomDateTime(tags.radiopharmaceuticalStartDateTime);
    if (inj.time) {
      return inj;
    }
    r.warnings.push_back("RadiopharmaceuticalStartDateTime '" +
                         tags.radiopharmaceuticalStartDateTime +
                         "' is not a valid DT: using RadiopharmaceuticalStartTime");
  }
  if (tags.radiopharmaceuticalStartTime.empty()) {
    inj.problem =
        "no RadiopharmaceuticalStartDateTime (0018,1078) or RadiopharmaceuticalStartTime "
        "(0018,1072) in RadiopharmaceuticalInformationSequence";
    return inj;
  }
  const auto tod = parseDicomTime(tags.radiopharmaceuticalStartTime);
  if (!tod) {
    inj.problem = "RadiopharmaceuticalStartTime '" + tags.radiopharmaceuticalStartTime +
                  "' is not a valid TM";
    return inj;
  }
  auto date = parseDicomDate(tags.seriesDate);
  if (!date && earliestAcq) {
    date = std::chrono::floor<std::chrono::days>(earliestAcq->wallClock);
    r.warnings.push_back("no valid SeriesDate: injection date taken from the acquisition date");
  }
  if (!date) {
    inj.problem = "RadiopharmaceuticalStartTime has no date (no SeriesDate or AcquisitionDate)";
    return inj;
  }
  inj.time = combineDateTime(*date, *tod);
  inj.timeOfDayOnly = true;
  return inj;
}

// 5.1: a time-of-day injection later than the scan was the day before (IBSI DRO_4_2).
void applyMidnightRule(Injection& inj, const DicomDateTime& scan, SuvResult& r) {
  if (inj.timeOfDayOnly && before(scan, *inj.time)) {
    inj.time->wallClock -= std::chrono::days{1};
    r.warnings.push_back(
        "injection time of day is after the scan time: injection taken as the "
        "previous day (midnight crossing)");
  }
}

}  // namespace

// Every number SUV is computed from, checked before it is used (after the documented unit fixes:
// a weight above 1000 is grams, a dose below 1e5 is MBq). The first problem, or nullopt.
std::optional<std::string> implausibleInput(const SuvTags& tags, bool cnts) {
  for (const auto& frame : tags.frames) {
    const std::string in = " in " + frame.source;
    if (auto p =
            implausible("RescaleSlope (0028,1053)", frame.rescaleSlope, plausible::kRescaleSlope)) {
      return *p + in;
    }
    if (frame.frameReferenceTimeMs) {
      if (auto p = implausible("FrameReferenceTime (0054,1300)", *frame.frameReferenceTimeMs,
                               plausible::kFrameTimeMs)) {
        return *p + in;
      }
    }
    if (frame.actualFrameDurationMs) {
      if (auto p = implausible("ActualFrameDuration (0018,1242)", *frame.actualFrameDurationMs,
                               plausible::kFrameTimeMs)) {
        return *p + in;
      }
    }
  }
  if (tags.patientWeightKg && *tags.patientWeightKg != 0) {
    const double kg = *tags.patientWeightKg > kGramsWeightThreshold ? *tags.patientWeightKg / 1000.0
                                                                    : *tags.patientWeightKg;
    if (auto p = implausible("PatientWeight (0010,1030)", kg, plausible::kPatientWeightKg))
      return p;
  }
  if (tags.radionuclideTotalDoseBq && *tags.radionuclideTotalDoseBq != 0) {
    const double bq = *tags.radionuclideTotalDoseBq < kMbqDoseThreshold
                          ? *tags.radionuclideTotalDoseBq * 1e6
                          : *tags.radionuclideTotalDoseBq;
    if (auto p = implausible("RadionuclideTotalDose (0018,1074)", bq, plausible::kInjectedDoseBq)) {
      return p;
    }
  }
  if (tags.radionuclideHalfLifeS && *tags.radionuclideHalfLifeS != 0) {
    if (auto p = implausible("RadionuclideHalfLife (0018,1075)", *tags.radionuclideHalfLifeS,
                             plausible::kHalfLifeS)) {
      return p;
    }
  }
  if (cnts) {
    for (const auto& [name, value] :
         {std::pair{"Philips SUV Scale Factor (7053,1000)", tags.philipsSuvScaleFactor},
          std::pair{"Philips Activity Concentration Scale Factor (7053,1009)",
                    tags.philipsActivityConcentrationScaleFactor}}) {
      if (value && *value != 0) {
        if (auto p = implausible(name, *value, plausible::kPhilipsScaleFactor))
          return p;
      }
    }
  }
  return std::nullopt;
}

SuvResult computeSuv(const SuvTags& tags) {
  SuvResult r;
  r.units = clean(tags.units);
  r.decayCorrection = clean(tags.decayCorrection);

  if (clean(tags.modality) != "PT") {
    return refuse(r, suv_error::kNotPet,
                  "Modality is '" + tags.modality + "', not PT: SUV applies to PET only");
  }
  if (tags.frames.empty()) {
    return refuse(r, suv_error::kNoImages, "the series has no images");
  }
  // IBSI excludes series with a non-zero intercept: the factor must scale the whole value.
  for (const auto& frame : tags.frames) {
    if (frame.rescaleIntercept != 0.0) {
      return refuse(r, suv_error::kNonZeroIntercept,
                    "RescaleIntercept (0028,1052) is " + number(frame.rescaleIntercept) + " in " +
                        frame.source + "; SUV needs intercept 0 (IBSI)");
    }
  }
  if (auto problem = implausibleInput(tags, clean(tags.units) == "CNTS")) {
    return refuse(r, suv_error::kImplausibleValue, *problem + ": no SUV");
  }
  // 5.8 pitfall 5: a non-attenuation-corrected series is never quantitative.
  if (!hasValue(tags.correctedImage, {"ATTN"})) {
    return refuse(r, suv_error::kNotAttenuationCorrected,
                  "CorrectedImage (0028,0051) has no ATTN: the series is not attenuation "
                  "corrected; no SUV");
  }

  // 5.3 Units.
  enum class Path { Activity, PhilipsSuv, SuvImage } path = Path::Activity;
  double activityScale = 1.0;  // multiplies the rescaled value to give Bq/ml
  const bool philips = clean(tags.philipsPrivateCreator) == clean(kPhilipsPetPrivateCreator);
  if (r.units.empty()) {
    return refuse(r, suv_error::kMissingUnits, "no Units (0054,1001): no SUV");
  } else if (r.units == "BQML") {
    // Q14: Philips private factors are NOT applied to BQML (QIBA, IBSI, CSUV).
  } else if (r.units == "CNTS") {
    if (philips && tags.philipsSuvScaleFactor && *tags.philipsSuvScaleFactor != 0.0) {
      path = Path::PhilipsSuv;
    } else if (philips && tags.philipsActivityConcentrationScaleFactor &&
               *tags.philipsActivityConcentrationScaleFactor != 0.0) {
      activityScale = *tags.philipsActivityConcentrationScaleFactor;
    } else {
      return refuse(
          r, suv_error::kCntsWithoutScaleFactor,
          std::string("Units CNTS without a Philips private SUV Scale Factor (7053,1000) or "
                      "Activity Concentration Scale Factor (7053,1009) of creator 'Philips PET "
                      "Private Group'") +
              (tags.philipsFactorsWithoutCreator
                   ? " (the elements are present, but no private creator reserves "
                     "their block, so nothing says they are Philips' factors)"
                   : "") +
              ": no SUV");
    }
  } else if (r.units == "GML" || r.units == "CM2ML") {
    path = Path::SuvImage;
  } else {
    return refuse(r, suv_error::kUnsupportedUnits,
                  "Units (0054,1001) " + r.units +
                      " cannot be converted to SUV (supported: BQML, CNTS with Philips factors, "
                      "GML, CM2ML)");
  }

  const Normalisers n = normalisers(tags, r);
  if (path == Path::SuvImage) {
    return fromSuvImage(std::move(r), tags, n);
  }
  if (path == Path::PhilipsSuv) {
    // The scanner's SUVbw factor; the other normalisations scale it by N_X / W.
    r.referenceTimeSource = suv_reference::kScannerSuvFactor;
    const double f = *tags.philipsSuvScaleFactor;
    if (n.weightG.value) {
      fillFactors(r, n, f / *n.weightG.value);
    } else {
      fillFactors(r, n, 0.0);
    }
    r.bw = SuvFactor{f, {}};
    r.frameBwFactors.assign(tags.frames.size(), f);
    return r;
  }

  // Activity concentration (Bq/ml) path: 5.1, 5.2.
  if (!n.weightG.value) {
    return refuse(r, suv_error::kNoWeight, n.weightG.reason + ": no SUV");
  }
  if (!tags.radionuclideTotalDoseBq || !(*tags.radionuclideTotalDoseBq > 0)) {
    return refuse(r, suv_error::kNoDose,
                  "no positive RadionuclideTotalDose (0018,1074) in "
                  "RadiopharmaceuticalInformationSequence: no SUV");
  }
  double doseBq = *tags.radionuclideTotalDoseBq;
  if (doseBq < kMbqDoseThreshold) {
    r.warnings.push_back("RadionuclideTotalDose " + number(doseBq) +
                         " is below 1e5: taken as MBq (please confirm the injected activity)");
    doseBq *= 1e6;
  }
  const bool decayCorrected = hasValue(tags.correctedImage, {"DECY", "DECAY"});
  if (r.decayCorrection != "START" && r.decayCorrection != "ADMIN" && r.decayCorrection != "NONE") {
    return refuse(r, suv_error::kUnsupportedDecayCorrection,
                  "DecayCorrection (0054,1102) '" + r.decayCorrection +
                      "' is not START, ADMIN or NONE: no SUV");
  }
  if (r.decayCorrection != "NONE" && !decayCorrected) {
    return refuse(r, suv_error::kNotDecayCorrected,
                  "DecayCorrection " + r.decayCorrection +
                      " but CorrectedImage (0028,0051) has no DECY: no SUV");
  }

  // Every frame's acquisition start, and the earliest.
  std::vector<std::optional<DicomDateTime>> acquisitions;
  std::optional<DicomDateTime> earliestAcq;
  std::size_t earliestIndex = 0;
  for (std::size_t i = 0; i < tags.frames.size(); ++i) {
    acquisitions.push_back(acquisitionOf(tags.frames[i], tags));
    if (acquisitions.back() && (!earliestAcq || before(*acquisitions.back(), *earliestAcq))) {
      earliestAcq = acquisitions.back();
      earliestIndex = i;
    }
  }
  Injection inj = injectionTime(tags, earliestAcq, r);

  // ADMIN: already decay corrected to the administration: D_ref = D_adm, no decay (Horos #653).
  if (r.decayCorrection == "ADMIN") {
    r.referenceTime = inj.time;
    r.referenceTimeSource = suv_reference::kAdministration;
    fillFactors(r, n, activityScale / doseBq);
    r.frameBwFactors.assign(tags.frames.size(), *r.bw.factor);
    return r;
  }

  if (!tags.radionuclideHalfLifeS || !(*tags.radionuclideHalfLifeS > 0)) {
    return refuse(r, suv_error::kNoHalfLife,
                  "no positive RadionuclideHalfLife (0018,1075): no decay correction, no SUV");
  }
  const double lambda = kLn2 / *tags.radionuclideHalfLifeS;
  if (!inj.time) {
    return refuse(r, suv_error::kNoInjectionTime, inj.problem + ": no SUV");
  }

  if (r.decayCorrection == "NONE") {
    // Per frame (IBSI): SUVbw = A_c W / D_adm * lambda T/(1-e^-lambda T) * e^{lambda (t_acq -
    // t_adm)}.
    if (!earliestAcq) {
      return refuse(r, suv_error::kNoScanTime,
                    "DecayCorrection NONE needs every frame's acquisition time; none is valid");
    }
    applyMidnightRule(inj, *earliestAcq, r);
    bool missingDuration = false;
    for (std::size_t i = 0; i < tags.frames.size(); ++i) {
      if (!acquisitions[i]) {
        return refuse(
            r, suv_error::kNoScanTime,
            "DecayCorrection NONE and no valid acquisition date/time in " + tags.frames[i].source);
      }
      const double decayS = seconds(elapsed(*inj.time, *acquisitions[i]));
      if (decayS < 0) {
        return refuse(r, suv_error::kNegativeDecayTime,
                      "acquisition of " + tags.frames[i].source +
                          " is before the injection: negative decay time, no SUV");
      }
      const double durationS = tags.frames[i].actualFrameDurationMs.value_or(0.0) / 1000.0;
      missingDuration = missingDuration || !(durationS > 0);
      const double frameFactor = activityScale * *n.weightG.value / doseBq *
                                 inFrameDecayFactor(lambda, std::max(durationS, 0.0)) *
                                 std::exp(lambda * decayS);
      r.frameBwFactors.push_back(frameFactor);
    }
    if (missingDuration) {
      r.warnings.push_back(
          "ActualFrameDuration missing on some frames: decay during those "
          "frames ignored");
    }
    r.referenceTime = earliestAcq;
    r.referenceTimeSource = suv_reference::kFrameAcquisition;
    r.decayTimeS = seconds(elapsed(*inj.time, *earliestAcq));
    r.warnings.push_back(
        "DecayCorrection NONE: every frame has its own factor; the factors "
        "shown are those of the earliest frame");
    fillFactors(r, n, r.frameBwFactors[earliestIndex] / *n.weightG.value);
    return r;
  }

  // START: the reference time, in the order of Q13.
  std::optional<DicomDateTime> tRef;
  const auto seriesDate = parseDicomDate(tags.seriesDate);
  const auto seriesTod = parseDicomTime(tags.seriesTime);
  if (seriesDate && seriesTod) {
    const DicomDateTime series = combineDateTime(*seriesDate, *seriesTod);
    if (!earliestAcq || !before(*earliestAcq, series)) {
      tRef = series;
      r.referenceTimeSource = suv_reference::kSeriesTime;
    } else {
      r.warnings.push_back(
          "SeriesDate/Time is after the earliest acquisition (post-processed "
          "series?): not used as the decay reference");
    }
  }
  if (!tRef && clean(tags.gePrivateCreator) == kGePetPrivateCreator) {
    if (auto ge = parseDicomDateTime(tags.geScanDateTime)) {
      tRef = ge;
      r.referenceTimeSource = suv_reference::kGePrivate;
    }
  }
  if (!tRef) {
    // Back-compute every usable frame; the earliest-acquired one is the reference.
    std::optional<DicomDateTime> chosen;
    std::optional<DicomDateTime> lowest;
    std::optional<DicomDateTime> highest;
    std::optional<DicomDateTime> chosenAcq;
    for (std::size_t i = 0; i < tags.frames.size(); ++i) {
      const auto& f = tags.frames[i];
      const double frtMs = f.frameReferenceTimeMs.value_or(0.0);
      const double durMs = f.actualFrameDurationMs.value_or(0.0);
      if (!(frtMs > 0) || !(durMs > 0) || !acquisitions[i]) {
        continue;
      }
      const double offsetS = averageDecayTimeS(lambda, durMs / 1000.0) - frtMs / 1000.0;
      DicomDateTime start = *acquisitions[i];
      start.wallClock += std::chrono::round<microseconds>(duration<double>(offsetS));
      if (!chosenAcq || before(*acquisitions[i], *chosenAcq)) {
        chosenAcq = acquisitions[i];
        chosen = start;
      }
      if (!lowest || before(start, *lowest)) {
        lowest = start;
      }
      if (!highest || before(*highest, start)) {
        highest = start;
      }
    }
    if (chosen) {
      tRef = chosen;
      r.referenceTimeSource = suv_reference::kBackComputed;
      if (seconds(elapsed(*lowest, *highest)) > 1.0) {
        r.warnings.push_back("frames back-compute to different decay reference times (spread " +
                             number(seconds(elapsed(*lowest, *highest))) +
                             " s): the earliest-acquired frame's is used");
      }
    }
  }
  if (!tRef && earliestAcq) {
    tRef = earliestAcq;
    r.referenceTimeSource = suv_reference::kEarliestAcquisition;
  }
  if (!tRef) {
    return refuse(r, suv_error::kNoScanTime,
                  "DecayCorrection START but no series, GE private or acquisition date/time: no "
                  "decay reference time, no SUV");
  }
  applyMidnightRule(inj, *tRef, r);
  const double decayS = seconds(elapsed(*inj.time, *tRef));
  if (decayS < 0) {
    return refuse(r, suv_error::kNegativeDecayTime,
                  "injection (" + toIso8601(*inj.time) + ") is after the decay reference time (" +
                      toIso8601(*tRef) +
                      "): negative decay time (clock or time-zone error?), "
                      "no SUV");
  }
  if (decayS > 86400.0) {
    r.warnings.push_back("decay time " + number(decayS / 3600.0) +
                         " h is over a day: check the injection date and time");
  }
  r.referenceTime = tRef;
  r.decayTimeS = decayS;
  const double doseAtRefBq = doseBq * std::exp(-lambda * decayS);
  fillFactors(r, n, activityScale / doseAtRefBq);
  r.frameBwFactors.assign(tags.frames.size(), *r.bw.factor);
  return r;
}

}  // namespace nbra::dicom
