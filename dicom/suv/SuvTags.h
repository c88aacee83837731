#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nbra::dicom {

// The private blocks whose elements SUV may use, identified by their creator (never by the
// block number alone: the element's block 0x10 is only the usual reservation).
inline constexpr const char* kGePetPrivateCreator = "GEMS_PETD_01";  // (0009,xx0D)
inline constexpr const char* kPhilipsPetPrivateCreator =
    "Philips PET Private Group";  // (7053,xx00/09)

// What one image (file or frame) contributes: its timing and its rescale. Strings hold the raw
// DICOM values; SuvCalculator parses them so that every parsing problem becomes a reason.
struct SuvFrameTags {
  std::string source;                           // file path (and frame) for messages
  std::string sopInstanceUid;                   // to match frames to volume slices
  std::string acquisitionDate;                  // (0008,0022) DA
  std::string acquisitionTime;                  // (0008,0032) TM
  std::string acquisitionDateTime;              // (0008,002A) DT, preferred when present
  std::optional<double> frameReferenceTimeMs;   // (0054,1300)
  std::optional<double> actualFrameDurationMs;  // (0018,1242)
  double rescaleSlope = 1.0;                    // (0028,1053)
  double rescaleIntercept = 0.0;                // (0028,1052)
};

// Every attribute clinical-rules.md section 5 needs to turn a PET series into SUV.
struct SuvTags {
  // Series level.
  std::string modality;                     // (0008,0060)
  std::string units;                        // (0054,1001) BQML, CNTS, GML, CM2ML, PROPCNTS...
  std::string decayCorrection;              // (0054,1102) START, ADMIN, NONE
  std::vector<std::string> correctedImage;  // (0028,0051) values: ATTN, DECY, ...
  std::string suvType;                      // (0054,1006) for GML: BW, LBM, LBMJAMES128, ...
  std::optional<double> patientWeightKg;    // (0010,1030)
  std::optional<double> patientSizeM;       // (0010,1020)
  std::string patientSex;                   // (0010,0040) M, F, O
  // Inside RadiopharmaceuticalInformationSequence (0054,0016), first item.
  std::optional<double> radionuclideTotalDoseBq;  // (0018,1074)
  std::optional<double> radionuclideHalfLifeS;    // (0018,1075)
  std::string radiopharmaceuticalStartDateTime;   // (0018,1078) DT
  std::string radiopharmaceuticalStartTime;       // (0018,1072) TM
  std::string seriesDate;                         // (0008,0021)
  std::string seriesTime;                         // (0008,0031)
  // GE private PET scan date-time (0009,xx0D) of creator GEMS_PETD_01; geCreator holds the
  // creator the reader matched (the calculator checks it again).
  std::string gePrivateCreator;
  std::string geScanDateTime;
  // Philips private (7053,xx00) SUV Scale Factor and (7053,xx09) Activity Concentration Scale
  // Factor of creator "Philips PET Private Group".
  std::string philipsPrivateCreator;
  std::optional<double> philipsSuvScaleFactor;
  std::optional<double> philipsActivityConcentrationScaleFactor;
  // (7053,1000) or (7053,1009) present with no creator reserving block (7053,0010): the factors
  // are then not read (PS3.5 7.8.1: a private element means nothing without its creator).
  bool philipsFactorsWithoutCreator = false;

  // One entry per image of the series.
  std::vector<SuvFrameTags> frames;
};

}  // namespace nbra::dicom
