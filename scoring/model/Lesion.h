#pragma once

#include <optional>
#include <string>

namespace nbra::scoring {

// RECIST 1.1 role chosen by the reader at baseline; kept for the whole study.
enum class LesionRole { Target, NonTarget };

// One soft-tissue lesion measured on CT/MRI, tracked across timepoints by `trackingId`.
// Bone disease is scored on MIBG (Curie/SIOPEN) or counted on FDG-PET, not listed here.
// A lesion that disappeared is recorded with 0 mm (RECIST, EORTC FAQ).
struct Lesion {
  std::string trackingId;
  std::string organ;  // e.g. "adrenal", "liver"; all lymph nodes count as one organ (RECIST)
  bool isPrimary = false;
  bool isLymphNode = false;
  double longAxisMm = 0.0;
  std::optional<double> shortAxisMm;        // required for lymph nodes (RECIST measures their SA)
  double sliceThicknessMm = 0.0;            // of the series the caliper was drawn on
  LesionRole role = LesionRole::NonTarget;  // ignored for the primary tumour (INRC Table 1)
  bool mibgAvid = false;
  bool fdgAvid = false;
  bool isNew = false;  // not present at baseline
  // Follow-ups only: the lesion is there but could not be measured at this timepoint (artefact,
  // outside the field of view, ...): RECIST "not evaluable". Its lengths are ignored; the
  // responses that need it are NE rather than computed without it.
  bool notEvaluable = false;
  bool biopsyProven = false;  // histologically proven neuroblastoma/ganglioneuroblastoma
};

}  // namespace nbra::scoring
