#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dicom/deid/ProfileAction.h"
#include "dicom/deid/TrialIdentity.h"
#include "dicom/deid/TrialKey.h"

class DcmDataset;
class DcmItem;
class DcmElement;

namespace nbra::dicom::deid {

// What happened to one attribute (by tag, over all its occurrences, nested ones included).
struct AttributeOutcome {
  std::string tag;   // "(0010,0010)"
  std::string name;  // "PatientName", or the private creator for a private element
  std::string what;  // "removed", "UID replaced", "date shifted", "kept (safe private)", ...
  std::size_t count = 0;
};

// Counted per (tag, what) while files are walked; names are looked up once per entry.
using AttributeKey = std::pair<std::uint32_t, std::string_view>;  // (gggg << 16 | eeee, what)
struct AttributeCount {
  std::string name;
  std::size_t count = 0;
};

struct DatasetOutcome {
  std::map<AttributeKey, AttributeCount> attributes;
  std::vector<std::string> warnings;
};

// "(gggg,eeee)".
std::string tagText(std::uint32_t tag);

// Applies the trial's confidentiality profile to one dataset in place: Table E.1-1 under
// trialProfileOptions(), the keyed UID mapping, one date offset, the safe private list, and
// then the Patient, Clinical Trial and De-identification attributes. Rules beyond the table,
// each because the table cannot say it:
// - every DA and DT that survives is shifted, listed or not (e.g. Radiopharmaceutical Start
//   DateTime), so that decay intervals and the spacing of timepoints are unchanged;
// - every UID that survives and is not one the standard defines (a SOP class, a transfer
//   syntax, a coding scheme) is mapped, listed or not;
// - an overlay whose data the table removes goes whole (its group 60xx), not half.
class DatasetDeidentifier {
 public:
  DatasetDeidentifier(const TrialKey& key, TrialIdentity identity, int dateOffsetDays,
                      ProfileOptions options = trialProfileOptions());

  DatasetOutcome apply(DcmDataset& dataset) const;

  int dateOffsetDays() const { return dateOffsetDays_; }

 private:
  struct Walk;
  void walkItem(DcmItem& item, Walk& walk, int depth) const;
  void handleElement(DcmItem& item, DcmElement& element, Walk& walk, int depth,
                     std::vector<DcmElement*>& removals) const;
  void writeTrialAttributes(DcmDataset& dataset) const;

  const TrialKey& key_;
  TrialIdentity identity_;
  std::vector<Action> actions_;  // per row of ProfileTable::standard(), under options_
  int dateOffsetDays_;
  ProfileOptions options_;
};

// The text written to De-identification Method (0012,0063) and the codes of (0012,0064)
// (CID 7050), for the options this trial claims.
std::vector<std::string> deidentificationMethodText();

}  // namespace nbra::dicom::deid
