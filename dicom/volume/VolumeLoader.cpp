#include "dicom/volume/VolumeLoader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <thread>

#include "dicom/index/HeaderReader.h"
#include "dicom/limits/PlausibleValues.h"
#include "dicom/limits/ResourcePolicy.h"
#include "dicom/volume/FrameHeaders.h"
#include "dicom/volume/PixelDecoder.h"
#include "dicom/volume/Resample.h"
#include "dicom/volume/StackGeometry.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

// Runs `work(i)` for i in [0, count) on `threads` threads; the first exception wins and is
// rethrown on the caller's thread.
template <typename Work>
void parallelFor(std::size_t count, unsigned threads, Work&& work) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto run = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard lock(failureMutex);
        if (!failure)
          failure = std::current_exception();
        next = count;  // stop handing out work
      }
    }
  };
  const unsigned helpers =
      std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(count, 1))) - 1;
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < helpers; ++t)
      pool.emplace_back(run);
    run();
  }
  if (failure)
    std::rethrow_exception(failure);
}

unsigned threadCount(const LoadOptions& options) {
  return options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
}

// int16 can hold the modality values when the rescale is an integer shift of at most 16-bit
// stored values; whether the actual values fit is checked while decoding (a value that does not
// fit makes the loader decode again as float32, so nothing is ever clamped).
bool mayFitInt16(const FrameHeader& h) {
  return h.rescaleSlope == 1.0 && h.rescaleIntercept == std::floor(h.rescaleIntercept) &&
         std::abs(h.rescaleIntercept) < 65536 && h.bitsStored <= 16;
}

std::string describeSeries(const std::vector<FrameHeader>& frames) {
  std::map<std::string, int> uids;
  for (const auto& f : frames)
    ++uids[f.seriesInstanceUid];
  std::string text;
  for (const auto& [uid, count] : uids) {
    text += (text.empty() ? "" : ", ") + uid + " (" + std::to_string(count) + " frames)";
  }
  return text;
}

void decodeInto(Volume& volume, const std::vector<const FrameHeader*>& ordered, bool asInt16,
                std::atomic<bool>* overflowed, unsigned threads, const LoadOptions& options) {
  volume.pixelType = asInt16 ? PixelType::Int16 : PixelType::Float32;
  const std::size_t sliceSize = volume.dimensions[0] * volume.dimensions[1];
  volume.int16Voxels.clear();
  volume.float32Voxels.clear();
  if (asInt16) {
    volume.int16Voxels.resize(sliceSize * ordered.size());
  } else {
    volume.float32Voxels.resize(sliceSize * ordered.size());
  }
  std::map<std::string, std::vector<FrameTarget>> byFile;
  for (std::size_t z = 0; z < ordered.size(); ++z) {
    FrameTarget target;
    target.frame = ordered[z]->frame;
    target.header = ordered[z];
    target.float32 = !asInt16;
    target.overflowed = overflowed;
    target.destination = asInt16 ? static_cast<void*>(volume.int16Voxels.data() + z * sliceSize)
                                 : static_cast<void*>(volume.float32Voxels.data() + z * sliceSize);
    byFile[ordered[z]->path].push_back(target);
  }
  std::vector<std::pair<const std::string*, std::vector<FrameTarget>*>> jobs;
  for (auto& [path, targets] : byFile)
    jobs.emplace_back(&path, &targets);
  std::atomic<std::size_t> decoded{0};
  std::mutex progressMutex;
  parallelFor(jobs.size(), threads, [&](std::size_t j) {
    if (options.cancel && options.cancel->load()) {
      throw VolumeError("loading cancelled");
    }
    decodeFrames(*jobs[j].first, *jobs[j].second);
    const std::size_t done = decoded += jobs[j].second->size();
    if (options.onProgress) {
      std::lock_guard lock(progressMutex);
      options.onProgress(done, ordered.size());
    }
  });
}

}  // namespace

