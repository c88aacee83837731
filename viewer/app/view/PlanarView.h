#pragma once

#include <QImage>
#include <QWidget>

#include "dicom/nm/NmViews.h"

namespace nbra::viewer {

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
  void setMirrorPosterior(bool mirror);
  void setUpperPercent(double percent);  // display saturates at this percent of the maximum
  void setGamma(double gamma);           // < 1 lifts faint uptake
  bool mirrorPosterior() const { return mirror_; }
  double upperPercent() const { return upperPercent_; }
  int panelCount() const { return static_cast<int>(panels_.size()); }
  QImage renderedImage();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  QImage panelImage(const Panel& panel, bool mirror) const;

  std::vector<Panel> panels_;
  QString patientText_;
  bool mirror_ = false;
  double upperPercent_ = 40;
  double gamma_ = 1.0;
  float maximum_ = 1;
};

}  // namespace nbra::viewer
