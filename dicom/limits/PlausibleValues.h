#pragma once

#include <optional>
#include <string>

namespace nbra::dicom {

// A closed range a DICOM value must fall in before NBRA computes with it. Values outside are
// refused with a reason naming the attribute (NaN and infinities are outside every range).
struct PlausibleRange {
  double min;
  double max;
  const char* unit;  // "" when the value has none
};

// The ranges, named, in one place (docs/robustness.md quotes them with their reasons).
namespace plausible {
// Geometry.
inline constexpr PlausibleRange kPixelSpacingMm{0.001, 100.0, "mm"};
inline constexpr PlausibleRange kSliceThicknessMm{0.01, 500.0, "mm"};  // when present (not 0)
inline constexpr PlausibleRange kSliceSpacingMm{0.01, 500.0, "mm"};    // between stacked slices
inline constexpr double kMaxPatientCoordinateMm = 1e4;  // 10 m from the origin: no scanner is
inline constexpr double kOrientationTolerance = 1e-2;   // |row|, |col| = 1 and row . col = 0
// Pixel values.
inline constexpr PlausibleRange kRescaleSlope{1e-12, 1e6, ""};
inline constexpr double kMaxRescaleInterceptAbs = 1e7;
// SUV inputs (after the unit fixes of clinical-rules.md 5: grams, MBq).
inline constexpr PlausibleRange kPatientWeightKg{0.3, 500.0, "kg"};
inline constexpr PlausibleRange kPatientSizeM{0.3, 2.5, "m"};
inline constexpr PlausibleRange kInjectedDoseBq{1e5, 1e11, "Bq"};  // 0.1 MBq to 100 GBq
inline constexpr PlausibleRange kHalfLifeS{10.0, 1e8, "s"};        // O-15 (122 s) to I-125 (5e6 s)
inline constexpr PlausibleRange kPhilipsScaleFactor{1e-12, 1e6, ""};
inline constexpr PlausibleRange kFrameTimeMs{0.0, 1e9, "ms"};  // about 11 days
// Measurements read from an SR.
inline constexpr PlausibleRange kLesionAxisMm{0.0, 1000.0, "mm"};
inline constexpr PlausibleRange kSrSliceThicknessMm{0.01, 500.0, "mm"};
}  // namespace plausible

// nullopt when `value` is inside `range`; else "<name> <value> <unit> is outside the plausible
// range <min>-<max> <unit>" (or "... is not a finite number").
std::optional<std::string> implausible(const std::string& name, double value,
                                       const PlausibleRange& range);

// A number as the messages print it (%g, "NaN", "inf").
std::string formatValue(double value);

}  // namespace nbra::dicom
