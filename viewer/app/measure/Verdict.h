#pragma once

#include <string>

#include "scoring/recist/Measurability.h"
#include "viewer/app/measure/Measurement.h"

namespace nbra::viewer {

// How a label is coloured. The words always say the same thing: colour is never the only cue.
enum class VerdictTone { Measurable, NonTarget, TooSmall, Neutral };

// The RECIST 1.1 verdict on one mark, decided by the rules engine (scoring/recist), never by
// thresholds of the viewer's own.
struct Verdict {
  VerdictTone tone = VerdictTone::Neutral;
  std::optional<nbra::scoring::Measurability> measurability;  // none for points, unfinished nodes
  std::string text;  // "18.4 mm — measurable", "8.2 mm — too small (< 10 mm)"
};

// Lengths are rounded to the nearest 0.1 mm, the precision shown on the label, before the rules
// see them: the number a reader sees and the number judged are the same (9.96 mm shows 10.0 and
// is measurable). `sliceThicknessMm` is the series' (see SliceThickness.h).
Verdict judge(const Measurement& m, double sliceThicknessMm);

// Millimetres to the rules engine's tenths, rounded half away from zero.
nbra::scoring::Tenths roundToTenths(double mm);

}  // namespace nbra::viewer
