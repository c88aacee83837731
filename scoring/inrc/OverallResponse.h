#pragma once

#include "scoring/model/Response.h"

namespace nbra::scoring {

// INRC 2017 overall response from the three components (PARK17 Table 4; the deterministic
// algorithm of clinical-rules.md 3.4 [D]):
//   1 any PD -> PD; 2 any NE -> NE (Q11); 3 nothing but NI -> NE;
//   4 every involved component CR -> CR (NI does not block, Q12);
//   5 an SD together with a CR or PR -> MR;
//   6 all involved in {CR, PR, MD} with at least one PR or MD -> PR (CR+CR+MD -> PR, Q12);
//   7 otherwise -> SD (MD+SD -> SD, Q12).
ComponentResult overallResponse(Response primary, Response metastatic, Response marrow);

}  // namespace nbra::scoring
