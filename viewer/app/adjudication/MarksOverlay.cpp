#include "viewer/app/adjudication/MarksOverlay.h"

#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "viewer/app/decide/PanelStyle.h"

namespace nbra::viewer::adjudication {

namespace {

constexpr int kPanelWidth = 228;
constexpr int kPanelHeight = 205;
constexpr int kGap = 8;
constexpr int kTitleHeight = 20;

using Point3 = std::array<double, 3>;

QString letter(Read read) {
  return read == Read::A ? "A" : "B";
}

// The image plane's two axes: the patient axis along which the marks spread least is dropped
// (z for an axial slice). Screen x follows the first axis, screen y the second, with z upward.
struct Plane {
  int u = 0;
  int v = 1;
};

Plane planeOf(const CaliperImage& image) {
  double lo[3] = {1e300, 1e300, 1e300};
  double hi[3] = {-1e300, -1e300, -1e300};
  const auto add = [&](const Point3& p) {
    for (int i = 0; i < 3; ++i) {
      lo[i] = std::min(lo[i], p[i]);
      hi[i] = std::max(hi[i], p[i]);
    }
  };
  for (const Caliper& c : image.calipers) {
    add(c.start);
    add(c.end);
    if (c.shortStart && c.shortEnd) {
      add(*c.shortStart);
      add(*c.shortEnd);
    }
  }
  int drop = 2;  // an axial slice unless the marks say otherwise
  for (int i : {1, 0}) {
    if (hi[i] - lo[i] < hi[drop] - lo[drop] - 1e-6) {
      drop = i;
    }
  }
  if (drop == 0)
    return {1, 2};
  if (drop == 1)
    return {0, 2};
  return {0, 1};
}

// 5, 10, 20, 50 or 100 mm: about a fifth of the drawn width.
double scaleBarMm(double widthMm) {
  for (double mm : {5.0, 10.0, 20.0, 50.0, 100.0}) {
    if (mm >= widthMm / 6.0) {
      return mm;
    }
  }
  return 200.0;
}

QString shortUid(const QString& uid) {
  return uid.size() > 18 ? "…" + uid.right(17) : uid;
}

}  // namespace

std::vector<CaliperImage> caliperImages(const std::vector<workflow::LesionPair>& lesions,
                                        QStringList* unplaced) {
  std::vector<CaliperImage> images;
  const auto place = [&](const records::LesionMeasurement& l, Read read, QStringList& missing) {
    if (l.sopInstanceUid.isEmpty() || !l.startMm || !l.endMm) {
      missing << letter(read);
      return;
    }
    auto it = std::find_if(images.begin(), images.end(), [&](const CaliperImage& i) {
      return i.sopInstanceUid == l.sopInstanceUid && i.frame == l.frame;
    });
    if (it == images.end()) {
      images.push_back({l.sopInstanceUid, l.frame, {}});
      it = images.end() - 1;
    }
    Caliper c{l.trackingId, read, *l.startMm, *l.endMm, std::nullopt, std::nullopt};
    if (l.shortStartMm && l.shortEndMm) {
      c.shortStart = l.shortStartMm;
      c.shortEnd = l.shortEndMm;
    }
    it->calipers.push_back(c);
  };
  for (const workflow::LesionPair& p : lesions) {
    QStringList missing;
    if (p.a)
      place(*p.a, Read::A, missing);
    if (p.b)
      place(*p.b, Read::B, missing);
    if (unplaced && !missing.isEmpty()) {
      *unplaced << QString("%1 (%2)").arg(p.trackingId, missing.join(", "));
    }
  }
  return images;
}

// The panels, one per image, laid out in as many columns as the width allows.
class CaliperCanvas : public QWidget {
 public:
  explicit CaliperCanvas(QWidget* parent) : QWidget(parent) {
    setObjectName("caliperCanvas");
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
  }
  void setImages(std::vector<CaliperImage> images) {
    images_ = std::move(images);
    QStringList uids;
    for (const CaliperImage& i : images_) {
      uids << i.sopInstanceUid + (i.frame ? QString(" frame %1").arg(*i.frame) : QString());
    }
    setToolTip(uids.isEmpty() ? QString() : "Images (SOP Instance UID):\n" + uids.join("\n"));
    updateGeometry();
    update();
  }
  const std::vector<CaliperImage>& images() const { return images_; }

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override {
    if (images_.empty()) {
      return 28;
    }
    const int columns = std::max(1, (width + kGap) / (kPanelWidth + kGap));
    const int rows = (static_cast<int>(images_.size()) + columns - 1) / columns;
    return rows * (kPanelHeight + kGap);
  }
  QSize sizeHint() const override {
    const int columns = std::clamp(static_cast<int>(images_.size()), 1, 2);
    const int width = columns * (kPanelWidth + kGap);
    return {width, heightForWidth(width)};
  }
  // One row: the height follows the width (heightForWidth), and a minimum of every panel stacked
  // would leave a wide window with a gap under its content.
  QSize minimumSizeHint() const override {
    return {kPanelWidth, images_.empty() ? 28 : kPanelHeight};
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (images_.empty()) {
      p.setPen(QColor("#555555"));
      p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter,
                 "Neither read placed a caliper on an image.");
      return;
    }
    const int columns = std::max(1, (width() + kGap) / (kPanelWidth + kGap));
    for (std::size_t i = 0; i < images_.size(); ++i) {
      const int col = static_cast<int>(i) % columns;
      const int row = static_cast<int>(i) / columns;
      drawPanel(
          p,
          QRect(col * (kPanelWidth + kGap), row * (kPanelHeight + kGap), kPanelWidth, kPanelHeight),
          images_[i]);
    }
  }