std::vector<SeriesFiles> findSeries(const std::string& folder, std::vector<std::string>* problems) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) {
    throw VolumeError(folder + ": no such file or folder");
  }
  std::vector<std::string> paths;
  if (fs::is_directory(folder, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(
             folder, fs::directory_options::skip_permission_denied, ec)) {
      if (entry.is_regular_file(ec))
        paths.push_back(entry.path().string());
    }
  } else {
    paths.push_back(folder);
  }
  std::sort(paths.begin(), paths.end());
  std::map<std::string, SeriesFiles> series;
  for (const auto& path : paths) {
    const auto header = readHeader(path);
    if (const auto* h = std::get_if<InstanceHeader>(&header)) {
      auto& s = series[h->seriesInstanceUid];
      s.seriesInstanceUid = h->seriesInstanceUid;
      s.modality = h->modality;
      s.seriesDescription = h->seriesDescription;
      s.files.push_back(path);
    } else if (const auto* bad = std::get_if<Unreadable>(&header);
               bad && problems && bad->reason.rfind("not a DICOM file", 0) != 0) {
      problems->push_back(path + ": " + bad->reason);
    }
  }
  std::vector<SeriesFiles> result;
  for (auto& [uid, s] : series)
    result.push_back(std::move(s));
  return result;
}

