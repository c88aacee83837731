#pragma once

#include <optional>
#include <vector>

#include "scoring/model/Tenths.h"

namespace nbra::scoring {

// The diameter RECIST sums for a lesion: the short axis of a lymph node, else the long axis
// (RECIST; clinical-rules.md 4). Node short axes stay in the sum even below 10 mm.
Tenths recistDiameterTenths(bool isLymphNode, Tenths longAxisTenths, Tenths shortAxisTenths);

Tenths sumOfDiameters(const std::vector<Tenths>& diameters);

// Nadir: the smallest sum recorded on study so far, baseline included (RECIST; PARK17 uses the
// same reference for PD). Empty history -> nullopt.
std::optional<Tenths> nadir(const std::vector<Tenths>& history);

}  // namespace nbra::scoring
