#include "viewer/app/view/ColorMap.h"

#include <algorithm>
#include <cmath>

namespace nbra::viewer {
namespace {

std::uint32_t rgb(double r, double g, double b) {
  auto c = [](double v) { return static_cast<std::uint32_t>(std::clamp(v, 0.0, 1.0) * 255.0 + 0.5); };
  return 0xFF000000u | (c(r) << 16) | (c(g) << 8) | c(b);
}

Lut build(ColorMapKind kind) {
  Lut lut{};
  for (int i = 0; i < 256; ++i) {
    const double t = i / 255.0;
    switch (kind) {
      case ColorMapKind::Grey: lut[static_cast<std::size_t>(i)] = rgb(t, t, t); break;
      case ColorMapKind::InvertedGrey: lut[static_cast<std::size_t>(i)] = rgb(1 - t, 1 - t, 1 - t); break;
      case ColorMapKind::HotIron:  // black -> red -> orange -> yellow -> white
        lut[static_cast<std::size_t>(i)] = rgb(t * 2.0, (t - 0.35) * 2.2, (t - 0.7) * 3.3);
        break;
      case ColorMapKind::Rainbow: {  // blue -> cyan -> green -> yellow -> red
        const double h = (1 - t) * 240.0 / 60.0;
        const double x = 1 - std::abs(std::fmod(h, 2.0) - 1);
        double r = 0, g = 0, b = 0;
        if (h < 1) { r = 1; g = x; } else if (h < 2) { r = x; g = 1; }
        else if (h < 3) { g = 1; b = x; } else { g = x; b = 1; }
        lut[static_cast<std::size_t>(i)] = i == 0 ? rgb(0, 0, 0) : rgb(r, g, b);
        break;
      }
    }
  }
  return lut;
}

}  // namespace

const Lut& lookupTable(ColorMapKind kind) {
  static const Lut grey = build(ColorMapKind::Grey);
  static const Lut inverted = build(ColorMapKind::InvertedGrey);
  static const Lut hot = build(ColorMapKind::HotIron);
  static const Lut rainbow = build(ColorMapKind::Rainbow);
  switch (kind) {
    case ColorMapKind::Grey: return grey;
    case ColorMapKind::InvertedGrey: return inverted;
    case ColorMapKind::HotIron: return hot;
    case ColorMapKind::Rainbow: return rainbow;
  }
  return grey;
}

const char* toString(ColorMapKind kind) {
  switch (kind) {
    case ColorMapKind::Grey: return "grey";
    case ColorMapKind::InvertedGrey: return "inverted grey";
    case ColorMapKind::HotIron: return "hot iron";
    case ColorMapKind::Rainbow: return "rainbow";
  }
  return "grey";
}

}  // namespace nbra::viewer
