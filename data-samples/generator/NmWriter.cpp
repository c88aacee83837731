// I-123 MIBG planar whole body: the phantom's MIBG concentration on a 1.5 x 3 x 1.5 mm grid,
// projected onto an anterior and a posterior detector with attenuation (linear attenuation
// coefficients at 159 keV derived from CT numbers, as CT-based attenuation maps are), depth-
// dependent collimator blur, a scatter halo and Poisson noise. The detectors are stored as the
// DICOM NM Image IOD describes a whole-body sweep (clinical-rules.md 6.1).
#include <algorithm>
#include <cmath>

#include "data-samples/generator/DicomCommon.h"
#include "data-samples/generator/Random.h"
#include "data-samples/generator/Uid.h"
#include "data-samples/generator/Writers.h"

namespace nbra::synthetic {
namespace {

constexpr int kColumns = 256;
constexpr int kRows = 1024;
constexpr double kPixelMm = 1.5;
constexpr double kDepthStepMm = 3.0;
constexpr int kDepthSamples = 110;
constexpr double kAnteriorCounts = 1.4e6;  // a 20 min sweep at 24 h in a child
constexpr double kFrameDurationMs = 1200000;

// Broad-beam linear attenuation at 159 keV, per mm, from a CT number: water 0.0125 (narrow beam
// 0.0146, lowered for scatter build-up); bone scales with its higher density.
double attenuationPerMm(double hu) {
  if (hu <= 0) {
    return std::max(0.0, 0.0125 * (1.0 + hu / 1000.0));
  }
  return 0.0125 * (1.0 + 0.55 * hu / 1000.0);
}

void gaussianBlur2d(std::vector<double>& image, double sigmaPixels) {
  if (sigmaPixels <= 0.05) {
    return;
  }
  const int radius = static_cast<int>(std::ceil(3 * sigmaPixels));
  std::vector<double> kernel(static_cast<std::size_t>(2 * radius + 1));
  double sum = 0;
  for (int t = -radius; t <= radius; ++t) {
    kernel[static_cast<std::size_t>(t + radius)] =
        std::exp(-0.5 * t * t / (sigmaPixels * sigmaPixels));
    sum += kernel[static_cast<std::size_t>(t + radius)];
  }
  for (double& w : kernel) {
    w /= sum;
  }
  std::vector<double> tmp(image.size());
  auto at = [](int c, int r) { return static_cast<std::size_t>(r * kColumns + c); };
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kColumns; ++c) {
      double acc = 0;
      for (int t = -radius; t <= radius; ++t) {
        acc += kernel[static_cast<std::size_t>(t + radius)] *
               image[at(std::clamp(c + t, 0, kColumns - 1), r)];
      }
      tmp[at(c, r)] = acc;
    }
  }
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kColumns; ++c) {
      double acc = 0;
      for (int t = -radius; t <= radius; ++t) {
        acc += kernel[static_cast<std::size_t>(t + radius)] *
               tmp[at(c, std::clamp(r + t, 0, kRows - 1))];
      }
      image[at(c, r)] = acc;
    }
  }
}

// Expected counts of one view, seen from the front: column 0 at the patient's right.
// anterior: the detector faces the patient's front (-y); else the back (+y).
std::vector<double> project(const Scene& scene, const Grid& grid,
                            const std::vector<std::uint8_t>& labels, bool anterior) {
  const std::vector<Tissue>& tissues = scene.phantom.tissues;
  constexpr int kSlabs = 6;
  std::vector<std::vector<double>> slabs(kSlabs, std::vector<double>(kColumns * kRows, 0.0));
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kColumns; ++c) {
      double path = 0;  // attenuation integral between the voxel and the detector
      for (int s = 0; s < kDepthSamples; ++s) {
        const int j = anterior ? s : kDepthSamples - 1 - s;
        const Tissue& t = tissues[labels[grid.index(c, j, r)]];
        const double mu = attenuationPerMm(t.hu) * kDepthStepMm;
        const double emitted = t.mibgRelative * kDepthStepMm;
        slabs[static_cast<std::size_t>(std::min(kSlabs - 1, s * kSlabs / kDepthSamples))]
             [static_cast<std::size_t>(r * kColumns + c)] += emitted * std::exp(-(path + 0.5 * mu));
        path += mu;
      }
    }
  }
  // Collimator blur grows with the distance from the detector face (a medium-energy collimator
  // for I-123: about 7 mm FWHM at the face, 14 mm at 10 cm); scatter adds a broad halo.
  std::vector<double> image(kColumns * kRows, 0.0);
  for (int s = 0; s < kSlabs; ++s) {
    const double distanceMm = (s + 0.5) * kDepthSamples * kDepthStepMm / kSlabs - 60.0;
    const double fwhmMm = 7.0 + 0.07 * std::max(0.0, distanceMm);
    gaussianBlur2d(slabs[static_cast<std::size_t>(s)], fwhmMm / 2.3548 / kPixelMm);
    for (std::size_t p = 0; p < image.size(); ++p) {
      image[p] += slabs[static_cast<std::size_t>(s)][p];
    }
  }
  std::vector<double> halo = image;
  gaussianBlur2d(halo, 22.0 / kPixelMm);
  for (std::size_t p = 0; p < image.size(); ++p) {
    image[p] = 0.85 * image[p] + 0.15 * halo[p];
  }
  return image;
}

