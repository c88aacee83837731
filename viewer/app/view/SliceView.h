#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QPoint>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

#include "viewer/app/measure/MeasurementSet.h"
#include "viewer/app/measure/SeriesGeometry.h"
#include "viewer/app/roi/RoiStatistics.h"
#include "viewer/app/view/ColorMap.h"
#include "viewer/app/view/LoadedSeries.h"
#include "viewer/app/view/SliceSampler.h"
#include "viewer/app/view/ViewPlane.h"

namespace nbra::viewer {

struct RenderJob;  // everything one render needs, copied (SliceView.cpp)

// A rendered picture and where it goes in the view: only the part of the plane the volume
// covers is sampled, at no finer a pitch than the data's, and scaled up when painted.
struct RenderedFrame {
  QImage image;
  QRectF target;  // widget pixels
};

// What the cursor points at: the base series' value (HU for CT) and the fused PET's (SUV).
struct Readout {
  Vec3 patientMm{};
  std::optional<double> baseValue;
  std::optional<double> fusionValue;
};

// The texts the overlay prints in the four corners (what the reader sees, for tests as well).
struct OverlayTexts {
  QString topLeft;      // patient, ID, study date, timepoint
  QString topRight;     // series, plane, fusion, caption
  QString bottomLeft;   // slice i / n, position, window, zoom, tool
  QString bottomRight;  // the value under the cursor
};

// The colour bar shown beside a PET (fused or alone): the colour map and the window it maps,
// in the displayed unit (SUVbw, or Bq/ml when there is no SUV).
struct ColorBar {
  ColorMapKind map = ColorMapKind::HotIron;
  double low = 0, high = 1;
  QString unit;
  QRect rect;  // the bar in widget pixels: `high` at the top, `low` at the bottom
  QString lowLabel, highLabel;
};

// One 2-D view of a series (optionally with a fused PET on top): a plane through the volume,
// rendered on the CPU (vtkImageReslice) into a QImage and painted by Qt, with overlays.
// Mouse: left click = move the crosshair (all linked views follow), right drag = window/level,
// middle drag = pan, wheel = scroll slices, Ctrl+wheel = zoom. Keys: see shortcutsHelp().
// In a measuring tool (M caliper, B bidirectional, P point; Esc back to navigating) a left drag
// draws or moves a mark; marks live in patient mm with the RECIST verdict on their label.
class SliceView : public QWidget {
  Q_OBJECT
 public:
  explicit SliceView(QWidget* parent = nullptr);
  ~SliceView() override;

  void setSeries(std::shared_ptr<LoadedSeries> series, Orientation orientation);
  void setFusion(std::shared_ptr<LoadedSeries> pet);
  void setOrientation(Orientation orientation);
  // Projection: a maximum intensity projection through the whole volume (computed off the GUI
  // thread); with a rotation angle about the body axis for the rotating MIP.
  void setProjection(bool on, double rotationDeg = 0);
  void setSlab(SlabMode mode, double thicknessMm);
  void setWindowLevel(double window, double level);
  bool applyPreset(const QString& name);  // CT and PET presets by name (see ColorMap.h)
  void setFusionWindow(double lowSuv, double highSuv);
  void setFusionOpacity(double opacity);  // 0..1
  void setColorMap(ColorMapKind base, ColorMapKind fusion);
  void setOverlaysVisible(bool visible);
  void setCrosshair(const Vec3& patientMm);  // moves the plane through the point
  std::optional<Vec3> crosshair() const { return crosshair_; }
  // Pans so the point is in the middle of the view (going to a lesion), zoom kept.
  void centreOn(const Vec3& patientMm);
  void scrollSlices(int steps);
  // Moves the plane along its normal without emitting `scrolled` (linked views).
  void moveSliceMm(double mm);
  void setZoom(double zoom);  // 1 = fit to the view
  void resetView();
  void startCine(bool on);

