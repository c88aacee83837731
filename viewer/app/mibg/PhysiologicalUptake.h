#pragma once

#include <QString>
#include <vector>

namespace nbra::viewer::mibg {

// Normal 123I-MIBG uptake a focus must not be mistaken for (clinical-rules.md 1.6, MAT10 /
// EANM 2018): where it appears on a planar whole-body view and what it looks like.
struct UptakeReminder {
  QString site;
  QString appearance;
};

const std::vector<UptakeReminder>& physiologicalUptake();

}  // namespace nbra::viewer::mibg
