#pragma once

#include <QColor>
#include <QSize>
#include <QString>
#include <vector>

#include "viewer/app/measure/Measurement.h"
#include "viewer/app/view/ViewPlane.h"

class QPainter;

namespace nbra::viewer {

// The handles a drag can grab on an ROI: its centre and the four ends of its in-plane axes.
std::vector<Handle> roiHandles();

// The colour of ROI outlines and labels: a light cyan, apart from the RECIST verdict colours
// (an ROI has no verdict) and from the hot-iron PET colours.
QColor roiColour();

// Draws an ROI on a view showing `plane` (its centre at the widget's centre, `mmPerPixel`): the
// ellipse where the ROI's ellipsoid cuts the plane (dashed when the plane is not the one drawn
// on: a section, not the ROI's own outline), its handles when `showHandles`, and `label` beside
// it, kept inside the widget.
void drawRoi(QPainter& painter, const Measurement& roi, const ViewPlane& plane, double mmPerPixel,
             const QSize& widget, bool onDrawnPlane, bool showHandles, const QString& label);

}  // namespace nbra::viewer
