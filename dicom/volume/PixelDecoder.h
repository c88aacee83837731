#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "dicom/volume/FrameHeaders.h"

namespace nbra::dicom {

// One frame of a file to decode, and where its modality values go: `destination` receives
// rows x columns values (row by row) converted with the frame's own rescale slope/intercept.
struct FrameTarget {
  int frame = 0;
  const FrameHeader* header = nullptr;
  void* destination = nullptr;  // int16_t* or float*, per `float32`
  bool float32 = false;
  // Set when an int16 destination could not hold a value (it was clamped): load again as float.
  std::atomic<bool>* overflowed = nullptr;
};

// Decodes the given frames of one file: DCMTK for uncompressed, deflate, JPEG, JPEG-LS and RLE,
// GDCM (through ITK) for JPEG 2000. The file is read once, whatever the number of frames.
// Throws VolumeError naming the file.
void decodeFrames(const std::string& path, std::vector<FrameTarget>& targets);

}  // namespace nbra::dicom