  std::shared_ptr<LoadedSeries> series() const { return series_; }
  std::shared_ptr<LoadedSeries> fusion() const { return fusion_; }
  Orientation orientation() const { return orientation_; }
  const ViewPlane& plane() const { return plane_; }
  // The plane as drawn: the projection plane for a MIP, and the pan applied.
  ViewPlane displayedPlane() const { return renderPlane(); }
  double window() const { return window_; }
  double level() const { return level_; }
  double fusionLow() const { return fusionLow_; }  // the fused PET's window, displayed unit
  double fusionHigh() const { return fusionHigh_; }
  // The name of the window last set on this view (base or fused PET): a preset's name ("soft
  // tissue", "SUV 0-5"), "auto", or "custom" (a right drag, or values no preset has).
  const QString& windowName() const { return windowName_; }
  // Right-drag sensitivity: displayed units (HU, SUV, ...) per pixel of drag (see the .cpp).
  double windowUnitsPerPixel() const;
  bool overlaysVisible() const { return overlays_; }
  // 1-based slice number and count along the plane's normal (the stack axis closest to it);
  // {0, 0} without a series or on a projection.
  std::pair<int, int> sliceNumber() const;
  OverlayTexts overlayTexts() const;
  // The PET colour bar when one is shown (a PET fused or alone, overlays on).
  std::optional<ColorBar> colorBar() const;
  double mmPerPixel() const;
  bool isProjection() const { return projection_; }
  bool isRendering() const { return projectionPending_ || dirty_; }
  // Slice position along the normal, in mm from the volume centre (what the overlay prints).
  double slicePositionMm() const;
  Readout readoutAt(const QPoint& widgetPos) const;
  // The value under the cursor as printed at the bottom right (empty until the mouse moves).
  const QString& readoutText() const { return readoutText_; }
  // The last rendered image (waits for a projection still being computed).
  QImage renderedImage();
  static QString shortcutsHelp();

  // Measuring. The marks belong to a reading (one timepoint), which may be shared by several
  // views: the view shows those of its frame of reference that lie on its plane, and keeps them
  // when it shows another series. A view starts with a set of its own.
  void setMeasurementSet(std::shared_ptr<MeasurementSet> set);
  std::shared_ptr<MeasurementSet> measurementSet() const { return measurements_; }
  // Read-only marks (a signed read, the baseline beside a follow-up): shown, never edited.
  void setMarksReadOnly(bool readOnly);
  // The name a mark's label starts with (a lesion's tracking id), from whoever keeps the table.
  using MarkNamer = std::function<QString(const MeasurementSet* set, int markId)>;
  void setMarkNamer(MarkNamer namer);
  // A line under the series text saying what the view is for ("baseline — marks read-only").
  void setCaption(const QString& caption);
  const QString& caption() const { return caption_; }
  // The read's timepoint ("Timepoint: baseline"), printed under the patient and study lines.
  void setTimepointCaption(const QString& caption);
  const QString& timepointCaption() const { return timepointCaption_; }
  bool marksReadOnly() const { return marksReadOnly_; }
  void setTool(MeasureTool tool);
  MeasureTool tool() const { return tool_; }
  MeasurementSet& measurements() { return *measurements_; }
  const MeasurementSet& measurements() const { return *measurements_; }
  std::optional<int> selectedMeasurement() const { return selected_; }
  void selectMeasurement(std::optional<int> id);
  // The label a mark shows: length(s) and the verdict in words.
  QString measurementLabel(int id) const;
  const SliceThickness& sliceThickness() const { return thickness_; }

