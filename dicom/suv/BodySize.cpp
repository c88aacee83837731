#include "dicom/suv/BodySize.h"

#include <cctype>
#include <cmath>

namespace nbra::dicom {
namespace {

std::string trimmedUpper(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// Male and female values, their mean for "O" (IBSI DRO_2_2).
double bySex(Sex sex, double male, double female) {
  switch (sex) {
    case Sex::Male:
      return male;
    case Sex::Female:
      return female;
    case Sex::Other:
      break;
  }
  return (male + female) / 2.0;
}

BodyMeasure positive(double value, const char* what) {
  if (std::isfinite(value) && value > 0) {
    return {value, {}};
  }
  return {std::nullopt, std::string(what) +
                            " formula gives a non-positive value for this "
                            "weight and height"};
}

BodyMeasure checkInputs(double weightKg, double heightCm) {
  if (!(weightKg > 0)) {
    return {std::nullopt, "no patient weight"};
  }
  if (!(heightCm > 0)) {
    return {std::nullopt, "no patient height"};
  }
  return {1.0, {}};
}

}  // namespace

std::optional<Sex> parseSex(const std::string& patientSex) {
  const std::string s = trimmedUpper(patientSex);
  if (s == "M") {
    return Sex::Male;
  }
  if (s == "F") {
    return Sex::Female;
  }
  if (s == "O") {
    return Sex::Other;
  }
  return std::nullopt;
}

BodyMeasure leanBodyMassJames128Kg(double weightKg, double heightCm, Sex sex) {
  if (auto bad = checkInputs(weightKg, heightCm); !bad.value) {
    return bad;
  }
  const double ratio2 = (weightKg / heightCm) * (weightKg / heightCm);
  return positive(bySex(sex, 1.10 * weightKg - 128.0 * ratio2, 1.07 * weightKg - 148.0 * ratio2),
                  "James LBM");
}

BodyMeasure leanBodyMassJanmahasatianKg(double weightKg, double heightCm, Sex sex) {
  if (auto bad = checkInputs(weightKg, heightCm); !bad.value) {
    return bad;
  }
  const double heightM = heightCm / 100.0;
  const double bmi = weightKg / (heightM * heightM);
  return positive(bySex(sex, 9270.0 * weightKg / (6680.0 + 216.0 * bmi),
                        9270.0 * weightKg / (8780.0 + 244.0 * bmi)),
                  "Janmahasatian LBM");
}

BodyMeasure idealBodyWeightKg(double heightCm, Sex sex) {
  if (!(heightCm > 0)) {
    return {std::nullopt, "no patient height"};
  }
  return positive(bySex(sex, 48.0 + 1.06 * (heightCm - 152.0), 45.5 + 0.91 * (heightCm - 152.0)),
                  "ideal body weight");
}

BodyMeasure bodySurfaceAreaM2(double weightKg, double heightCm) {
  if (auto bad = checkInputs(weightKg, heightCm); !bad.value) {
    return bad;
  }
  return positive(0.007184 * std::pow(heightCm, 0.725) * std::pow(weightKg, 0.425), "Du Bois BSA");
}

}  // namespace nbra::dicom
