#pragma once

#include <vector>

namespace nbra::scoring {

enum class MarrowSampleKind { Aspirate, Biopsy };

struct MarrowSample {
  MarrowSampleKind kind = MarrowSampleKind::Aspirate;
  double infiltrationPercent = 0.0;
};

// Bone marrow assessment: bilateral aspirates and trephine biopsies (BUR17). The component uses
// the highest infiltration among the samples (clinical-rules.md 3.3, Q7).
struct MarrowReading {
  std::vector<MarrowSample> samples;
  bool pathologyConfirmed = false;  // tumour confirmed by pathology (eligibility exclusion, 8)
};

}  // namespace nbra::scoring