 signals:
  void crosshairMoved(const nbra::viewer::Vec3& patientMm);
  void activated(nbra::viewer::SliceView* view);
  // The window changed (preset, drag, default windowing of a new series): see windowName().
  void windowChanged(nbra::viewer::SliceView* view);
  void seriesDropped(nbra::viewer::SliceView* view, qlonglong seriesId);
  void helpRequested();
  // The plane moved along its normal by `mm` (scrolling), for linked comparison views.
  void scrolled(nbra::viewer::SliceView* view, double mm);
  void measurementsChanged();
  void toolChanged(nbra::viewer::MeasureTool tool);
  // A new caliper or bidirectional long axis was drawn and kept.
  void markDrawn(int id);
  // The reader grabbed a mark (to move it).
  void markSelected(int id);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void invalidate();
  RenderedFrame render(const ViewPlane& plane, int width, int height) const;
  RenderJob currentJob(const ViewPlane& plane, int width, int height) const;
  void defaultWindowing();
  Vec3 patientAt(const QPointF& widgetPos) const;
  void drawOverlays(QPainter& p);
  void drawColorBar(QPainter& p, const ColorBar& bar);
  void setBaseWindow(double window, double level, const QString& name);
  ViewPlane projectionPlane() const;
  void jumpToHottestAlongRay(const QPointF& widgetPos);
  ViewPlane renderPlane() const;  // the plane with pan applied
  void startProjection();
  bool renderNow();  // renders a slice synchronously, or starts a projection; true when done
  // Measuring (SliceView.cpp, after the mouse handling).
  QPointF widgetAt(const Vec3& patientMm) const;
  bool isOnThisSlice(const Measurement& m) const;
  std::optional<std::pair<int, Handle>> handleAt(const QPointF& widgetPos) const;
  bool toolPress(const QPointF& widgetPos);
  void toolRelease();
  bool toolKey(QKeyEvent* event);
  void drawMeasurements(QPainter& p);
  // ROI (H5): drawing and label, in viewer/app/roi/SliceViewRoi.cpp.
  void drawRoiMark(QPainter& p, const Measurement& m);
  QString roiMarkLabel(const Measurement& m) const;

  std::shared_ptr<LoadedSeries> series_;
  std::shared_ptr<LoadedSeries> fusion_;
  Orientation orientation_ = Orientation::Axial;
  ViewPlane plane_;
  double window_ = 400, level_ = 40;
  double fusionLow_ = 0, fusionHigh_ = 5, fusionOpacity_ = 0.5;
  ColorMapKind baseMap_ = ColorMapKind::Grey, fusionMap_ = ColorMapKind::HotIron;
  SlabMode slabMode_ = SlabMode::None;
  double slabMm_ = 0;
  bool projection_ = false;
  double rotationDeg_ = 0;
  double zoom_ = 1;
  QPointF panPx_;
  bool overlays_ = true;
  std::optional<Vec3> crosshair_;
  RenderedFrame frame_;
  bool dirty_ = true;
  QPoint lastMouse_;
  Qt::MouseButton dragButton_ = Qt::NoButton;
  QString readoutText_;
  QTimer cine_;
  QFutureWatcher<RenderedFrame> projectionWatcher_;
  bool projectionPending_ = false;
  int generation_ = 0;     // bumped by every change that alters the picture
  int jobGeneration_ = 0;  // the generation the running projection was started for
  MeasureTool tool_ = MeasureTool::Navigate;
  std::shared_ptr<MeasurementSet> measurements_ = std::make_shared<MeasurementSet>();
  bool marksReadOnly_ = false;
  QString caption_;
  QString timepointCaption_;
  QString windowName_ = QStringLiteral("custom");
  double dragUnitsPerPixel_ = 2;  // set per series (windowUnitsPerPixel)
  MarkNamer markName_;
  SliceThickness thickness_;
  std::optional<int> selected_;
  std::optional<std::pair<int, Handle>> editing_;  // the point a left drag moves
  mutable RoiStatisticsCache roiStats_;  // ROI (H5): statistics kept between repaints
  Qt::KeyboardModifiers pressModifiers_;  // ROI (H5): of the last mouse press
  bool editContinuing_ = false;  // the drag's undo step is already recorded
  bool drawingNew_ = false;      // the drag draws a new line: a click without a drag is dropped
};

}  // namespace nbra::viewer
