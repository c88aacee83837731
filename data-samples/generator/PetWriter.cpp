// FDG PET: SUV of every tissue on a 128 x 128 grid with the CT's slices, partial volume from
// 2x2x2 supersampling, 5 mm FWHM resolution, and correlated noise that is relatively smaller in
// hot regions (as in a real reconstruction). Values are stored as Bq/ml (Units BQML), decay
// corrected to the series start (DecayCorrection START), so SUVbw = value * weight / dose
// decayed to the series time (clinical-rules.md 5).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "data-samples/generator/DicomCommon.h"
#include "data-samples/generator/Random.h"
#include "data-samples/generator/Uid.h"
#include "data-samples/generator/Writers.h"

namespace nbra::synthetic {
namespace {

constexpr int kPetMatrix = 128;
constexpr double kResolutionFwhmMm = 5.0;

std::string minusMinutes(const std::string& hhmmss, int minutes) {
  const int total = std::stoi(hhmmss.substr(0, 2)) * 60 + std::stoi(hhmmss.substr(2, 2)) - minutes;
  char text[32];
  std::snprintf(text, sizeof text, "%02d%02d%s", total / 60, total % 60,
                hhmmss.substr(4, 2).c_str());
  return text;
}

// Separable Gaussian blur along one axis of a volume (sigma in voxels).
void blurAxis(std::vector<double>& v, const Grid& g, int axis, double sigma) {
  const int radius = static_cast<int>(std::ceil(3 * sigma));
  std::vector<double> kernel(static_cast<std::size_t>(2 * radius + 1));
  double sum = 0;
  for (int t = -radius; t <= radius; ++t) {
    kernel[static_cast<std::size_t>(t + radius)] = std::exp(-0.5 * t * t / (sigma * sigma));
    sum += kernel[static_cast<std::size_t>(t + radius)];
  }
  for (double& w : kernel) {
    w /= sum;
  }
  const int n[3] = {g.nx, g.ny, g.nz};
  std::vector<double> out(v.size());
  for (int k = 0; k < g.nz; ++k) {
    for (int j = 0; j < g.ny; ++j) {
      for (int i = 0; i < g.nx; ++i) {
        int at[3] = {i, j, k};
        double acc = 0;
        for (int t = -radius; t <= radius; ++t) {
          int c[3] = {at[0], at[1], at[2]};
          c[axis] = std::clamp(at[axis] + t, 0, n[axis] - 1);
          acc += kernel[static_cast<std::size_t>(t + radius)] * v[g.index(c[0], c[1], c[2])];
        }
        out[g.index(i, j, k)] = acc;
      }
    }
  }
  v.swap(out);
}

}  // namespace

PetDose petDose(const Scene& scene) {
  PetDose dose;
  // EANM paediatric dosage (about 3.7 MBq/kg), rounded as a hot lab would draw it.
  dose.injectedBq = std::round(scene.subject->weightKg * 3.7) * 1e6;
  dose.seriesTime = scene.timepoint->time;
  dose.injectionTime = minusMinutes(dose.seriesTime, 65);
  dose.decayTimeS = 65 * 60;
  return dose;
}

std::vector<std::filesystem::path> writePet(const Scene& scene,
                                            const std::filesystem::path& folder) {
  const Grid ct = ctGrid(scene);
  const double fovMm = ct.spacingMm[0] * ct.nx;
  Grid pet;
  pet.nx = pet.ny = kPetMatrix;
  pet.nz = ct.nz;
  const double pixelMm = fovMm / kPetMatrix;
  pet.spacingMm = {pixelMm, pixelMm, ct.spacingMm[2]};
  pet.originMm = {ct.originMm[0] - ct.spacingMm[0] / 2 + pixelMm / 2,
                  ct.originMm[1] - ct.spacingMm[1] / 2 + pixelMm / 2, ct.originMm[2]};
  // Labels at twice the resolution in every direction, averaged: partial volume.
  Grid fine = pet;
  fine.nx *= 2;
  fine.ny *= 2;
  fine.nz *= 2;
  fine.spacingMm = {pixelMm / 2, pixelMm / 2, pet.spacingMm[2] / 2};
  fine.originMm = {pet.originMm[0] - pixelMm / 4, pet.originMm[1] - pixelMm / 4,
                   pet.originMm[2] - pet.spacingMm[2] / 4};
  const std::vector<std::uint8_t> labels =
      rasterize(scene.phantom.armsRaised(), fine, scene.phantom.isBone());
  const std::vector<Tissue>& tissues = scene.phantom.tissues;
  std::vector<double> suv(pet.size(), 0.0);
  for (int k = 0; k < fine.nz; ++k) {
    for (int j = 0; j < fine.ny; ++j) {
      for (int i = 0; i < fine.nx; ++i) {
        suv[pet.index(i / 2, j / 2, k / 2)] += tissues[labels[fine.index(i, j, k)]].fdgSuv / 8.0;
      }
    }
  }
  const double sigmaMm = kResolutionFwhmMm / 2.3548;
  blurAxis(suv, pet, 0, sigmaMm / pixelMm);
  blurAxis(suv, pet, 1, sigmaMm / pixelMm);
  blurAxis(suv, pet, 2, sigmaMm / std::abs(pet.spacingMm[2]));
  // Correlated noise: white noise through a [1 2 1] filter on each axis (its standard deviation
  // is 0.2296 of the white noise's), scaled back to unit variance.
  Random random(streamSeed(scene.seed, scene.uidPrefix + "pet/noise"));
  std::vector<double> noise(pet.size());
  for (double& n : noise) {
    n = random.normal();
  }
  for (int axis = 0; axis < 3; ++axis) {
    blurAxis(noise, pet, axis, 0.85);
  }
  double variance = 0;
  for (const double n : noise) {
    variance += n * n;
  }
  const double noiseSd = std::sqrt(variance / static_cast<double>(noise.size()));
  for (std::size_t v = 0; v < suv.size(); ++v) {
    const double relative = std::clamp(0.12 / std::sqrt(std::max(suv[v], 0.3)), 0.03, 0.22);
    suv[v] = std::max(0.0, suv[v] * (1.0 + relative * noise[v] / noiseSd));
  }
  // A lesion's hottest voxels show its design SUVmax: noise may not lift them above it, so the
  // truth file's SUVmax is what a reader measures (within the 5 % of partial volume).
  for (std::size_t l = 0; l < scene.lesionShapes.size(); ++l) {
    const double limit = scene.timepoint->lesions[l].fdgSuv;
    if (limit <= 0) {
      continue;
    }
    for (int k = 0; k < pet.nz; ++k) {
      for (int j = 0; j < pet.ny; ++j) {
        for (int i = 0; i < pet.nx; ++i) {
          const Vec3 p{pet.originMm[0] + i * pixelMm, pet.originMm[1] + j * pixelMm,
                       pet.originMm[2] + k * pet.spacingMm[2]};
          if (scene.lesionShapes[l].contains(p)) {
            double& value = suv[pet.index(i, j, k)];
            value = std::min(value, limit);
          }
        }
      }
    }
  }

  const PetDose dose = petDose(scene);
  const double decayedBq = dose.injectedBq * std::exp2(-dose.decayTimeS / dose.halfLifeS);
  const double bqmlPerSuv = decayedBq / (scene.subject->weightKg * 1000.0);
  const StudyIdentity study = ctStudy(scene);
  const std::string seriesUid = makeUid(scene.seed, scene.uidPrefix + "pet/series");
  const std::string forUid = makeUid(scene.seed, scene.uidPrefix + "ct/frame-of-reference");
  const std::string date = scene.dicomDate;
  const auto plane = static_cast<std::size_t>(pet.nx * pet.ny);
  std::vector<Sint16> stored(plane);
  std::vector<std::filesystem::path> files;
  for (int k = 0; k < pet.nz; ++k) {
    double maxBq = 0;
    for (std::size_t p = 0; p < plane; ++p) {
      maxBq = std::max(maxBq, suv[static_cast<std::size_t>(k) * plane + p] * bqmlPerSuv);
    }
    // Per-slice slope, as scanners write it; the stored text is what readers use.
    const std::string slopeText = ds(std::max(maxBq, 1.0) / 32000.0, 10);
    const double slope = std::strtod(slopeText.c_str(), nullptr);
    for (std::size_t p = 0; p < plane; ++p) {
      stored[p] = static_cast<Sint16>(
          std::lround(suv[static_cast<std::size_t>(k) * plane + p] * bqmlPerSuv / slope));
    }
    const double z = pet.originMm[2] + k * pet.spacingMm[2];
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    putPatientAndStudy(d, scene, study);
    putSopCommon(d, UID_PositronEmissionTomographyImageStorage,
                 makeUid(scene.seed, scene.uidPrefix + "pet/image/" + std::to_string(k)));
    d.putAndInsertString(DCM_ImageType, "ORIGINAL\\PRIMARY");
    d.putAndInsertString(DCM_Modality, "PT");
    d.putAndInsertString(DCM_SeriesInstanceUID, seriesUid.c_str());
    d.putAndInsertString(DCM_SeriesNumber, "3");
    d.putAndInsertString(DCM_SeriesDescription, "FDG PET AC (OSEM)");
    d.putAndInsertString(DCM_SeriesDate, date.c_str());
    d.putAndInsertString(DCM_SeriesTime, dose.seriesTime.c_str());
    d.putAndInsertString(DCM_BodyPartExamined, "WHOLEBODY");
    d.putAndInsertString(DCM_FrameOfReferenceUID, forUid.c_str());
    d.putAndInsertString(DCM_PositionReferenceIndicator, "");
    putEquipment(d, "NBRA", "Synthetic PET/CT");
    // PET Series module.
    d.putAndInsertString(DCM_Units, "BQML");
    d.putAndInsertString(DCM_SeriesType, "WHOLE BODY\\IMAGE");
    d.putAndInsertString(DCM_CountsSource, "EMISSION");
    d.putAndInsertString(DCM_NumberOfSlices, std::to_string(pet.nz).c_str());
    d.putAndInsertString(DCM_CorrectedImage, "DECY\\ATTN\\SCAT\\DTIM\\RAN\\NORM");
    d.putAndInsertString(DCM_RandomsCorrectionMethod, "DLYD");
    d.putAndInsertString(DCM_AttenuationCorrectionMethod, "CT-based");
    d.putAndInsertString(DCM_ScatterCorrectionMethod, "single scatter simulation");
    d.putAndInsertString(DCM_DecayCorrection, "START");
    d.putAndInsertString(DCM_ReconstructionMethod, "OSEM 3i21s");
    d.putAndInsertString(DCM_CollimatorType, "NONE");
    d.putAndInsertString(DCM_AxialAcceptance, "");
    d.putAndInsertString(DCM_ReconstructionDiameter, ds(fovMm).c_str());
    // PET Isotope module.
    DcmItem* radio = nullptr;
    d.findOrCreateSequenceItem(DCM_RadiopharmaceuticalInformationSequence, radio, 0);
    radio->putAndInsertString(DCM_Radiopharmaceutical, "Fluorodeoxyglucose");
    radio->putAndInsertString(DCM_RadiopharmaceuticalRoute, "IV");
    radio->putAndInsertString(DCM_RadiopharmaceuticalStartTime, dose.injectionTime.c_str());
    radio->putAndInsertString(DCM_RadiopharmaceuticalStartDateTime,
                              (date + dose.injectionTime).c_str());
    radio->putAndInsertString(DCM_RadionuclideTotalDose, ds(dose.injectedBq, 10).c_str());
    radio->putAndInsertString(DCM_RadionuclideHalfLife, ds(dose.halfLifeS, 10).c_str());
    radio->putAndInsertString(DCM_RadionuclidePositronFraction, "0.9673");
    DcmItem* code = nullptr;
    radio->findOrCreateSequenceItem(DCM_RadionuclideCodeSequence, code, 0);
    putCode(*code, "77004003", "SCT", "^18^Fluorine");
    radio->findOrCreateSequenceItem(DCM_RadiopharmaceuticalCodeSequence, code, 0);
    putCode(*code, "35321007", "SCT", "Fluorodeoxyglucose F^18^");
    // NM/PET Patient Orientation module.
    d.findOrCreateSequenceItem(DCM_PatientOrientationCodeSequence, code, 0);
    putCode(*code, "102538003", "SCT", "recumbent");
    DcmItem* modifier = nullptr;
    code->findOrCreateSequenceItem(DCM_PatientOrientationModifierCodeSequence, modifier, 0);
    putCode(*modifier, "40199007", "SCT", "supine");
    d.findOrCreateSequenceItem(DCM_PatientGantryRelationshipCodeSequence, code, 0);
    putCode(*code, "102540008", "SCT", "headfirst");
    // General Image, Image Plane, Image Pixel, PET Image.
    d.putAndInsertString(DCM_InstanceNumber, std::to_string(k + 1).c_str());
    d.putAndInsertString(DCM_ImageIndex, std::to_string(k + 1).c_str());
    d.putAndInsertString(DCM_AcquisitionDate, date.c_str());
    d.putAndInsertString(DCM_AcquisitionTime, dose.seriesTime.c_str());
    d.putAndInsertString(DCM_ContentDate, date.c_str());
    d.putAndInsertString(DCM_ContentTime, dose.seriesTime.c_str());
    d.putAndInsertString(DCM_FrameReferenceTime, "0");
    d.putAndInsertString(DCM_ActualFrameDuration, "120000");
    d.putAndInsertString(DCM_DecayFactor, "1");
    d.putAndInsertString(DCM_DoseCalibrationFactor, "1");
    d.putAndInsertString(DCM_PrimaryPromptsCountsAccumulated, "0");
    d.putAndInsertString(DCM_SliceSensitivityFactor, "1");
    d.putAndInsertString(DCM_ImagePositionPatient,
                         dsList({pet.originMm[0], pet.originMm[1], z}, 8).c_str());
    d.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    d.putAndInsertString(DCM_SliceLocation, ds(z, 8).c_str());
    d.putAndInsertString(DCM_SliceThickness, ds(std::abs(pet.spacingMm[2])).c_str());
    d.putAndInsertString(DCM_PixelSpacing, dsList({pixelMm, pixelMm}, 8).c_str());
    d.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    d.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(pet.ny));
    d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(pet.nx));
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, 16);
    d.putAndInsertUint16(DCM_HighBit, 15);
    d.putAndInsertUint16(DCM_PixelRepresentation, 1);
    d.putAndInsertString(DCM_RescaleIntercept, "0");
    d.putAndInsertString(DCM_RescaleSlope, slopeText.c_str());
    d.putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16*>(stored.data()),
                              static_cast<unsigned long>(plane));
    char name[32];
    std::snprintf(name, sizeof name, "PT%04d.dcm", k + 1);
    files.push_back(folder / name);
    saveDicom(file, files.back());
  }
  return files;
}

}  // namespace nbra::synthetic
