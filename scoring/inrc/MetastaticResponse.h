#pragma once

#include "scoring/model/Response.h"

namespace nbra::scoring {

// INRC metastatic component = soft tissue and bone together (PARK17 Table 2; clinical-rules.md
// 3.2 implementation notes [D]): any PD -> PD; any NE -> NE; both NI -> NI; otherwise over the
// involved parts: all CR -> CR, all CR or PR -> PR (each involved part must meet its own PR
// criteria), anything else -> SD.
ComponentResult metastaticResponse(const ComponentResult& softTissue, const ComponentResult& bone);

}  // namespace nbra::scoring
