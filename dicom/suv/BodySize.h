#pragma once

#include <optional>
#include <string>

namespace nbra::dicom {

// Body-size measures that normalise SUV other than by body weight (clinical-rules.md 5.4,
// formulas verified against IBSI-SUV, CSUV and SLICER). All were derived in adults: for the
// children of this trial SUVbw stays the primary metric (5.4, Q19); these are reported only when
// height and sex are known.
enum class Sex { Male, Female, Other };

// "M", "F", "O" (PatientSex (0010,0040)); anything else is unknown.
std::optional<Sex> parseSex(const std::string& patientSex);

// A value or the reason there is none.
struct BodyMeasure {
  std::optional<double> value;
  std::string reason;
};

// James, DICOM "LBMJAMES128": male 1.10 W - 128 (W/H)^2, female 1.07 W - 148 (W/H)^2 (kg, cm).
BodyMeasure leanBodyMassJames128Kg(double weightKg, double heightCm, Sex sex);
// Janmahasatian, DICOM "LBMJANMA": 9270 W / (6680 + 216 BMI) male, / (8780 + 244 BMI) female.
BodyMeasure leanBodyMassJanmahasatianKg(double weightKg, double heightCm, Sex sex);
// Devine ideal body weight: male 48.0 + 1.06 (H - 152), female 45.5 + 0.91 (H - 152). Not capped
// at the actual weight (SLICER caps; the rules do not).
BodyMeasure idealBodyWeightKg(double heightCm, Sex sex);
// Du Bois body surface area: 0.007184 H^0.725 W^0.425 m^2 (no sex term).
BodyMeasure bodySurfaceAreaM2(double weightKg, double heightCm);

// Sex "O" (other): IBSI DRO_2_2 uses the mean of the male and female values.

}  // namespace nbra::dicom
