#include "dicom/volume/FrameHeaders.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cmath>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/codecs/TagValues.h"
#include "dicom/limits/PlausibleValues.h"
#include "dicom/limits/ResourcePolicy.h"
#include "dicom/volume/VolumeLoader.h"

namespace nbra::dicom {
namespace {

DcmItem* firstItem(DcmItem& item, const DcmTagKey& sequence) {
  DcmItem* found = nullptr;
  return item.findAndGetSequenceItem(sequence, found, 0).good() ? found : nullptr;
}

// A functional group macro for a frame: its own, else the shared one.
DcmItem* functionalGroup(DcmItem* perFrame, DcmItem* shared, const DcmTagKey& macro) {
  DcmItem* group = perFrame ? firstItem(*perFrame, macro) : nullptr;
  if (!group && shared)
    group = firstItem(*shared, macro);
  return group;
}

bool readPlacement(DcmItem& position, DcmItem& orientation, FramePlacement& out) {
  double ipp[3];
  double iop[6];
  if (!tagDecimals(position, DCM_ImagePositionPatient, ipp, 3) ||
      !tagDecimals(orientation, DCM_ImageOrientationPatient, iop, 6)) {
    return false;
  }
  out.positionMm = {ipp[0], ipp[1], ipp[2]};
  out.rowDirection = {iop[0], iop[1], iop[2]};
  out.columnDirection = {iop[3], iop[4], iop[5]};
  return true;
}

void readPixelMeasures(DcmItem& item, FrameHeader& h) {
  double spacing[2];
  if (tagDecimals(item, DCM_PixelSpacing, spacing, 2)) {
    h.rowSpacingMm = spacing[0];
    h.columnSpacingMm = spacing[1];
  }
  h.sliceThicknessMm = tagDecimal(item, DCM_SliceThickness, h.sliceThicknessMm);
  h.spacingBetweenSlicesMm = tagDecimal(item, DCM_SpacingBetweenSlices, h.spacingBetweenSlicesMm);
}

}  // namespace

void loadWithoutBulkData(DcmFileFormat& file, const std::string& path) {
  ensureDcmtkReady();
  const OFCondition status =
      loadDicomFile(file, path, EXS_Unknown, DCM_MaxReadLength, ERM_autoDetect);
  if (status.bad()) {
    throw VolumeError(path + ": cannot read DICOM file: " + status.text());
  }
}

namespace {

double length(const Vec3& v) {
  return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

// The values geometry and pixel scaling are computed from, checked before they are used: a
// problem names the file (and the frame of a multi-frame object).
void checkFrameValues(const FrameHeader& h) {
  const std::string where =
      h.path + (h.framesInFile > 1 ? " (frame " + std::to_string(h.frame + 1) + ")" : "") + ": ";
  auto refuse = [&](const std::string& problem) { throw VolumeError(where + problem); };
  if (h.rowSpacingMm != 0 || h.columnSpacingMm != 0) {
    for (const double spacing : {h.rowSpacingMm, h.columnSpacingMm}) {
      if (auto p = implausible("PixelSpacing (0028,0030)", spacing, plausible::kPixelSpacingMm)) {
        refuse(*p);
      }
    }
  }
  if (h.sliceThicknessMm != 0) {
    if (auto p = implausible("SliceThickness (0018,0050)", h.sliceThicknessMm,
                             plausible::kSliceThicknessMm)) {
      refuse(*p);
    }
  }
  if (h.spacingBetweenSlicesMm != 0) {
    if (auto p = implausible("SpacingBetweenSlices (0018,0088)", std::abs(h.spacingBetweenSlicesMm),
                             plausible::kSliceSpacingMm)) {
      refuse(*p);
    }
  }
  if (auto p = implausible("RescaleSlope (0028,1053)", h.rescaleSlope, plausible::kRescaleSlope)) {
    refuse(*p);
  }
  if (auto p = implausible(
          "RescaleIntercept (0028,1052)", h.rescaleIntercept,
          {-plausible::kMaxRescaleInterceptAbs, plausible::kMaxRescaleInterceptAbs, ""})) {
    refuse(*p);
  }
  for (const double t : {h.frameReferenceTimeMs, h.actualFrameDurationMs}) {
    if (!std::isfinite(t))
      refuse("a frame time (FrameReferenceTime, ActualFrameDuration) is " + formatValue(t));
  }
  if (!h.hasPlacement)
    return;
  for (const double c : h.placement.positionMm) {
    if (auto p = implausible(
            "ImagePositionPatient (0020,0032)", c,
            {-plausible::kMaxPatientCoordinateMm, plausible::kMaxPatientCoordinateMm, "mm"})) {
      refuse(*p);
    }
  }
  const Vec3& r = h.placement.rowDirection;
  const Vec3& c = h.placement.columnDirection;
  const double tolerance = plausible::kOrientationTolerance;
  const double dot = r[0] * c[0] + r[1] * c[1] + r[2] * c[2];
  if (!(std::abs(length(r) - 1) <= tolerance && std::abs(length(c) - 1) <= tolerance &&
        std::abs(dot) <= tolerance)) {
    refuse("ImageOrientationPatient (0020,0037) " + formatValue(r[0]) + "\\" + formatValue(r[1]) +
           "\\" + formatValue(r[2]) + "\\" + formatValue(c[0]) + "\\" + formatValue(c[1]) + "\\" +
           formatValue(c[2]) +
           " is not two perpendicular unit vectors: the slice normal is undefined");
  }
}

std::vector<FrameHeader> readFrameHeadersUnchecked(const std::string& path);

}  // namespace

std::vector<FrameHeader> readFrameHeaders(const std::string& path) {
  std::vector<FrameHeader> frames = readFrameHeadersUnchecked(path);
  for (const FrameHeader& h : frames)
    checkFrameValues(h);
  return frames;
}

namespace {

std::vector<FrameHeader> readFrameHeadersUnchecked(const std::string& path) {
  DcmFileFormat file;
  loadWithoutBulkData(file, path);
  DcmDataset& d = *file.getDataset();
  FrameHeader base;
  base.path = path;
  base.rows = tagInteger(d, DCM_Rows, 0);
  base.columns = tagInteger(d, DCM_Columns, 0);
  if (base.rows <= 0 || base.columns <= 0 || !d.tagExists(DCM_PixelData)) {
    throw VolumeError(path + ": not an image (no Rows/Columns or no pixel data)");
  }
  base.bitsAllocated = tagInteger(d, DCM_BitsAllocated, 16);
  base.bitsStored = tagInteger(d, DCM_BitsStored, base.bitsAllocated);
  base.pixelRepresentation = tagInteger(d, DCM_PixelRepresentation, 0);
  base.samplesPerPixel = tagInteger(d, DCM_SamplesPerPixel, 1);
  base.photometric = tagText(d, DCM_PhotometricInterpretation);
  base.transferSyntaxUid = tagText(*file.getMetaInfo(), DCM_TransferSyntaxUID);
  if (base.transferSyntaxUid.empty()) {
    base.transferSyntaxUid = DcmXfer(d.getOriginalXfer()).getXferID();
  }
  base.modality = tagText(d, DCM_Modality);
  base.sopClassUid = tagText(d, DCM_SOPClassUID);
  base.sopInstanceUid = tagText(d, DCM_SOPInstanceUID);
  base.seriesInstanceUid = tagText(d, DCM_SeriesInstanceUID);
  base.frameOfReferenceUid = tagText(d, DCM_FrameOfReferenceUID);
  base.imageType = tagText(d, DCM_ImageType);
  base.rescaleSlope = tagDecimal(d, DCM_RescaleSlope, 1);
  base.rescaleIntercept = tagDecimal(d, DCM_RescaleIntercept, 0);
  base.acquisitionDate = tagText(d, DCM_AcquisitionDate);
  base.acquisitionTime = tagText(d, DCM_AcquisitionTime);
  base.acquisitionDateTime = tagText(d, DCM_AcquisitionDateTime);
  base.frameReferenceTimeMs = tagDecimal(d, DCM_FrameReferenceTime, 0);
  base.stackKey = tagText(d, DCM_AcquisitionNumber) + "|" + tagText(d, DCM_EchoNumbers) + "|" +
                  tagText(d, DCM_TemporalPositionIdentifier) + "|" + tagText(d, DCM_TriggerTime);
  base.actualFrameDurationMs = tagDecimal(d, DCM_ActualFrameDuration, 0);
  readPixelMeasures(d, base);
  base.hasPlacement = readPlacement(d, d, base.placement);
  const ResourcePolicy& policy = resourcePolicy();
  if (base.rows > policy.maxRowsOrColumns || base.columns > policy.maxRowsOrColumns) {
    throw VolumeError(path + ": " + std::to_string(base.columns) + "x" + std::to_string(base.rows) +
                      " pixels is larger than the " + std::to_string(policy.maxRowsOrColumns) +
                      " per side any loader accepts");
  }
  if (base.samplesPerPixel < 1 || base.samplesPerPixel > 4 || base.bitsAllocated < 1 ||
      base.bitsAllocated > 64) {
    throw VolumeError(path + ": SamplesPerPixel " + std::to_string(base.samplesPerPixel) +
                      " or BitsAllocated " + std::to_string(base.bitsAllocated) + " is impossible");
  }
  const int frames = std::max(1, tagInteger(d, DCM_NumberOfFrames, 1));
  // A header must not make us allocate what the file cannot hold: native pixel data has a known
  // length, and the policy caps the frames of any object. Rows, columns, samples and frames are
  // all capped above, so the product cannot overflow 64 bits.
  DcmElement* pixelData = nullptr;
  const std::size_t bytesPerSample = base.bitsAllocated > 8 ? (base.bitsAllocated + 7) / 8 : 1;
  const std::size_t claimed = static_cast<std::size_t>(base.rows) *
                              static_cast<std::size_t>(base.columns) *
                              static_cast<std::size_t>(std::max(1, base.samplesPerPixel)) *
                              static_cast<std::size_t>(frames) * bytesPerSample;
  const bool encapsulated = DcmXfer(d.getOriginalXfer()).isEncapsulated();
  if (frames > policy.maxFramesPerFile ||
      (!encapsulated && d.findAndGetElement(DCM_PixelData, pixelData).good() && pixelData &&
       pixelData->getLength() < claimed)) {
    throw VolumeError(path + ": header announces " + std::to_string(frames) + " frame(s) of " +
                      std::to_string(base.columns) + "x" + std::to_string(base.rows) +
                      ", more than its pixel data holds");
  }
  if (base.bitsStored < 1 || base.bitsStored > base.bitsAllocated) {
    throw VolumeError(path + ": BitsStored " + std::to_string(base.bitsStored) +
                      " is impossible with BitsAllocated " + std::to_string(base.bitsAllocated));
  }
  base.framesInFile = frames;

  std::vector<FrameHeader> result;
  DcmSequenceOfItems* perFrame = nullptr;
  d.findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame);
  DcmItem* shared = firstItem(d, DCM_SharedFunctionalGroupsSequence);
  if (perFrame && perFrame->card() >= static_cast<unsigned long>(frames)) {
    // Enhanced objects: geometry and rescale per frame, falling back to the shared groups.
    for (int f = 0; f < frames; ++f) {
      FrameHeader h = base;
      h.frame = f;
      DcmItem* item = perFrame->getItem(static_cast<unsigned long>(f));
      DcmItem* position = functionalGroup(item, shared, DCM_PlanePositionSequence);
      DcmItem* orientation = functionalGroup(item, shared, DCM_PlaneOrientationSequence);
      h.hasPlacement =
          position && orientation && readPlacement(*position, *orientation, h.placement);
      if (DcmItem* measures = functionalGroup(item, shared, DCM_PixelMeasuresSequence)) {
        readPixelMeasures(*measures, h);
      }
      if (DcmItem* rescale = functionalGroup(item, shared, DCM_PixelValueTransformationSequence)) {
        h.rescaleSlope = tagDecimal(*rescale, DCM_RescaleSlope, h.rescaleSlope);
        h.rescaleIntercept = tagDecimal(*rescale, DCM_RescaleIntercept, h.rescaleIntercept);
      }
      if (DcmItem* content = functionalGroup(item, shared, DCM_FrameContentSequence)) {
        const std::string when = tagText(*content, DCM_FrameAcquisitionDateTime);
        if (!when.empty())
          h.acquisitionDateTime = when;
        h.stackKey =
            tagText(*content, DCM_StackID) + "|" + tagText(*content, DCM_TemporalPositionIndex);
      }
      result.push_back(std::move(h));
    }
    return result;
  }

