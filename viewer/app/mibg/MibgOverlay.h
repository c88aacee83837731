#pragma once

#include <QPointF>
#include <QString>
#include <functional>
#include <optional>

#include "dicom/nm/atlas/SegmentAtlas.h"
#include "viewer/app/mibg/MibgScoringModel.h"
#include "viewer/app/view/PlanarView.h"

namespace nbra::viewer::mibg {

// Draws the fitted atlas, its handles and the marks over a PlanarView's anterior and posterior
// panels, and turns clicks into marks: a left click marks a focus in the segment under it,
// Shift+left click a soft-tissue focus, a click on a mark selects it, a right click on a mark
// asks for its menu; with handles shown, dragging a handle adjusts the fit.
class MibgOverlay : public PlanarOverlay {
 public:
  enum class Atlas { Off, Curie, Siopen };

  MibgOverlay(const PlanarView& view, MibgScoringModel& model, bool editable);

  void setAtlas(Atlas atlas) { atlas_ = atlas; }
  Atlas atlas() const { return atlas_; }
  void setHandlesShown(bool shown) { handles_ = shown; }
  bool handlesShown() const { return handles_; }
  // Marks of another read (the baseline) drawn faintly under this read's marks.
  void setFaintMarks(const MibgScoringModel* faint) { faint_ = faint; }
  void setSelected(std::optional<int> id) { selected_ = id; }
  std::optional<int> selected() const { return selected_; }
  // Which handle drag is under way (a new number for each drag; none between drags): the moves
  // of one drag are one undo step.
  std::optional<int> currentDrag() const {
    return dragging_ ? std::optional<int>(dragCount_) : std::nullopt;
  }

  std::function<void()> onChanged;  // marks or landmarks changed
  std::function<void(int markId, QPoint globalPos)> onMarkMenu;

  void paintPanel(QPainter& painter, int panel, const QTransform& imageToWidget) override;
  bool mousePress(int panel, QPointF imagePoint, QMouseEvent* event) override;
  bool mouseMove(int panel, QPointF imagePoint, QMouseEvent* event) override;
  bool mouseRelease(int panel, QPointF imagePoint, QMouseEvent* event) override;

  // The view side a panel shows, or nothing for a view nobody identified.
  std::optional<PlanarSide> sideOf(int panel) const;

 private:
  std::optional<nbra::dicom::atlas::LandmarkId> handleAt(PlanarSide side, QPointF widgetPoint,
                                                         const QTransform& t) const;

  const PlanarView& view_;
  MibgScoringModel& model_;
  bool editable_ = true;
  Atlas atlas_ = Atlas::Curie;
  bool handles_ = false;
  const MibgScoringModel* faint_ = nullptr;
  std::optional<int> selected_;
  std::optional<nbra::dicom::atlas::LandmarkId> dragging_;
  int dragCount_ = 0;
  PlanarSide dragSide_ = PlanarSide::Anterior;
  QString hoverName_;
};

}  // namespace nbra::viewer::mibg