struct ViewSpec {
  bool anterior = true;
  int detector = 1;
};

void putDetectorItem(DcmItem& item, bool anterior, double zTopMm) {
  DcmItem* view = nullptr;
  item.findOrCreateSequenceItem(DCM_ViewCodeSequence, view, 0);
  if (anterior) {
    putCode(*view, "399321004", "SCT", "anterior projection");
  } else {
    putCode(*view, "399001007", "SCT", "posterior projection");
  }
  // Start Angle: 0 degrees at the patient's back (PS3.3 C.8.4.10).
  item.putAndInsertString(DCM_StartAngle, anterior ? "180" : "0");
  item.putAndInsertString(DCM_CollimatorGridName, "MELP");
  item.putAndInsertString(DCM_CollimatorType, "PARA");
  item.putAndInsertString(DCM_FieldOfViewShape, "RECTANGLE");
  item.putAndInsertString(DCM_FieldOfViewDimensions, "540\\400");
  item.putAndInsertString(DCM_ZoomFactor, "1\\1");
  item.putAndInsertString(DCM_RadialPosition, "180");
  // The first pixel's centre and the row/column directions of the view as stored: the anterior
  // view runs from the patient's right to left, the posterior view (seen from behind) from left
  // to right; rows run from head to feet.
  const double halfWidth = kColumns * kPixelMm / 2 - kPixelMm / 2;
  const double topZ = zTopMm - kPixelMm / 2;
  item.putAndInsertString(DCM_ImageOrientationPatient,
                          anterior ? "1\\0\\0\\0\\0\\-1" : "-1\\0\\0\\0\\0\\-1");
  item.putAndInsertString(
      DCM_ImagePositionPatient,
      dsList({anterior ? -halfWidth : halfWidth, anterior ? -200.0 : 200.0, topZ}).c_str());
}