namespace {

StackLayout layoutByStackKey(const std::vector<FrameHeader>& frames, const StackLayout& fallback);

// Everything decided from the headers: the frames, their order, the grid's geometry.
struct VolumePlan {
  std::vector<FrameHeader> frames;
  std::vector<const FrameHeader*> ordered;
  StackLayout layout;
  Volume grid;  // geometry and identity, no voxels yet
  bool irregular = false;
};

// What the plan will cost, checked before a voxel is allocated: the acquired grid and, for an
// uneven or tilted stack, the grid it is resampled to (which throws when positions are absurd).
void checkPlanWithinPolicy(const VolumePlan& plan) {
  const Volume& grid = plan.grid;
  const FrameHeader& first = *plan.ordered.front();
  const std::string series = first.path + " (series " + first.seriesInstanceUid + ")";
  const ResourcePolicy& policy = resourcePolicy();
  const double bytes = static_cast<double>(grid.dimensions[0]) *
                       static_cast<double>(grid.dimensions[1]) *
                       static_cast<double>(grid.dimensions[2]) * sizeof(float);
  if (bytes > static_cast<double>(policy.maxVolumeBytes)) {
    throw VolumeError(series + ": " + std::to_string(grid.dimensions[2]) + " slices of " +
                      std::to_string(grid.dimensions[0]) + "x" +
                      std::to_string(grid.dimensions[1]) + " need " +
                      formatValue(bytes / (1 << 20)) + " MiB, more than the " +
                      std::to_string(policy.maxVolumeBytes >> 20) + " MiB a volume may use");
  }
  if (plan.layout.order.size() > 1) {
    if (auto problem = implausible("the slice spacing from ImagePositionPatient",
                                   plan.layout.medianSpacingMm, plausible::kSliceSpacingMm)) {
      throw VolumeError(series + ": " + *problem);
    }
  }
  if (plan.irregular) {
    std::vector<FramePlacement> placements;
    for (const FrameHeader* f : plan.ordered)
      placements.push_back(f->placement);
    (void)planResampledGrid(grid, placements, plan.layout.medianSpacingMm);
  }
}

VolumePlan planVolume(const std::vector<std::string>& files, const LoadOptions& options) {
  if (files.empty()) {
    throw VolumeError("no files to load");
  }
  VolumePlan plan;
  // 1. Headers, in parallel.
  std::vector<std::vector<FrameHeader>> perFile(files.size());
  parallelFor(files.size(), threadCount(options),
              [&](std::size_t i) { perFile[i] = readFrameHeaders(files[i]); });
  for (auto& list : perFile) {
    for (auto& f : list)
      plan.frames.push_back(std::move(f));
  }
  const FrameHeader& first = plan.frames.front();
  if (std::any_of(plan.frames.begin(), plan.frames.end(), [&](const FrameHeader& f) {
        return f.seriesInstanceUid != first.seriesInstanceUid;
      })) {
    throw VolumeError("the files belong to several series: " + describeSeries(plan.frames) +
                      "; load one series at a time");
  }
  if (first.nmPlanar) {
    throw VolumeError(first.path + ": NM planar image (" + first.imageType +
                      "): its frames are views, not slices; open it with the NM planar reader");
  }
  for (const auto& f : plan.frames) {
    if (f.samplesPerPixel != 1) {
      throw VolumeError(f.path + ": colour image (" + f.photometric + "), not a volume");
    }
  }
  Volume& grid = plan.grid;
  grid.modality = first.modality;
  grid.sopClassUid = first.sopClassUid;
  grid.seriesInstanceUid = first.seriesInstanceUid;
  grid.frameOfReferenceUid = first.frameOfReferenceUid;

  // 2. Geometry from positions alone.
  StackLayout& layout = plan.layout;
  const bool placed = std::all_of(plan.frames.begin(), plan.frames.end(),
                                  [](const FrameHeader& f) { return f.hasPlacement; });
  if (!placed) {
    if (plan.frames.size() != 1) {
      throw VolumeError(first.path + ": frames carry no ImagePositionPatient/ImageOrientation" +
                        "Patient; cannot order them into a volume");
    }
    layout.order = {0};
    grid.warnings.push_back(
        "no patient geometry (ImagePositionPatient/ImageOrientationPatient): one image, shown in "
        "its own pixel grid");
  } else {
    std::vector<FramePlacement> placements;
    for (const auto& f : plan.frames)
      placements.push_back(f.placement);
    layout = layoutStack(placements);
    if (layout.repeatedPositionStacks > 0)
      layout = layoutByStackKey(plan.frames, layout);
  }
  grid.warnings.insert(grid.warnings.end(), layout.warnings.begin(), layout.warnings.end());
  plan.irregular = layout.order.size() > 1 && (!layout.uniformSpacing || layout.gantryTiltDeg > 0);
  if (plan.irregular && options.irregular == IrregularGridPolicy::Refuse) {
    std::string why;
    for (const auto& w : layout.warnings)
      why += (why.empty() ? "" : "; ") + w;
    throw VolumeError(first.path + " (series " + first.seriesInstanceUid +
                      "): irregular slice grid: " + why);
  }
  for (const std::size_t i : layout.order)
    plan.ordered.push_back(&plan.frames[i]);

  // 3. The grid as acquired (a tilted or uneven stack is resampled after decoding). Size and
  // pixel spacing come from the chosen stack, and must be the same on every one of its frames:
  // a scout or a reformat elsewhere in the series must not set the millimetres.
  const FrameHeader& ref = *plan.ordered.front();
  for (const FrameHeader* f : plan.ordered) {
    if (f->rows != ref.rows || f->columns != ref.columns) {
      throw VolumeError(f->path + ": " + std::to_string(f->columns) + "x" +
                        std::to_string(f->rows) + " does not match the stack's " +
                        std::to_string(ref.columns) + "x" + std::to_string(ref.rows));
    }
    if (std::abs(f->rowSpacingMm - ref.rowSpacingMm) > 1e-4 ||
        std::abs(f->columnSpacingMm - ref.columnSpacingMm) > 1e-4) {
      throw VolumeError(f->path + ": PixelSpacing differs within the stack (" +
                        std::to_string(f->rowSpacingMm) + " vs " +
                        std::to_string(ref.rowSpacingMm) + " mm); measurements would be wrong");
    }
  }
  grid.dimensions = {static_cast<std::size_t>(ref.columns), static_cast<std::size_t>(ref.rows),
                     plan.ordered.size()};
  grid.spacingMm = {ref.columnSpacingMm, ref.rowSpacingMm, 1.0};
  if (ref.columnSpacingMm <= 0 || ref.rowSpacingMm <= 0) {
    grid.spacingMm[0] = grid.spacingMm[1] = 1.0;
    grid.warnings.push_back("no PixelSpacing: sizes are in pixels, not millimetres");
  }
  if (layout.order.size() > 1) {
    grid.spacingMm[2] = layout.medianSpacingMm;
  } else if (ref.sliceThicknessMm > 0) {
    grid.spacingMm[2] = ref.sliceThicknessMm;
  }
  if (placed) {
    const FramePlacement& origin = plan.ordered.front()->placement;
    grid.originMm = origin.positionMm;
    for (std::size_t r = 0; r < 3; ++r) {
      grid.direction[r * 3 + 0] = origin.rowDirection[r];
      grid.direction[r * 3 + 1] = origin.columnDirection[r];
      grid.direction[r * 3 + 2] = layout.normal[r];
    }
  }
  for (const FrameHeader* f : plan.ordered) {
    grid.slices.push_back({f->path, f->frame, f->sopInstanceUid, f->acquisitionDate,
                           f->acquisitionTime, f->acquisitionDateTime, f->frameReferenceTimeMs,
                           f->actualFrameDurationMs});
  }
  checkPlanWithinPolicy(plan);
  return plan;
}

// Repeated positions: when acquisition, echo or temporal position tell the stacks apart, load the
// largest such stack, whole, rather than the n-th frame at each position (which could mix phases).
StackLayout layoutByStackKey(const std::vector<FrameHeader>& frames, const StackLayout& fallback) {
  std::map<std::string, std::vector<std::size_t>> byKey;
  for (std::size_t i = 0; i < frames.size(); ++i)
    byKey[frames[i].stackKey].push_back(i);
  if (byKey.size() < 2) {
    StackLayout same = fallback;
    same.warnings.push_back(
        "nothing in the headers tells the repeated stacks apart: check the volume is one "
        "acquisition");
    return same;
  }
  const auto& [key, members] = *std::max_element(
      byKey.begin(), byKey.end(),
      [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
  std::vector<FramePlacement> placements;
  for (const std::size_t i : members)
    placements.push_back(frames[i].placement);
  StackLayout layout = layoutStack(placements);
  if (layout.repeatedPositionStacks > 0)
    return fallback;  // the key does not separate them either
  for (auto& i : layout.order)
    i = members[i];
  layout.otherStacks += static_cast<int>(byKey.size() - 1);
  layout.warnings.push_back(
      "series holds " + std::to_string(byKey.size()) +
      " acquisitions (acquisition, echo or temporal position); the largest (" +
      std::to_string(members.size()) + " frames) is used");
  return layout;
}

}  // namespace

SeriesGeometry inspectSeries(const std::vector<std::string>& files) {
  LoadOptions options;
  const VolumePlan plan = planVolume(files, options);
  SeriesGeometry g;
  g.grid = plan.grid;
  g.uniformSpacing = plan.layout.uniformSpacing;
  g.gantryTiltDeg = plan.layout.gantryTiltDeg;
  g.missingSlices = plan.layout.missingSlices;
  g.numberOfFrames = static_cast<int>(plan.frames.size());
  g.willResample = plan.irregular;
  return g;
}

Volume loadVolume(const std::vector<std::string>& files, const LoadOptions& options) {
  VolumePlan plan = planVolume(files, options);
  Volume volume = std::move(plan.grid);
  const unsigned threads = threadCount(options);
  const bool tryInt16 = std::all_of(plan.ordered.begin(), plan.ordered.end(),
                                    [](const FrameHeader* f) { return mayFitInt16(*f); });
  std::atomic<bool> overflowed{false};
  decodeInto(volume, plan.ordered, tryInt16, &overflowed, threads, options);
  if (overflowed.load()) {
    decodeInto(volume, plan.ordered, false, nullptr, threads, options);
  }
  if (plan.irregular) {
    std::vector<FramePlacement> placements;
    for (const FrameHeader* f : plan.ordered)
      placements.push_back(f->placement);
    volume = resampleToRegularGrid(volume, placements, plan.layout.medianSpacingMm);
  }
  return volume;
}

}  // namespace nbra::dicom
