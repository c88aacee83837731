#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace nbra::viewer {

enum class ColorMapKind { Grey, InvertedGrey, HotIron, Rainbow };

using Lut = std::array<std::uint32_t, 256>;  // 0xAARRGGBB, alpha 255

const Lut& lookupTable(ColorMapKind kind);
const char* toString(ColorMapKind kind);

// Window/level to a 0..255 index (DICOM's linear VOI function, simplified to the window's ends).
inline int windowIndex(double value, double window, double level) {
  const double low = level - window / 2;
  const double t = window > 0 ? (value - low) / window : (value >= level ? 1.0 : 0.0);
  const int i = static_cast<int>(t * 255.0 + 0.5);
  return i < 0 ? 0 : (i > 255 ? 255 : i);
}

// Named window/level presets. Values are in the displayed unit (HU for CT, SUVbw for PET).
struct WindowPreset {
  const char* name;
  double window;
  double level;
};
inline constexpr std::array<WindowPreset, 5> kCtPresets{{
    {"soft tissue", 400, 40},
    {"lung", 1500, -600},
    {"bone", 2000, 300},
    {"brain", 80, 40},
    {"liver", 150, 60},
}};
inline constexpr std::array<WindowPreset, 3> kPetPresets{{
    {"SUV 0-5", 5, 2.5},
    {"SUV 0-10", 10, 5},
    {"SUV 0-15", 15, 7.5},
}};

}  // namespace nbra::viewer