void putNmCommon(DcmDataset& d, const Scene& scene, const StudyIdentity& study,
                 const std::string& seriesUid, int seriesNumber, const char* description) {
  putPatientAndStudy(d, scene, study);
  d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY\\WHOLE BODY\\EMISSION");
  d.putAndInsertString(DCM_Modality, "NM");
  d.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
  d.putAndInsertString(DCM_SeriesNumber, std::to_string(seriesNumber).c_str());
  d.putAndInsertString(DCM_SeriesDescription, description);
  d.putAndInsertString(DCM_SeriesDate, study.studyDate.c_str());
  d.putAndInsertString(DCM_SeriesTime, study.studyTime.c_str());
  d.putAndInsertString(DCM_BodyPartExamined, "WHOLEBODY");
  d.putAndInsertString(DCM_FrameOfReferenceUID,
                       makeUid(scene.seed, scene.uidPrefix + "nm/frame-of-reference").c_str());
  d.putAndInsertString(DCM_PositionReferenceIndicator, "");
  putEquipment(d, "NBRA", "Synthetic dual-head gamma camera");
  d.putAndInsertString(DCM_InstanceNumber, "1");
  d.putAndInsertString(DCM_ContentDate, study.studyDate.c_str());
  d.putAndInsertString(DCM_ContentTime, study.studyTime.c_str());
  d.putAndInsertString(DCM_AcquisitionDate, study.studyDate.c_str());
  d.putAndInsertString(DCM_AcquisitionTime, study.studyTime.c_str());
  d.putAndInsertString(DCM_PatientOrientation, "");
  d.putAndInsertString(DCM_LossyImageCompression, "00");
  // NM Image module: a one-pass dual-head sweep.
  d.putAndInsertString(DCM_ActualFrameDuration,
                       std::to_string(static_cast<long>(kFrameDurationMs)).c_str());
  d.putAndInsertString(DCM_WholeBodyTechnique, "1PS");
  d.putAndInsertString(DCM_ScanVelocity,
                       ds(kRows * kPixelMm / (kFrameDurationMs / 1000.0)).c_str());
  d.putAndInsertString(DCM_ScanLength, ds(kRows * kPixelMm).c_str());
  d.putAndInsertString(DCM_CountsAccumulated, "");
  d.putAndInsertString(DCM_CorrectedImage, "UNIF\\COR\\NCO\\LIN");
  // Energy window: 159 keV +- 10 %.
  DcmItem* window = nullptr;
  d.findOrCreateSequenceItem(DCM_EnergyWindowInformationSequence, window, 0);
  window->putAndInsertString(DCM_EnergyWindowName, "I123 159 keV");
  DcmItem* range = nullptr;
  window->findOrCreateSequenceItem(DCM_EnergyWindowRangeSequence, range, 0);
  range->putAndInsertString(DCM_EnergyWindowLowerLimit, "143.1");
  range->putAndInsertString(DCM_EnergyWindowUpperLimit, "174.9");
  // NM Isotope module.
  DcmItem* radio = nullptr;
  d.findOrCreateSequenceItem(DCM_RadiopharmaceuticalInformationSequence, radio, 0);
  radio->putAndInsertString(DCM_Radiopharmaceutical, "Iobenguane I-123 (MIBG)");
  radio->putAndInsertString(DCM_RadiopharmaceuticalRoute, "IV");
  // Injected at 14:00 the day before (the NM Isotope module has a start time only).
  radio->putAndInsertString(DCM_RadiopharmaceuticalStartTime, "140000");
  radio->putAndInsertString(DCM_RadionuclideTotalDose,
                            ds(std::round(5.2 * scene.subject->weightKg) * 1e6, 10).c_str());
  DcmItem* code = nullptr;
  radio->findOrCreateSequenceItem(DCM_RadionuclideCodeSequence, code, 0);
  putCode(*code, "21576001", "SCT", "^123^Iodine");
  DcmItem* orientation = nullptr;
  d.findOrCreateSequenceItem(DCM_PatientOrientationCodeSequence, orientation, 0);
  putCode(*orientation, "102538003", "SCT", "recumbent");
  DcmItem* modifier = nullptr;
  orientation->findOrCreateSequenceItem(DCM_PatientOrientationModifierCodeSequence, modifier, 0);
  putCode(*modifier, "40199007", "SCT", "supine");
  d.findOrCreateSequenceItem(DCM_PatientGantryRelationshipCodeSequence, code, 0);
  putCode(*code, "102540008", "SCT", "headfirst");
  d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  d.putAndInsertUint16(DCM_Rows, kRows);
  d.putAndInsertUint16(DCM_Columns, kColumns);
  d.putAndInsertUint16(DCM_BitsAllocated, 16);
  d.putAndInsertUint16(DCM_BitsStored, 16);
  d.putAndInsertUint16(DCM_HighBit, 15);
  d.putAndInsertUint16(DCM_PixelRepresentation, 0);
  d.putAndInsertString(DCM_PixelSpacing, dsList({kPixelMm, kPixelMm}).c_str());
}

}  // namespace

