#include "viewer/app/mibg/PhysiologicalUptake.h"

namespace nbra::viewer::mibg {

const std::vector<UptakeReminder>& physiologicalUptake() {
  static const std::vector<UptakeReminder> kList{
      {"salivary glands", "parotid and submandibular, symmetric, intense"},
      {"nasal mucosa", "midline, above the mouth"},
      {"lacrimal glands", "small, above and lateral to the orbits"},
      {"myocardium", "left of the midline, chest"},
      {"liver", "right upper abdomen, diffuse, intense"},
      {"spleen", "left upper abdomen, mild"},
      {"lungs", "faint, both sides of the chest"},
      {"adrenals (normal)", "faint, above the kidneys"},
      {"bowel", "variable, moves between views and days"},
      {"kidneys, urinary tract, bladder", "symmetric; bladder midline in the pelvis"},
      {"thyroid", "neck, if not blocked"},
      {"brown adipose tissue", "neck, supraclavicular, paravertebral; symmetric"},
  };
  return kList;
}

}  // namespace nbra::viewer::mibg
