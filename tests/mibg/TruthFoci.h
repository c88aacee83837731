#pragma once

#include <string>
#include <vector>

#include "dicom/nm/NmViews.h"

namespace nbra::mibg::testing {

// One ground-truth lesion of a synthetic timepoint, projected onto the planar views the way
// data-samples/generator/NmWriter.cpp projects the phantom (tests only: the product never
// sees the truth).
struct TruthFocus {
  std::string trackingId;
  std::string site;
  bool bone = false;
  bool mibgAvid = false;
  bool diffuse = false;
  int curieIndex = -1;         // 0-9 (S1-S10)
  int siopenIndex = -1;        // 0-11, -1 for soft tissue
  double anteriorX = 0;        // image pixel on the anterior view as stored
  double posteriorX = 0;       // image pixel on the posterior view as stored (columns reversed)
  double y = 0;                // the same row on both
  bool posteriorHalf = false;  // nearer the patient's back (LPS y > 0): clearer on the posterior
};

struct TruthTimepoint {
  std::string subjectId;
  std::string key;
  std::vector<std::string> nmFiles;
  std::vector<int> curie;   // 10
  std::vector<int> siopen;  // 12
  int curieTotal = 0;
  int curieSkeletal = 0;
  int siopenTotal = 0;
  std::vector<TruthFocus> foci;
};

// Every timepoint with NM files of the generated subjects; empty when the data is absent.
std::vector<TruthTimepoint> truthTimepoints();
std::string syntheticDataDir();

// Anterior and posterior views of a timepoint (throws with the file name on failure).
struct Views {
  nbra::dicom::NmView anteriorView;
  nbra::dicom::NmView posteriorView;
  nbra::dicom::PlanarImage anterior;
  nbra::dicom::PlanarImage posterior;
};
Views loadViews(const TruthTimepoint& tp);

}  // namespace nbra::mibg::testing
