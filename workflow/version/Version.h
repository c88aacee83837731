#pragma once

#include <QString>

namespace nbra::workflow {

// "0.1.0 (rules nbra-rules-0.1)": the program version and the clinical rule-set version together,
// because a reading is only reproducible with both.
QString versionString();

}  // namespace nbra::workflow
