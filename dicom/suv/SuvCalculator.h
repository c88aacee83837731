#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dicom/suv/DicomDateTime.h"
#include "dicom/suv/SuvTags.h"

namespace nbra::dicom {

// Stable codes for "no SUV at all" (docs/suv.md lists them). Never change a code's meaning.
namespace suv_error {
inline constexpr const char* kNotPet = "NOT_PET";
inline constexpr const char* kNoImages = "NO_IMAGES";
inline constexpr const char* kMissingUnits = "MISSING_UNITS";
inline constexpr const char* kUnsupportedUnits = "UNSUPPORTED_UNITS";
inline constexpr const char* kCntsWithoutScaleFactor = "CNTS_WITHOUT_SCALE_FACTOR";
inline constexpr const char* kUnsupportedSuvType = "UNSUPPORTED_SUV_TYPE";
inline constexpr const char* kNotAttenuationCorrected = "NOT_ATTENUATION_CORRECTED";
inline constexpr const char* kNotDecayCorrected = "NOT_DECAY_CORRECTED";
inline constexpr const char* kUnsupportedDecayCorrection = "UNSUPPORTED_DECAY_CORRECTION";
inline constexpr const char* kNonZeroIntercept = "NONZERO_RESCALE_INTERCEPT";
inline constexpr const char* kNoWeight = "NO_WEIGHT";
inline constexpr const char* kNoBodySize = "NO_BODY_SIZE";
inline constexpr const char* kNoDose = "NO_DOSE";
inline constexpr const char* kNoHalfLife = "NO_HALF_LIFE";
inline constexpr const char* kNoInjectionTime = "NO_INJECTION_TIME";
inline constexpr const char* kNoScanTime = "NO_SCAN_TIME";
inline constexpr const char* kNegativeDecayTime = "NEGATIVE_DECAY_TIME";
// A value SUV is computed from is not a finite number or is outside its plausible range
// (dicom/limits/PlausibleValues.h): weight, dose, half-life, rescale slope, frame times, Philips
// scale factors. The message names the attribute, the value and the file.
inline constexpr const char* kImplausibleValue = "IMPLAUSIBLE_VALUE";
}  // namespace suv_error

// Where the decay reference time came from (clinical-rules.md 5.2, order of Q13).
namespace suv_reference {
inline constexpr const char* kSeriesTime = "series time";
inline constexpr const char* kGePrivate = "GE private scan time";
inline constexpr const char* kBackComputed = "back-computed from FrameReferenceTime";
inline constexpr const char* kEarliestAcquisition = "earliest acquisition";
inline constexpr const char* kAdministration = "administration (ADMIN)";
inline constexpr const char* kFrameAcquisition = "each frame's acquisition (NONE)";
inline constexpr const char* kScannerSuvFactor = "none: scanner SUV scale factor (Philips)";
inline constexpr const char* kAlreadySuv = "none: image already in SUV units";
}  // namespace suv_reference

// One normalisation: a factor that multiplies the RESCALED pixel value (slope and intercept
// already applied, per slice), or the reason there is none.
struct SuvFactor {
  std::optional<double> factor;
  std::string reason;
};

struct SuvResult {
  // Set when no SUV at all is possible; then no factor is set.
  std::string errorCode;
  std::string errorMessage;
  bool ok() const { return errorCode.empty(); }

  std::string units;                           // as found, trimmed and upper case
  std::string decayCorrection;                 // as found
  std::optional<DicomDateTime> referenceTime;  // decay reference t_ref (t_adm for ADMIN)
  std::string referenceTimeSource;             // one of suv_reference
  std::optional<double> decayTimeS;            // t_ref - t_adm when a decay was applied

  // For children SUVbw is the primary metric (clinical-rules.md 5.4, Q19): the others are
  // adult-derived and only shown when height and sex are present.
  SuvFactor bw;                // g/ml
  SuvFactor lbmJames128;       // g/ml ("suvlbm")
  SuvFactor lbmJanmahasatian;  // g/ml
  SuvFactor bsa;               // cm^2/ml
  SuvFactor ibw;               // g/ml

  // SUVbw factor of each entry of SuvTags::frames (same order). Equal to bw.factor except with
  // DecayCorrection NONE, where every frame has its own decay; the other normalisations scale
  // it by the same ratio (factor / bw.factor).
  std::vector<double> frameBwFactors;

  std::vector<std::string> warnings;
};

// Pure: no file access, no DCMTK. Implements clinical-rules.md section 5.1-5.4 exactly.
SuvResult computeSuv(const SuvTags& tags);

}  // namespace nbra::dicom
