#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nbra::dicom {

// An 8-bit display rendering of one frame: grey (1 channel) or RGB (3 channels, interleaved),
// rows top to bottom. For the study browser's quick look, not for reading or measuring.
struct PreviewImage {
  int width = 0;
  int height = 0;
  int channels = 1;
  std::vector<std::uint8_t> pixels;
  std::string windowSource;  // "file window" | "histogram" | "colour"
};

// Either an image or the reason there is none (named file, plain words).
struct PreviewResult {
  PreviewImage image;
  std::string error;
  bool ok() const { return error.empty(); }
};

// Renders `frame` (0-based) of a file with the file's first VOI window, or a histogram window
// that ignores the extreme 1 % when the file has none.
PreviewResult renderPreview(const std::string& path, int frame = 0);

}  // namespace nbra::dicom