  const bool nm = base.modality == "NM" || base.sopClassUid == UID_NuclearMedicineImageStorage;
  if (nm) {
    // NM: only reconstructed, ungated tomography is a volume. Planar frames are views (split
    // elsewhere); TOMO frames are projections and GATED ones interleave time slots, so neither
    // may be stacked as slices.
    const bool recon = base.imageType.find("RECON") != std::string::npos;
    const bool gated = base.imageType.find("GATED") != std::string::npos;
    if ((base.imageType.find("TOMO") != std::string::npos && !recon) || (recon && gated)) {
      throw VolumeError(path + ": NM " + base.imageType +
                        ": projections or gated frames are not a volume (only RECON TOMO is)");
    }
    if (!recon) {
      for (int f = 0; f < frames; ++f) {
        FrameHeader h = base;
        h.frame = f;
        h.nmPlanar = true;
        h.hasPlacement = false;
        result.push_back(std::move(h));
      }
      return result;
    }
    if (!base.hasPlacement) {
      if (DcmItem* detector = firstItem(d, DCM_DetectorInformationSequence)) {
        base.hasPlacement = readPlacement(*detector, *detector, base.placement);
      }
    }
  }
  if (frames == 1) {
    result.push_back(base);
    return result;
  }
  // Legacy multi-frame (NM RECON TOMO, old PET/US): frames advance along the normal by the
  // slice spacing from the first frame's position.
  const double step =
      base.spacingBetweenSlicesMm != 0 ? base.spacingBetweenSlicesMm : base.sliceThicknessMm;
  const Vec3& r = base.placement.rowDirection;
  const Vec3& c = base.placement.columnDirection;
  const Vec3 normal{r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2],
                    r[0] * c[1] - r[1] * c[0]};
  for (int f = 0; f < frames; ++f) {
    FrameHeader h = base;
    h.frame = f;
    h.hasPlacement = base.hasPlacement && step != 0;
    for (std::size_t i = 0; i < 3; ++i) {
      h.placement.positionMm[i] = base.placement.positionMm[i] + f * step * normal[i];
    }
    result.push_back(std::move(h));
  }
  return result;
}

}  // namespace

}  // namespace nbra::dicom
