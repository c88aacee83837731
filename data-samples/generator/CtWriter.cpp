// CT: the phantom's labels on a 512 x 512 x 3 mm grid, turned into Hounsfield units with a
// little partial-volume softening, tissue texture and quantum noise (paediatric low-dose CT has
// about 12-15 HU of noise in soft tissue).
#include <algorithm>
#include <cmath>

#include "data-samples/generator/DicomCommon.h"
#include "data-samples/generator/Random.h"
#include "data-samples/generator/Uid.h"
#include "data-samples/generator/Writers.h"

namespace nbra::synthetic {

Grid ctGrid(const Scene& scene) {
  const BodyScale& body = scene.subject->body;
  // Arms raised: the field of view is fitted to the trunk, as for a child.
  const double fovMm = body.xyScale > 1.02 ? 300.0 : 280.0;
  const double pixelMm = fovMm / 512.0;
  const double centreY = std::round(10.0 * body.xyScale);
  const double zTop = std::round(-265.0 * body.zScale);
  Grid g;
  g.nx = 512;
  g.ny = 512;
  g.nz = kCtSlices;
  g.originMm = {-fovMm / 2 + pixelMm / 2, centreY - fovMm / 2 + pixelMm / 2, zTop};
  g.spacingMm = {pixelMm, pixelMm, -kCtSliceMm};
  return g;
}

std::vector<std::filesystem::path> writeCt(const Scene& scene,
                                           const std::filesystem::path& folder) {
  const Grid grid = ctGrid(scene);
  const std::vector<std::uint8_t> labels =
      rasterize(scene.phantom.armsRaised(), grid, scene.phantom.isBone());
  const std::vector<Tissue>& tissues = scene.phantom.tissues;
  const StudyIdentity study = ctStudy(scene);
  const std::string seriesUid = makeUid(scene.seed, scene.uidPrefix + "ct/series");
  const std::string forUid = makeUid(scene.seed, scene.uidPrefix + "ct/frame-of-reference");
  Random random(streamSeed(scene.seed, scene.uidPrefix + "ct/noise"));
  // The couch, just behind the patient's back.
  const double couchY = std::round(94.0 * scene.subject->body.xyScale);

  const auto plane = static_cast<std::size_t>(grid.nx * grid.ny);
  std::vector<double> hu(plane);
  std::vector<double> tmp(plane);
  std::vector<Uint16> stored(plane);
  std::vector<std::filesystem::path> files;
  for (int k = 0; k < grid.nz; ++k) {
    for (int j = 0; j < grid.ny; ++j) {
      const double y = grid.originMm[1] + j * grid.spacingMm[1];
      for (int i = 0; i < grid.nx; ++i) {
        const std::size_t at = static_cast<std::size_t>(i + grid.nx * j);
        const Tissue& t = tissues[labels[grid.index(i, j, k)]];
        double value = t.hu + (t.huTextureSd > 0 ? t.huTextureSd * random.normal() : 0.0);
        const double x = grid.originMm[0] + i * grid.spacingMm[0];
        if (labels[grid.index(i, j, k)] == kAir && y >= couchY && y <= couchY + 7 &&
            std::abs(x) < 160) {
          value = 180;
        }
        hu[at] = value;
      }
    }
    // Partial volume: a [1 2 1] / 4 filter along rows and columns.
    for (int j = 0; j < grid.ny; ++j) {
      for (int i = 0; i < grid.nx; ++i) {
        const int a = std::max(i - 1, 0);
        const int b = std::min(i + 1, grid.nx - 1);
        const std::size_t row = static_cast<std::size_t>(grid.nx * j);
        tmp[row + static_cast<std::size_t>(i)] = 0.25 * hu[row + static_cast<std::size_t>(a)] +
                                                 0.5 * hu[row + static_cast<std::size_t>(i)] +
                                                 0.25 * hu[row + static_cast<std::size_t>(b)];
      }
    }
    for (int j = 0; j < grid.ny; ++j) {
      const int a = std::max(j - 1, 0);
      const int b = std::min(j + 1, grid.ny - 1);
      for (int i = 0; i < grid.nx; ++i) {
        const auto col = static_cast<std::size_t>(i);
        const double value = 0.25 * tmp[col + static_cast<std::size_t>(grid.nx * a)] +
                             0.5 * tmp[col + static_cast<std::size_t>(grid.nx * j)] +
                             0.25 * tmp[col + static_cast<std::size_t>(grid.nx * b)];
        // Air outside the patient is nearly noise-free on a real scanner; tissue is not.
        const double noisy =
            value > -990 ? value + 13.0 * random.normal() : value + 2.0 * random.normal();
        const double clamped = std::clamp(std::round(noisy), -1024.0, 3071.0);
        stored[col + static_cast<std::size_t>(grid.nx * j)] = static_cast<Uint16>(clamped + 1024.0);
      }
    }

    const double z = grid.originMm[2] + k * grid.spacingMm[2];
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    putPatientAndStudy(d, scene, study);
    putSopCommon(d, UID_CTImageStorage,
                 makeUid(scene.seed, scene.uidPrefix + "ct/image/" + std::to_string(k)));
    d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    d.putAndInsertString(DCM_Modality, "CT");
    d.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
    d.putAndInsertString(DCM_SeriesNumber, "2");
    d.putAndInsertString(DCM_SeriesDescription, scene.timepoint->pet
                                                    ? "CT for PET/CT, soft tissue 3 mm"
                                                    : "CT portal venous 3 mm");
    d.putAndInsertString(DCM_SeriesDate, study.studyDate.c_str());
    d.putAndInsertString(DCM_SeriesTime, study.studyTime.c_str());
    d.putAndInsertString(DCM_BodyPartExamined, "CHEST");
    d.putAndInsertString(DCM_PatientPosition, "HFS");
    d.putAndInsertString(DCM_FrameOfReferenceUID, forUid.c_str());
    d.putAndInsertString(DCM_PositionReferenceIndicator, "");
    putEquipment(d, "NBRA", "Synthetic CT");
    d.putAndInsertString(DCM_InstanceNumber, std::to_string(k + 1).c_str());
    d.putAndInsertString(DCM_AcquisitionNumber, "1");
    d.putAndInsertString(DCM_ContentDate, study.studyDate.c_str());
    d.putAndInsertString(DCM_ContentTime, study.studyTime.c_str());
    d.putAndInsertString(DCM_AcquisitionDate, study.studyDate.c_str());
    d.putAndInsertString(DCM_AcquisitionTime, study.studyTime.c_str());
    d.putAndInsertString(DCM_PatientOrientation, "L\\P");
    d.putAndInsertString(DCM_ImagePositionPatient,
                         dsList({grid.originMm[0], grid.originMm[1], z}, 8).c_str());
    d.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    d.putAndInsertString(DCM_SliceLocation, ds(z, 8).c_str());
    d.putAndInsertString(DCM_SliceThickness, ds(kCtSliceMm).c_str());
    d.putAndInsertString(DCM_SpacingBetweenSlices, ds(kCtSliceMm).c_str());
    d.putAndInsertString(DCM_PixelSpacing,
                         dsList({grid.spacingMm[1], grid.spacingMm[0]}, 8).c_str());
    d.putAndInsertString(DCM_KVP, "100");
    d.putAndInsertString(DCM_XRayTubeCurrent, "80");
    d.putAndInsertString(DCM_ExposureTime, "500");
    d.putAndInsertString(DCM_ConvolutionKernel, "STANDARD");
    d.putAndInsertString(DCM_ReconstructionDiameter, ds(grid.spacingMm[0] * grid.nx).c_str());
    d.putAndInsertString(DCM_ContrastBolusAgent, "Iohexol 300 mgI/ml");
    d.putAndInsertString(DCM_ContrastBolusRoute, "IV");
    d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(grid.ny));
    d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(grid.nx));
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, 12);
    d.putAndInsertUint16(DCM_HighBit, 11);
    d.putAndInsertUint16(DCM_PixelRepresentation, 0);
    d.putAndInsertString(DCM_RescaleIntercept, "-1024");
    d.putAndInsertString(DCM_RescaleSlope, "1");
    d.putAndInsertString(DCM_RescaleType, "HU");
    d.putAndInsertString(DCM_WindowCenter, "40\\-600");
    d.putAndInsertString(DCM_WindowWidth, "400\\1500");
    d.putAndInsertString(DCM_WindowCenterWidthExplanation, "SOFT TISSUE\\LUNG");
    d.putAndInsertUint16Array(DCM_PixelData, stored.data(), static_cast<unsigned long>(plane));
    char name[32];
    std::snprintf(name, sizeof name, "CT%04d.dcm", k + 1);
    files.push_back(folder / name);
    saveDicom(file, files.back());
  }
  return files;
}

}  // namespace nbra::synthetic
