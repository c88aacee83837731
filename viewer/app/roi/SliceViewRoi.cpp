// The ROI parts of SliceView, kept here so the view's own file only calls them.
#include <QPainter>

#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/roi/RoiOverlay.h"
#include "viewer/app/roi/RoiStatistics.h"
#include "viewer/app/view/SliceView.h"

namespace nbra::viewer {

void SliceView::drawRoiMark(QPainter& p, const Measurement& m) {
  // Like every mark: none on a projection, none on a series with other coordinates. Unlike a
  // line, an ROI is a volume: its section shows on every plane that cuts it, while its handles
  // (editing) show only on the plane it was drawn on.
  if (!series_ || projection_)
    return;
  if (!m.frameOfReferenceUid.empty() &&
      m.frameOfReferenceUid != series_->volume().frameOfReferenceUid)
    return;
  const bool onDrawnPlane = isOnThisSlice(m);
  const bool selected = selected_ == m.id;
  // The full label where the ROI is drawn or selected; elsewhere a short one that still says
  // which ROI this is, so a section is never mistaken for a new region.
  const QString label =
      onDrawnPlane || selected ? roiMarkLabel(m) : tr("ROI %1 (section)").arg(m.id);
  drawRoi(p, m, renderPlane(), mmPerPixel(), size(), onDrawnPlane,
          selected && onDrawnPlane && !marksReadOnly_, label);
}

QString SliceView::roiMarkLabel(const Measurement& m) const {
  return roiLabel(m, roiStats_.get(m, series_, fusion_));
}

}  // namespace nbra::viewer
