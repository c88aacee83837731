#pragma once

#include <algorithm>

#include "dicom/nm/NmViews.h"

namespace nbra::mibg::testing {

inline void fillRect(nbra::dicom::PlanarImage& img, double x0, double y0, double x1, double y1,
                     float v) {
  for (int y = std::max(0, static_cast<int>(y0));
       y < std::min<int>(img.height, static_cast<int>(y1)); ++y) {
    for (int x = std::max(0, static_cast<int>(x0));
         x < std::min<int>(img.width, static_cast<int>(x1)); ++x) {
      img.values[static_cast<std::size_t>(y * img.width + x)] = v;
    }
  }
}

// A drawn child in typical proportions: head 40-160, neck to 195, trunk 195-458 with the arms
// touching it to row 270 and apart from it down to the fingertips at 491, legs apart below the
// crotch at 458, narrowing at the knees (610), soles at 780.
inline nbra::dicom::PlanarImage drawnBody() {
  nbra::dicom::PlanarImage img;
  img.width = 200;
  img.height = 820;
  img.rowSpacingMm = img.columnSpacingMm = 2;
  img.values.assign(static_cast<std::size_t>(img.width * img.height), 0.2f);
  fillRect(img, 70, 40, 130, 160, 30);   // head
  fillRect(img, 85, 160, 115, 195, 30);  // neck
  fillRect(img, 60, 195, 140, 458, 40);  // trunk
  fillRect(img, 40, 200, 60, 270, 12);   // arms touching the trunk
  fillRect(img, 140, 200, 160, 270, 12);
  fillRect(img, 36, 270, 54, 491, 12);  // then apart from it
  fillRect(img, 146, 270, 164, 491, 12);
  fillRect(img, 62, 458, 98, 610, 20);  // thighs
  fillRect(img, 102, 458, 138, 610, 20);
  fillRect(img, 68, 610, 94, 781, 15);  // lower legs
  fillRect(img, 106, 610, 132, 781, 15);
  return img;
}

}  // namespace nbra::mibg::testing
