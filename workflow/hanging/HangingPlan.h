#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <optional>
#include <vector>

#include "workflow/hanging/HangingInput.h"

namespace nbra::workflow {

// The rules that decide which series a read opens, and where (docs/hanging.md). Pure: the
// workstation builds the inputs from the image index and shows the plan; nothing here loads.

enum class HangingLayout { Single, OneByTwo };

enum class PaneRole { Current, Baseline };

enum class PaneKind {
  Anatomy,  // a CT or MR
  Fused,    // a PT (fusedSeriesId) over the CT of its study (seriesId)
  Pet,      // a PT alone: its study has no CT
  Planar,   // an NM (MIBG) planar series
};

struct HangingPane {
  int slot = 0;  // 0 is the left (or only) view, 1 the right
  PaneRole role = PaneRole::Current;
  qint64 seriesId = 0;  // image index row of the series shown (the CT under a fusion)
  std::optional<qint64> fusedSeriesId;  // the PT fused onto seriesId
  PaneKind kind = PaneKind::Anatomy;
  QString caption;        // "CURRENT · week 6 · 2026-03-01"
  bool readOnly = false;  // the baseline: its marks are shown, never edited
};

// One display set: what fills the views at once. The reader steps through the stages in order.
struct HangingStage {
  QString name;  // "CT/MR", "MIBG planar", "FDG-PET/CT"
  HangingLayout layout = HangingLayout::Single;
  std::vector<HangingPane> panes;  // by slot
};

struct HangingPlan {
  std::vector<HangingStage> stages;
  QStringList notes;  // why a series was chosen, or a pairing was not possible, in words
  // Non-empty when nothing may be hung (the read's studies belong to two patients); it is also
  // the first note.
  QString blockingProblem;
  bool blocked() const { return !blockingProblem.isEmpty(); }
};

// The hanging of a read of `current` against `baseline` (none at baseline itself).
HangingPlan planHanging(const TimepointStudies& current,
                        const std::optional<TimepointStudies>& baseline);

QString layoutName(HangingLayout layout);  // "1x1", "1x2"

}  // namespace nbra::workflow
