#pragma once

#include <QImage>
#include <QTransform>
#include <QWidget>
#include <optional>

#include "dicom/nm/NmViews.h"

namespace nbra::viewer {

// Something drawn over the planar panels that may take the mouse (the MIBG scoring atlas and
// marks). Points are image pixels of the panel's view as stored (mirroring undone).
class PlanarOverlay {
 public:
  virtual ~PlanarOverlay() = default;
  virtual void paintPanel(QPainter& painter, int panel, const QTransform& imageToWidget) = 0;
  // Return true when the event was used (the view then does nothing else with it).
  virtual bool mousePress(int /*panel*/, QPointF /*imagePoint*/, QMouseEvent* /*event*/) {
    return false;
  }
  virtual bool mouseMove(int /*panel*/, QPointF /*imagePoint*/, QMouseEvent* /*event*/) {
    return false;
  }
  virtual bool mouseRelease(int /*panel*/, QPointF /*imagePoint*/, QMouseEvent* /*event*/) {
    return false;
  }
};

// Planar NM reading: anterior and posterior whole-body views side by side at full height, one
// intensity scale for both (percent of the brighter view's maximum, with a gamma), the
// posterior mirrored on request (then both are seen from the front).
class PlanarView : public QWidget {
  Q_OBJECT
 public:
  explicit PlanarView(QWidget* parent = nullptr);

  struct Panel {
    nbra::dicom::PlanarImage image;
    QString label;  // "ANTERIOR", "POSTERIOR", or the view's own name
    QString identifiedBy;
    double durationMs = 0;
  };
  void setViews(std::vector<Panel> panels, const QString& patientText);
  // Patient name, ID and study date printed at the top left, as on every slice view; kept until
  // set again (setViews does not clear them).
  void setPatient(const QString& name, const QString& id, const QString& studyDate);
  // The read's timepoint ("Timepoint: baseline"), printed under the patient lines when set.
  void setTimepointCaption(const QString& caption);
  // O hides the patient, timepoint and file lines (never the view labels and side markers).
  void setOverlaysVisible(bool visible);
  bool overlaysVisible() const { return overlays_; }
  // The patient block as printed (empty when hidden or nothing is known).
  QString overlayText() const;
  void setMirrorPosterior(bool mirror);
  void setUpperPercent(double percent);  // display saturates at this percent of the maximum
  void setGamma(double gamma);           // < 1 lifts faint uptake
  bool mirrorPosterior() const { return mirror_; }
  double upperPercent() const { return upperPercent_; }
  int panelCount() const { return static_cast<int>(panels_.size()); }
  QImage renderedImage();

  // Hooks for overlays (MIBG scoring): image pixel <-> widget mapping per panel, the overlay
  // painted on top and given the mouse first, and a display maximum shared with another view
  // (baseline and current with one intensity scale).
  void setOverlay(PlanarOverlay* overlay);
  QTransform imageToWidget(int panel) const;  // pixel centres at integer image coordinates
  int panelAt(QPointF widgetPoint) const;     // -1 outside every panel
  const Panel& panel(int index) const { return panels_.at(static_cast<std::size_t>(index)); }
  float dataMaximum() const;  // the brightest value of these panels
  float displayMaximum() const { return sharedMaximum_.value_or(maximum_); }  // maps to black
  void setDisplayMaximum(std::optional<float> maximum);
  double gamma() const { return gamma_; }

 signals:
  void displayChanged();  // mirror, upper percent or gamma changed

 protected:
  void paintEvent(QPaintEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  QImage panelImage(const Panel& panel, bool mirror) const;
  QRectF panelTarget(int index) const;
  bool panelMirrored(int index) const;
  QPointF widgetToImage(int panel, QPointF widgetPoint) const;

  std::vector<Panel> panels_;
  QString patientText_;
  QString patientName_, patientId_, studyDate_, timepointCaption_;
  bool overlays_ = true;
  bool mirror_ = false;
  double upperPercent_ = 40;
  double gamma_ = 1.0;
  float maximum_ = 1;
  std::optional<float> sharedMaximum_;
  PlanarOverlay* overlay_ = nullptr;
  int dragPanel_ = -1;
};

}  // namespace nbra::viewer