 private:
  static void drawPanel(QPainter& p, const QRect& panel, const CaliperImage& image) {
    p.setPen(QColor("#b8c4d6"));
    p.setBrush(QColor("#fbfcfe"));
    p.drawRect(panel.adjusted(0, 0, -1, -1));
    p.setPen(QColor("#333333"));
    QString title = "Image " + shortUid(image.sopInstanceUid);
    if (image.frame) {
      title += QString(", frame %1").arg(*image.frame);
    }
    p.drawText(panel.adjusted(6, 2, -6, 0).topLeft() + QPoint(0, 14), title);

    const Plane plane = planeOf(image);
    double lo[2] = {1e300, 1e300};
    double hi[2] = {-1e300, -1e300};
    const auto extend = [&](const Point3& pt) {
      lo[0] = std::min(lo[0], pt[plane.u]);
      hi[0] = std::max(hi[0], pt[plane.u]);
      lo[1] = std::min(lo[1], pt[plane.v]);
      hi[1] = std::max(hi[1], pt[plane.v]);
    };
    for (const Caliper& c : image.calipers) {
      extend(c.start);
      extend(c.end);
      if (c.shortStart) {
        extend(*c.shortStart);
        extend(*c.shortEnd);
      }
    }
    // At least 20 mm across, so that one short caliper is not blown up to the panel.
    const double spanU = std::max(hi[0] - lo[0], 20.0);
    const double spanV = std::max(hi[1] - lo[1], 20.0);
    const QRectF area = QRectF(panel).adjusted(28, kTitleHeight + 22, -40, -34);
    const double scale = std::min(area.width() / spanU, area.height() / spanV);
    const double midU = (lo[0] + hi[0]) / 2;
    const double midV = (lo[1] + hi[1]) / 2;
    const bool vUp = plane.v == 2;  // superior up
    const auto toScreen = [&](const Point3& pt) {
      const double x = area.center().x() + (pt[plane.u] - midU) * scale;
      const double dy = (pt[plane.v] - midV) * scale;
      return QPointF(x, vUp ? area.center().y() - dy : area.center().y() + dy);
    };

    for (const Caliper& c : image.calipers) {
      QPen pen(readColour(c.read), 2.0, c.read == Read::A ? Qt::SolidLine : Qt::DashLine);
      pen.setCapStyle(Qt::FlatCap);
      p.setPen(pen);
      p.setBrush(Qt::NoBrush);
      const QPointF a = toScreen(c.start);
      const QPointF b = toScreen(c.end);
      p.drawLine(a, b);
      if (c.shortStart) {
        p.drawLine(toScreen(*c.shortStart), toScreen(*c.shortEnd));
      }
      // The ends: filled for A, hollow for B.
      p.setPen(QPen(readColour(c.read), 1.5));
      p.setBrush(c.read == Read::A ? QBrush(readColour(c.read)) : QBrush(Qt::white));
      p.drawEllipse(a, 3, 3);
      p.drawEllipse(b, 3, 3);
      // The label beside the long axis' far end: A above it, B below it.
      const QPointF far = a.x() > b.x() ? a : b;
      const QString label = c.trackingId + " " + (c.read == Read::A ? "A" : "B");
      p.setPen(readColour(c.read));
      QFont f = p.font();
      f.setBold(true);
      p.setFont(f);
      p.drawText(far + QPointF(5, c.read == Read::A ? -5 : 14), label);
      f.setBold(false);
      p.setFont(f);
    }

    // The scale bar, bottom left.
    const double barMm = scaleBarMm(spanU);
    const double barPx = barMm * scale;
    const QPointF start(panel.left() + 10, panel.bottom() - 12);
    p.setPen(QPen(QColor("#555555"), 1.5));
    p.drawLine(start, start + QPointF(barPx, 0));
    p.drawLine(start + QPointF(0, -3), start + QPointF(0, 3));
    p.drawLine(start + QPointF(barPx, -3), start + QPointF(barPx, 3));
    p.drawText(start + QPointF(barPx + 6, 4), QString("%1 mm").arg(barMm, 0, 'f', 0));
  }

  std::vector<CaliperImage> images_;
};

MarksOverlay::MarksOverlay(QWidget* parent) : QWidget(parent) {
  setObjectName("marksOverlay");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  note_ = new QLabel(
      "Schematic of the calipers only: each read's long and short axes as saved, per image, "
      "drawn to scale in the image plane. The images are not shown here.",
      this);
  note_->setObjectName("schematicNote");
  note_->setWordWrap(true);
  note_->setStyleSheet(decide::kNoteStyle);
  layout->addWidget(note_);
  canvas_ = new CaliperCanvas(this);
  layout->addWidget(canvas_);
  unplaced_ = new QLabel(this);
  unplaced_->setObjectName("unplaced");
  unplaced_->setWordWrap(true);
  unplaced_->setStyleSheet(decide::kNoteStyle);
  layout->addWidget(unplaced_);
}

void MarksOverlay::setLesions(const std::vector<workflow::LesionPair>& lesions) {
  QStringList unplaced;
  canvas_->setImages(caliperImages(lesions, &unplaced));
  unplaced_->setText(unplaced.isEmpty()
                         ? QString()
                         : "Measured without a caliper on an image: " + unplaced.join("; ") + ".");
  unplaced_->setVisible(!unplaced.isEmpty());
}

const std::vector<CaliperImage>& MarksOverlay::images() const {
  return canvas_->images();
}

}  // namespace nbra::viewer::adjudication
