#include "dicom/suv/SuvTagReader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

// Headers only: elements longer than this stay on disk, and parsing stops at the pixel data.
constexpr Uint32 kMaxReadLength = 4096;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) {
    s.pop_back();
  }
  const auto first = s.find_first_not_of(' ');
  return first == std::string::npos ? std::string{} : s.substr(first);
}

// The value as text whatever the VR: string VRs as written, binary numbers converted by DCMTK,
// and private elements read as UN (implicit VR files, unknown creator) from their raw bytes.
std::string text(DcmItem& item, const DcmTagKey& tag) {
  DcmElement* element = nullptr;
  if (item.findAndGetElement(tag, element).bad() || element == nullptr) {
    return {};
  }
  const DcmEVR vr = element->ident();
  if (vr == EVR_UN || vr == EVR_OB) {
    Uint8* bytes = nullptr;
    if (element->getUint8Array(bytes).good() && bytes != nullptr) {
      return trimmed(std::string(reinterpret_cast<const char*>(bytes), element->getLength()));
    }
    return {};
  }
  OFString value;
  if (element->getOFStringArray(value).bad()) {
    return {};
  }
  return trimmed(std::string(value.c_str(), value.length()));
}

std::optional<double> number(DcmItem& item, const DcmTagKey& tag) {
  std::string s = text(item, tag);
  const auto backslash = s.find('\\');  // multi-valued: the first value
  if (backslash != std::string::npos) {
    s.resize(backslash);
  }
  if (s.empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || trimmed(end).size() != 0) {
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> values(DcmItem& item, const DcmTagKey& tag) {
  std::vector<std::string> out;
  std::string all = text(item, tag);
  std::size_t start = 0;
  while (start <= all.size() && !all.empty()) {
    const auto end = all.find('\\', start);
    out.push_back(trimmed(all.substr(start, end == std::string::npos ? end : end - start)));
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

// The private block (0xgggg,0x00bb) reserved by `creator`, as the element key of
// (gggg,bbxx); nullopt when no block has that creator.
std::optional<DcmTagKey> privateTag(DcmItem& item, Uint16 group, const std::string& creator,
                                    Uint16 elementLow) {
  for (Uint16 block = 0x10; block <= 0xFF; ++block) {
    if (text(item, DcmTagKey(group, block)) == creator) {
      return DcmTagKey(group, static_cast<Uint16>((block << 8) | elementLow));
    }
  }
  return std::nullopt;
}

std::unique_ptr<DcmFileFormat> load(const std::string& path, std::string& problem) {
  ensureDcmtkReady();
  auto file = std::make_unique<DcmFileFormat>();
  const OFCondition status =
      loadDicomFile(*file, path, EXS_Unknown, kMaxReadLength, ERM_autoDetect, DCM_PixelData);
  if (status.bad()) {
    problem = status.text();
    return nullptr;
  }
  return file;
}

void readSeriesLevel(DcmDataset& ds, SuvTags& tags) {
  tags.modality = text(ds, DCM_Modality);
  tags.units = text(ds, DCM_Units);
  tags.decayCorrection = text(ds, DCM_DecayCorrection);
  tags.correctedImage = values(ds, DCM_CorrectedImage);
  tags.suvType = text(ds, DCM_SUVType);
  tags.patientWeightKg = number(ds, DCM_PatientWeight);
  tags.patientSizeM = number(ds, DCM_PatientSize);
  tags.patientSex = text(ds, DCM_PatientSex);
  tags.seriesDate = text(ds, DCM_SeriesDate);
  tags.seriesTime = text(ds, DCM_SeriesTime);
  // The dose and times must come from inside (0054,0016) (5.8 pitfall 2).
  DcmItem* radiopharmaceutical = nullptr;
  if (ds.findAndGetSequenceItem(DCM_RadiopharmaceuticalInformationSequence, radiopharmaceutical, 0)
          .good() &&
      radiopharmaceutical != nullptr) {
    tags.radionuclideTotalDoseBq = number(*radiopharmaceutical, DCM_RadionuclideTotalDose);
    tags.radionuclideHalfLifeS = number(*radiopharmaceutical, DCM_RadionuclideHalfLife);
    tags.radiopharmaceuticalStartDateTime =
        text(*radiopharmaceutical, DCM_RadiopharmaceuticalStartDateTime);
    tags.radiopharmaceuticalStartTime =
        text(*radiopharmaceutical, DCM_RadiopharmaceuticalStartTime);
  }
  if (auto ge = privateTag(ds, 0x0009, kGePetPrivateCreator, 0x0D)) {
    tags.gePrivateCreator = kGePetPrivateCreator;
    tags.geScanDateTime = text(ds, *ge);
  }
  const auto suvScale = privateTag(ds, 0x7053, kPhilipsPetPrivateCreator, 0x00);
  const auto activityScale = privateTag(ds, 0x7053, kPhilipsPetPrivateCreator, 0x09);
  if (!suvScale && !activityScale) {
    tags.philipsFactorsWithoutCreator =
        ds.tagExists(DcmTagKey(0x7053, 0x1000)) || ds.tagExists(DcmTagKey(0x7053, 0x1009));
  }
  if (suvScale || activityScale) {
    tags.philipsPrivateCreator = kPhilipsPetPrivateCreator;
    if (suvScale) {
      tags.philipsSuvScaleFactor = number(ds, *suvScale);
    }
    if (activityScale) {
      tags.philipsActivityConcentrationScaleFactor = number(ds, *activityScale);
    }
  }
}

SuvFrameTags readFrame(DcmDataset& ds, const std::string& path) {
  SuvFrameTags frame;
  frame.source = path;
  frame.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
  frame.acquisitionDate = text(ds, DCM_AcquisitionDate);
  frame.acquisitionTime = text(ds, DCM_AcquisitionTime);
  frame.acquisitionDateTime = text(ds, DCM_AcquisitionDateTime);
  frame.frameReferenceTimeMs = number(ds, DCM_FrameReferenceTime);
  frame.actualFrameDurationMs = number(ds, DCM_ActualFrameDuration);
  frame.rescaleSlope = number(ds, DCM_RescaleSlope).value_or(1.0);
  frame.rescaleIntercept = number(ds, DCM_RescaleIntercept).value_or(0.0);
  return frame;
}

}  // namespace

SuvTags readSuvTags(const std::vector<std::string>& files) {
  SuvTags tags;
  std::string seriesUid;
  for (const std::string& path : files) {
    std::string problem;
    if (!fs::is_regular_file(path)) {
      throw SuvReadError(path + ": not a readable file");
    }
    const auto file = load(path, problem);
    if (!file) {
      throw SuvReadError(path + ": cannot be read as DICOM (" + problem + ")");
    }
    DcmDataset& ds = *file->getDataset();
    const std::string uid = text(ds, DCM_SeriesInstanceUID);
    if (uid.empty()) {
      throw SuvReadError(path + ": no SeriesInstanceUID (0020,000E)");
    }
    if (seriesUid.empty()) {
      seriesUid = uid;
      readSeriesLevel(ds, tags);
    } else if (uid != seriesUid) {
      throw SuvReadError(path + ": belongs to series " + uid + ", not " + seriesUid);
    }
    tags.frames.push_back(readFrame(ds, path));
  }
  return tags;
}

}  // namespace nbra::dicom
