#pragma once

#include <optional>
#include <string>

namespace nbra::viewer {

// What a follow-up records for a lesion. A baseline lesion is Measured or still Pending.
enum class LesionStatus {
  Pending,        // not measured yet (a baseline lesion to re-measure on the follow-up)
  Measured,       // sizes from its mark
  NotMeasurable,  // present but cannot be measured (artefact, partial volume): not evaluable
  TooSmall,       // present, too small to measure: recorded as 5 mm (RECIST, EORTC FAQ)
  Resolved,       // gone: recorded as 0 mm
};

const char* statusName(LesionStatus status);  // "to measure", "measured", ...

// One row of a reading's lesion table. The sizes are not stored here but read from the mark
// (`markId` in the reading's MeasurementSet), so the table can never disagree with the image.
struct TrackedLesion {
  std::string trackingId;  // "P1", "N1", "L3": the same lesion keeps it at every timepoint
  std::string site;        // organ or site ("left adrenal", "retroperitoneal node")
  bool isPrimary = false;
  bool isLymphNode = false;
  bool isTarget = false;  // RECIST target, chosen at baseline and kept (never the primary)
  bool mibgAvid = false;
  bool fdgAvid = false;
  bool isNew = false;  // first seen on this follow-up
  std::optional<int> markId;
  // The slice thickness of the series the mark was drawn on (RECIST's 2 x thickness rule);
  // 0: unknown, the table's.
  double sliceThicknessMm = 0;
  LesionStatus status = LesionStatus::Pending;
};

}  // namespace nbra::viewer