std::vector<std::filesystem::path> writeMibg(const Scene& scene,
                                             const std::filesystem::path& folder) {
  const double heightMm = scene.subject->body.heightMm();
  // The body is centred along the sweep.
  const double zTopMm = std::round((kRows * kPixelMm - heightMm) / 2);
  Grid grid;
  grid.nx = kColumns;
  grid.ny = kDepthSamples;
  grid.nz = kRows;
  grid.originMm = {-kColumns * kPixelMm / 2 + kPixelMm / 2, -165 + kDepthStepMm / 2,
                   zTopMm - kPixelMm / 2};
  grid.spacingMm = {kPixelMm, kDepthStepMm, -kPixelMm};
  const std::vector<std::uint8_t> labels =
      rasterize(scene.phantom.shapes, grid, scene.phantom.isBone());
  std::vector<double> anterior = project(scene, grid, labels, true);
  std::vector<double> posterior = project(scene, grid, labels, false);
  double total = 0;
  for (const double v : anterior) {
    total += v;
  }
  const double scale = kAnteriorCounts / total;
  Random random(streamSeed(scene.seed, scene.uidPrefix + "nm/noise"));
  // Poisson counts. The posterior detector sees the patient from behind: its patient's left is
  // on the image left, so its columns are reversed.
  std::vector<Uint16> antCounts(kColumns * kRows);
  std::vector<Uint16> postCounts(kColumns * kRows);
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kColumns; ++c) {
      const auto p = static_cast<std::size_t>(r * kColumns + c);
      antCounts[p] = static_cast<Uint16>(std::min(65535u, random.poisson(anterior[p] * scale)));
      const auto q = static_cast<std::size_t>(r * kColumns + (kColumns - 1 - c));
      postCounts[q] = static_cast<Uint16>(std::min(65535u, random.poisson(posterior[p] * scale)));
    }
  }

  const StudyIdentity study = mibgStudy(scene);
  std::vector<std::filesystem::path> files;
  if (!scene.timepoint->nmSeparateSeries) {
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    const std::string seriesUid = makeUid(scene.seed, scene.uidPrefix + "nm/series");
    putNmCommon(d, scene, study, seriesUid, 1, "MIBG WB 24h");
    putSopCommon(d, UID_NuclearMedicineImageStorage,
                 makeUid(scene.seed, scene.uidPrefix + "nm/image"));
    // Which detector is anterior is a property of the acquisition, not of frame order: one
    // timepoint has the posterior head as detector 1, as some cameras write it.
    const bool posteriorFirst = scene.timepoint->posteriorIsDetectorOne;
    d.putAndInsertString(DCM_NumberOfFrames, "2");
    {
      DcmAttributeTag* pointer = new DcmAttributeTag(DCM_FrameIncrementPointer);
      pointer->putTagVal(DCM_EnergyWindowVector, 0);
      pointer->putTagVal(DCM_DetectorVector, 1);
      d.insert(pointer, true);
    }
    const Uint16 energyVector[2] = {1, 1};
    const Uint16 detectorVector[2] = {1, 2};
    d.putAndInsertUint16Array(DCM_EnergyWindowVector, energyVector, 2);
    d.putAndInsertUint16(DCM_NumberOfEnergyWindows, 1);
    d.putAndInsertUint16Array(DCM_DetectorVector, detectorVector, 2);
    d.putAndInsertUint16(DCM_NumberOfDetectors, 2);
    for (int detector = 0; detector < 2; ++detector) {
      DcmItem* item = nullptr;
      d.findOrCreateSequenceItem(DCM_DetectorInformationSequence, item, detector);
      const bool isAnterior = posteriorFirst ? detector == 1 : detector == 0;
      putDetectorItem(*item, isAnterior, zTopMm);
    }
    std::vector<Uint16> frames;
    const auto& first = posteriorFirst ? postCounts : antCounts;
    const auto& second = posteriorFirst ? antCounts : postCounts;
    frames.insert(frames.end(), first.begin(), first.end());
    frames.insert(frames.end(), second.begin(), second.end());
    d.putAndInsertUint16Array(DCM_PixelData, frames.data(),
                              static_cast<unsigned long>(frames.size()));
    files.push_back(folder / "MIBG_WB.dcm");
    saveDicom(file, files.back());
    return files;
  }
  for (const bool isAnterior : {true, false}) {
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    const std::string name = isAnterior ? "ant" : "post";
    putNmCommon(d, scene, study, makeUid(scene.seed, scene.uidPrefix + "nm/series/" + name),
                isAnterior ? 1 : 2, isAnterior ? "MIBG WB 24h ANT" : "MIBG WB 24h POST");
    putSopCommon(d, UID_NuclearMedicineImageStorage,
                 makeUid(scene.seed, scene.uidPrefix + "nm/image/" + name));
    d.putAndInsertString(DCM_NumberOfFrames, "1");
    {
      DcmAttributeTag* pointer = new DcmAttributeTag(DCM_FrameIncrementPointer);
      pointer->putTagVal(DCM_EnergyWindowVector, 0);
      pointer->putTagVal(DCM_DetectorVector, 1);
      d.insert(pointer, true);
    }
    const Uint16 one = 1;
    d.putAndInsertUint16Array(DCM_EnergyWindowVector, &one, 1);
    d.putAndInsertUint16(DCM_NumberOfEnergyWindows, 1);
    d.putAndInsertUint16Array(DCM_DetectorVector, &one, 1);
    d.putAndInsertUint16(DCM_NumberOfDetectors, 1);
    DcmItem* item = nullptr;
    d.findOrCreateSequenceItem(DCM_DetectorInformationSequence, item, 0);
    putDetectorItem(*item, isAnterior, zTopMm);
    const auto& counts = isAnterior ? antCounts : postCounts;
    d.putAndInsertUint16Array(DCM_PixelData, counts.data(),
                              static_cast<unsigned long>(counts.size()));
    files.push_back(folder / (isAnterior ? "MIBG_ANT.dcm" : "MIBG_POST.dcm"));
    saveDicom(file, files.back());
  }
  return files;
}

}  // namespace nbra::synthetic
