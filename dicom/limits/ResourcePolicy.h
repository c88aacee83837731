#pragma once

#include <cstddef>
#include <cstdint>

namespace nbra::dicom {

// What one untrusted file or series may make NBRA spend, in one place. Every loader (headers,
// volumes, NM views, SUV tags, SR import, previews), the image index and the workstation check
// against these before they allocate or recurse; docs/robustness.md explains each number.
struct ResourcePolicy {
  // DCMTK's parser recurses once per nested sequence; 7,500 levels overflow an 8 MiB stack.
  // Real objects nest a few levels (an SR content tree about a dozen), so 64 leaves room.
  int maxSequenceDepth = 64;
  // More frames than any real multi-frame object holds (a 20-minute dynamic at 1 s is 1,200).
  std::int64_t maxFramesPerFile = 65536;
  // Rows and Columns: the largest real images (digital radiographs) are under 5,000.
  int maxRowsOrColumns = 16384;
  // Voxels one volume may hold, counted at 4 bytes each (the float32 worst case), before and
  // after resampling: 2 GiB is a 512 x 512 x 2,048 float volume.
  std::uint64_t maxVolumeBytes = std::uint64_t{2} << 30;
  // Resampling an uneven stack may add slices to fill gaps, but a grid with more than this many
  // times the acquired slices means a position is wrong, not that slices are missing.
  double maxResampledSlicesPerAcquired = 4.0;
  // DCMTK parses on a thread with this much stack (reserved, used only as deep as the file
  // nests): a second line of defence behind the structure walk, about 80,000 levels of DCMTK's
  // recursion against the walk's cap of 64.
  std::size_t parserStackBytes = std::size_t{128} << 20;
  // A deflated dataset is inflated in memory for the structure check; more is refused.
  std::uint64_t maxInflatedBytes = std::uint64_t{512} << 20;
  // The SUVpeak sphere as voxels: 1 cm^3 at 0.1 mm voxels is 1e6; more means a wrong spacing.
  std::uint64_t maxKernelVoxels = 2'000'000;
};

// The policy every loader uses: the defaults above.
inline const ResourcePolicy& resourcePolicy() {
  static const ResourcePolicy policy;
  return policy;
}

}  // namespace nbra::dicom
