#pragma once

#include <QList>
#include <QWidget>

#include <memory>

#include "viewer/app/view/PlanarView.h"
#include "viewer/app/view/SliceView.h"

class QGridLayout;
class QStackedWidget;

namespace nbra::viewer {

enum class ViewLayout { Single, OneByTwo, TwoByTwo, Mpr };

const char* toString(ViewLayout layout);
bool parseLayout(const QString& name, ViewLayout& layout);  // "single", "1x2", "2x2", "mpr"

// The view area: slice views in a layout (single, 1x2, 2x2, or axial/coronal/sagittal MPR plus a
// coronal MIP), linked crosshairs, and a page for planar NM views.
class ViewerPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ViewerPanel(QWidget* parent = nullptr);

  void setViewLayout(ViewLayout layout);
  ViewLayout viewLayout() const { return layout_; }
  // Shows a series: in the MPR layout in all four views, otherwise in the active view. A PET
  // shown on a view that already holds a CT of the same frame of reference is fused onto it.
  void showSeries(const std::shared_ptr<LoadedSeries>& series);
  void showFusion(const std::shared_ptr<LoadedSeries>& pet);
  // Planar NM views. When `patientText` names a readable DICOM file (the first file of the
  // views), its patient name, ID and study date are printed on the planar view too.
  void showPlanar(std::vector<PlanarView::Panel> panels, const QString& patientText);
  // Gives the keyboard to the view a series was just shown in (the planar page or the active
  // slice view), so arrow keys scroll it and not the study browser.
  void focusActiveView();
  // The read's timepoint ("Timepoint: baseline") on every view, planar included; empty clears.
  void setTimepointCaption(const QString& caption);
  // Comparison: scrolling one view scrolls the others of the same orientation (same patient
  // position when they share a frame of reference, else by the same distance).
  void setLinkedScrolling(bool on) { linkedScrolling_ = on; }

  QList<SliceView*> visibleViews() const;
  SliceView* activeView() const { return active_; }
  void setActiveView(SliceView* view);
  PlanarView* planarView() const { return planar_; }
  bool showingPlanar() const;

  // The marks of the reading being read, shared by every view (they survive a change of series).
  std::shared_ptr<MeasurementSet> readingMarks() const { return marks_; }
  void setReadingMarks(std::shared_ptr<MeasurementSet> marks);
  // One view shows another reading's marks (the baseline beside a follow-up), read-only or not.
  void setViewMarks(SliceView* view, std::shared_ptr<MeasurementSet> marks, bool readOnly);
  void setMarkNamer(SliceView::MarkNamer namer);
  // The measuring tool of every view (a key pressed in one view sets it for all).
  void setTool(MeasureTool tool);
  MeasureTool tool() const { return tool_; }
  // Every view goes to the point (crosshair and slice, as a click would) and centres on it.
  void jumpTo(const Vec3& patientMm);

 signals:
  void seriesDropped(nbra::viewer::SliceView* view, qlonglong seriesId);
  void layoutChanged(nbra::viewer::ViewLayout layout);
  // The active slice view changed (a click, a layout that hides the former one).
  void activeViewChanged(nbra::viewer::SliceView* view);
  // A view's window changed (preset key, right drag, new series): see SliceView::windowName().
  void windowChanged(nbra::viewer::SliceView* view);
  void measurementsChanged();
  void toolChanged(nbra::viewer::MeasureTool tool);
  void markDrawn(nbra::viewer::SliceView* view, int id);
  void markSelected(nbra::viewer::SliceView* view, int id);

 private:
  void onCrosshair(const Vec3& patientMm);
  void onScrolled(SliceView* source, double mm);
  void arrange();

  QStackedWidget* pages_ = nullptr;
  QWidget* grid_ = nullptr;
  QGridLayout* gridLayout_ = nullptr;
  PlanarView* planar_ = nullptr;
  QList<SliceView*> views_;  // four, reused across layouts
  SliceView* active_ = nullptr;
  ViewLayout layout_ = ViewLayout::Single;
  bool linkedScrolling_ = true;
  std::shared_ptr<MeasurementSet> marks_ = std::make_shared<MeasurementSet>();
  MeasureTool tool_ = MeasureTool::Navigate;
};

}  // namespace nbra::viewer
