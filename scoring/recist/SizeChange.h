#pragma once

#include "scoring/model/Tenths.h"

namespace nbra::scoring {

// Size thresholds on diameters or sums of diameters in tenths of mm, by exact integer
// cross-multiplication (clinical-rules.md 1.4 [D]).

// At least a 30 % decrease vs the reference: 10*now <= 7*reference (RECIST PR, INRC PR in
// PARK17 Tables 1 and 2). Exactly 30 % qualifies.
bool atLeastThirtyPercentSmaller(Tenths reference, Tenths now);

// RECIST 1.1 PD: increase of AT LEAST 20 % over the nadir, 10*(now-nadir) >= 2*nadir, and an
// absolute increase of at least 5 mm.
bool recistProgression(Tenths nadir, Tenths now);

// INRC 2017 PD: increase of MORE THAN 20 % over the nadir, 10*(now-nadir) > 2*nadir, and an
// absolute increase of at least 5 mm (PARK17 Tables 1 and 2). Exactly 20 % is not PD.
bool inrcProgression(Tenths nadir, Tenths now);

}  // namespace nbra::scoring
