// A slice of a volume (or a projection of it) rendered on the CPU and painted, with its
// overlays and the mouse and keys of viewing. The measuring tools are SliceViewMarks.cpp.
#include "viewer/app/view/SliceView.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "viewer/app/measure/Verdict.h"
#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/roi/RoiOverlay.h"
#include "viewer/app/view/OverlayText.h"
#include "viewer/app/view/VectorMath.h"

namespace nbra::viewer {

// Everything a render needs, copied, so a projection can be computed on a worker thread.
struct RenderJob {
  std::shared_ptr<LoadedSeries> base;
  std::shared_ptr<LoadedSeries> fusion;
  ViewPlane plane;
  int width = 0, height = 0;
  double mmPerPixel = 1;
  SlabMode slab = SlabMode::None;
  double slabMm = 0;
  bool projection = false;
  double window = 400, level = 40;
  double fusionLow = 0, fusionHigh = 5, fusionOpacity = 0.5;
  ColorMapKind baseMap = ColorMapKind::Grey, fusionMap = ColorMapKind::HotIron;
};

namespace {

constexpr const char* kSeriesMime = "application/x-nbra-series-id";

using vec::dot;

const char* orientationName(Orientation o) {
  switch (o) {
    case Orientation::Axial: return "axial";
    case Orientation::Coronal: return "coronal";
    case Orientation::Sagittal: return "sagittal";
  }
  return "";
}

// The preset a base window/level is, for the modality shown; "custom" when none.
QString presetNameOf(const LoadedSeries* series, double window, double level) {
  if (series && series->modality() == "CT") {
    for (const auto& preset : kCtPresets) {
      if (preset.window == window && preset.level == level) return preset.name;
    }
  } else if (series && series->isPet() && series->hasSuv()) {
    for (const auto& preset : kPetPresets) {
      if (preset.window == window && preset.level == level) return preset.name;
    }
  }
  return QStringLiteral("custom");
}

// Right-drag window/level sensitivity, in displayed units per pixel. The rule: a drag of about
// one screen width (2000 px) sweeps the modality's useful range, so the change is linear,
// the same everywhere on the scale and never explodes: CT 4000 HU (-1000..3000) -> 2 HU/px (a
// 200 px drag widens W 400 to 800, as in common PACS viewers); PET in SUV 0..20 -> 0.01 SUV/px;
// anything else (Bq/ml, NM counts, MR) twice its 1st..99th percentile spread over 2000 px.
double dragSensitivity(const LoadedSeries& series) {
  constexpr double kScreenDragPx = 2000;
  if (series.modality() == "CT") return 4000 / kScreenDragPx;
  if (series.isPet() && series.hasSuv()) return 20 / kScreenDragPx;
  return std::max(2 * series.autoWindowLevel().first / kScreenDragPx, 1e-6);
}

RenderedFrame renderJob(const RenderJob& job) {
  RenderedFrame frame;
  if (!job.base || job.width <= 0 || job.height <= 0) return frame;
  // The volume's footprint on the plane, clipped to the view, in mm from the view centre.
  const auto& volume = job.base->volume();
  double uMin = 1e300, uMax = -1e300, vMin = 1e300, vMax = -1e300;
  for (int corner = 0; corner < 8; ++corner) {
    const auto p = volume.toPatientMm(corner & 1 ? static_cast<double>(volume.dimensions[0]) - 0.5 : -0.5,
                                      corner & 2 ? static_cast<double>(volume.dimensions[1]) - 0.5 : -0.5,
                                      corner & 4 ? static_cast<double>(volume.dimensions[2]) - 0.5 : -0.5);
    const Vec3 d{p[0] - job.plane.centreMm[0], p[1] - job.plane.centreMm[1], p[2] - job.plane.centreMm[2]};
    const double u = dot(d, job.plane.right), v = dot(d, job.plane.down);
    uMin = std::min(uMin, u);
    uMax = std::max(uMax, u);
    vMin = std::min(vMin, v);
    vMax = std::max(vMax, v);
  }
  const double halfW = job.width * job.mmPerPixel / 2, halfH = job.height * job.mmPerPixel / 2;
  uMin = std::max(uMin, -halfW);
  uMax = std::min(uMax, halfW);
  vMin = std::max(vMin, -halfH);
  vMax = std::min(vMax, halfH);
  if (uMax <= uMin || vMax <= vMin) return frame;  // the plane misses the volume
  // No finer than the data: a 0.5 mm screen pixel on 1 mm CT samples 4 times for nothing.
  const double pitch = std::max(job.mmPerPixel, std::min(volume.spacingMm[0], volume.spacingMm[1]));
  const int w = std::max(1, static_cast<int>(std::ceil((uMax - uMin) / pitch)));
  const int h = std::max(1, static_cast<int>(std::ceil((vMax - vMin) / pitch)));
  SampleRequest request;
  request.plane = job.plane;
  request.plane.centreMm = job.plane.toPatient((uMin + uMax) / 2, (vMin + vMax) / 2, 1.0);
  request.widthPx = w;
  request.heightPx = h;
  request.mmPerPixel = pitch;
  frame.target = QRectF(job.width / 2.0 + ((uMin + uMax) / 2 - w * pitch / 2) / job.mmPerPixel,
                        job.height / 2.0 + ((vMin + vMax) / 2 - h * pitch / 2) / job.mmPerPixel,
                        w * pitch / job.mmPerPixel, h * pitch / job.mmPerPixel);
  QImage image(w, h, QImage::Format_ARGB32);
  if (job.projection) {
    request.slabMode = SlabMode::Max;
    request.slabThicknessMm = extentAlongMm(job.base->volume(), job.plane.normal) + 1;
  } else {
    request.slabMode = job.slab;
    request.slabThicknessMm = job.slabMm;
  }
  const SampledSlice base = job.base->sampler().sample(request);
  const Lut& baseLut = lookupTable(job.baseMap);
  const double scale = job.base->displayScale();
  auto* pixels = reinterpret_cast<std::uint32_t*>(image.bits());
  const std::size_t n = base.values.size();
  for (std::size_t i = 0; i < n; ++i) {
    pixels[i] = base.inside[i]
                    ? baseLut[static_cast<std::size_t>(windowIndex(base.values[i] * scale, job.window, job.level))]
                    : 0xFF000000u;
  }
  if (job.fusion) {
    if (job.projection) request.slabThicknessMm = extentAlongMm(job.fusion->volume(), job.plane.normal) + 1;
    const SampledSlice pet = job.fusion->sampler().sample(request);
    const Lut& lut = lookupTable(job.fusionMap);
    const double petScale = job.fusion->displayScale();
    const double window = job.fusionHigh - job.fusionLow;
    const double level = (job.fusionHigh + job.fusionLow) / 2;
    const auto alpha = static_cast<std::uint32_t>(std::clamp(job.fusionOpacity, 0.0, 1.0) * 256);
    for (std::size_t i = 0; i < n; ++i) {
      if (!pet.inside[i]) continue;
      const int index = windowIndex(pet.values[i] * petScale, window, level);
      if (index == 0) continue;  // below the window: the anatomy shows through
      const std::uint32_t over = lut[static_cast<std::size_t>(index)];
      const std::uint32_t under = pixels[i];
      std::uint32_t out = 0xFF000000u;
      for (int shift = 0; shift < 24; shift += 8) {
        const std::uint32_t a = (over >> shift) & 0xFF;
        const std::uint32_t b = (under >> shift) & 0xFF;
        out |= (((a * alpha) + b * (256 - alpha)) >> 8) << shift;
      }
      pixels[i] = out;
    }
  }
  frame.image = std::move(image);
  return frame;
}

}  // namespace

SliceView::SliceView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 200);
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setAcceptDrops(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  cine_.setInterval(100);
  connect(&cine_, &QTimer::timeout, this, [this] {
    if (projection_) {
      // Rotate only once the last step is on screen: a step takes longer than a tick, and
      // invalidating a running projection would throw every result away.
      if (projectionPending_) return;
      rotationDeg_ = std::fmod(rotationDeg_ + 10, 360);
      invalidate();
    } else {
      scrollSlices(1);
    }
  });
  connect(&projectionWatcher_, &QFutureWatcher<RenderedFrame>::finished, this, [this] {
    projectionPending_ = false;
    if (jobGeneration_ == generation_) {
      frame_ = projectionWatcher_.result();
    } else {
      dirty_ = true;  // the view changed while this was computed: compute again
    }
    update();
  });
}

SliceView::~SliceView() { projectionWatcher_.waitForFinished(); }

void SliceView::setSeries(std::shared_ptr<LoadedSeries> series, Orientation orientation) {
  if (series != series_) {
    // The marks belong to the reading, not to the view: they stay, and show again on any series
    // of their frame of reference (isOnThisSlice).
    selected_.reset();
    editing_.reset();
    thickness_ = series ? seriesSliceThickness(series->volume()) : SliceThickness{};
  }
  series_ = std::move(series);
  frame_ = {};  // never show a picture of another series while the new one renders
  readoutText_.clear();  // the value under the cursor was the old series'

  orientation_ = orientation;
  fusion_.reset();
  resetView();
  defaultWindowing();
}

void SliceView::setFusion(std::shared_ptr<LoadedSeries> pet) {
  fusion_ = std::move(pet);
  readoutText_.clear();  // it named the old fusion's value
  if (fusion_ && series_ && series_->isFunctional()) {
    // PET onto PET makes no sense; the new one replaces the base instead.
    series_ = fusion_;
    fusion_.reset();
    defaultWindowing();
  } else if (fusion_ && !fusion_->hasSuv()) {
    // Bq/ml or SPECT counts: no SUV scale to window by, so use the data's own range.
    const auto [w, l] = fusion_->autoWindowLevel();
    setFusionWindow(0, l + w / 2);
  }
  invalidate();
}

void SliceView::setOrientation(Orientation orientation) {
  orientation_ = orientation;
  const Vec3 centre = crosshair_ ? *crosshair_ : (series_ ? volumeCentre(series_->volume()) : Vec3{});
  plane_ = ViewPlane::standard(orientation, centre);
  invalidate();
}

void SliceView::setProjection(bool on, double rotationDeg) {
  projection_ = on;
  rotationDeg_ = rotationDeg;
  if (on && series_ && series_->isPet()) baseMap_ = ColorMapKind::InvertedGrey;
  // A CT projection is dominated by bone: a wide window keeps it from saturating.
  if (on && series_ && series_->modality() == "CT") setWindowLevel(2500, 700);
  invalidate();
}

void SliceView::setSlab(SlabMode mode, double thicknessMm) {
  slabMode_ = mode;
  slabMm_ = thicknessMm;
  invalidate();
}

void SliceView::setWindowLevel(double window, double level) {
  setBaseWindow(window, level, presetNameOf(series_.get(), window, level));
}

void SliceView::setBaseWindow(double window, double level, const QString& name) {
  window_ = std::max(window, 1e-6);
  level_ = level;
  windowName_ = name;
  invalidate();
  emit windowChanged(this);
}

double SliceView::windowUnitsPerPixel() const { return dragUnitsPerPixel_; }

bool SliceView::applyPreset(const QString& name) {
  for (const auto& preset : kCtPresets) {
    if (name.compare(preset.name, Qt::CaseInsensitive) == 0) {
      setBaseWindow(preset.window, preset.level, preset.name);
      return true;
    }
  }
  for (const auto& preset : kPetPresets) {
    if (name.compare(preset.name, Qt::CaseInsensitive) == 0) {
      if (fusion_) {
        setFusionWindow(0, preset.window);
        windowName_ = preset.name;
        emit windowChanged(this);
      } else {
        setBaseWindow(preset.window, preset.level, preset.name);
      }
      return true;
    }
  }
  if (name.compare("auto", Qt::CaseInsensitive) == 0 && series_) {
    const auto [w, l] = series_->autoWindowLevel();
    setBaseWindow(w, l, QStringLiteral("auto"));
    return true;
  }
  return false;
}

void SliceView::setFusionWindow(double lowSuv, double highSuv) {
  fusionLow_ = lowSuv;
  fusionHigh_ = std::max(highSuv, lowSuv + 1e-6);
  windowName_ = QStringLiteral("custom");
  if (fusion_ && fusion_->hasSuv() && lowSuv == 0) {
    for (const auto& preset : kPetPresets) {
      if (preset.window == highSuv) windowName_ = preset.name;
    }
  }
  invalidate();
  emit windowChanged(this);
}

void SliceView::setFusionOpacity(double opacity) {
  fusionOpacity_ = std::clamp(opacity, 0.0, 1.0);
  invalidate();
}

void SliceView::setColorMap(ColorMapKind base, ColorMapKind fusion) {
  baseMap_ = base;
  fusionMap_ = fusion;
  invalidate();
}

void SliceView::setOverlaysVisible(bool visible) {
  overlays_ = visible;
  update();
}

void SliceView::setCrosshair(const Vec3& patientMm) {
  crosshair_ = patientMm;
  if (!projection_) plane_.moveAlongNormal(plane_.distanceMm(patientMm));
  invalidate();
}

void SliceView::scrollSlices(int steps) {
  if (!series_ || projection_) return;
  const auto& volume = series_->volume();
  const double step = spacingAlongMm(volume, plane_.normal);
  const double half = extentAlongMm(volume, plane_.normal) / 2;
  const Vec3 centre = volumeCentre(volume);
  const Vec3 offset{plane_.centreMm[0] - centre[0], plane_.centreMm[1] - centre[1],
                    plane_.centreMm[2] - centre[2]};
  const double now = dot(offset, plane_.normal);
  const double target = std::clamp(now + steps * step, -half, half);
  plane_.moveAlongNormal(target - now);
  invalidate();
  if (target != now) emit scrolled(this, target - now);
}

void SliceView::moveSliceMm(double mm) {
  if (projection_) return;
  plane_.moveAlongNormal(mm);
  invalidate();
}

void SliceView::setZoom(double zoom) {
  zoom_ = std::clamp(zoom, 0.1, 40.0);
  invalidate();
}

void SliceView::resetView() {
  zoom_ = 1;
  panPx_ = {};
  rotationDeg_ = 0;
  crosshair_.reset();
  plane_ = ViewPlane::standard(orientation_, series_ ? volumeCentre(series_->volume()) : Vec3{});
  invalidate();
}

void SliceView::startCine(bool on) {
  if (on) {
    cine_.start();
  } else {
    cine_.stop();
  }
}

void SliceView::defaultWindowing() {
  if (!series_) return;
  dragUnitsPerPixel_ = dragSensitivity(*series_);
  if (series_->modality() == "CT") {
    applyPreset("soft tissue");
    baseMap_ = ColorMapKind::Grey;
  } else if (series_->isFunctional()) {
    baseMap_ = ColorMapKind::InvertedGrey;
    if (series_->hasSuv()) {
      setWindowLevel(5, 2.5);
    } else {
      applyPreset("auto");
    }
  } else {
    baseMap_ = ColorMapKind::Grey;
    applyPreset("auto");
  }
}

double SliceView::mmPerPixel() const {
  if (!series_ || width() <= 0 || height() <= 0) return 1;
  const ViewPlane plane = projection_ ? projectionPlane() : plane_;
  const auto& v = series_->volume();
  const double fit = std::max(extentAlongMm(v, plane.right) / width(),
                              extentAlongMm(v, plane.down) / height()) * 1.05;
  return std::max(fit, 1e-3) / zoom_;
}

double SliceView::slicePositionMm() const {
  if (!series_) return 0;
  const Vec3 c = volumeCentre(series_->volume());
  return dot({plane_.centreMm[0] - c[0], plane_.centreMm[1] - c[1], plane_.centreMm[2] - c[2]},
             plane_.normal);
}

ViewPlane SliceView::projectionPlane() const {
  ViewPlane p = ViewPlane::standard(Orientation::Coronal,
                                    series_ ? volumeCentre(series_->volume()) : Vec3{});
  if (orientation_ == Orientation::Sagittal) {
    p = ViewPlane::standard(Orientation::Sagittal, p.centreMm);
  }
  const double a = rotationDeg_ * std::numbers::pi / 180;
  if (a != 0) {
    // Rotate right and normal about the body axis (z); down stays feet-ward.
    const Vec3 r = p.right, n = p.normal;
    p.right = {r[0] * std::cos(a) - r[1] * std::sin(a), r[0] * std::sin(a) + r[1] * std::cos(a), r[2]};
    p.normal = {n[0] * std::cos(a) - n[1] * std::sin(a), n[0] * std::sin(a) + n[1] * std::cos(a), n[2]};
  }
  return p;
}

Vec3 SliceView::patientAt(const QPointF& pos) const {
  ViewPlane plane = projection_ ? projectionPlane() : plane_;
  const double mm = mmPerPixel();
  plane.centreMm = plane.toPatient(-panPx_.x(), -panPx_.y(), mm);
  return plane.toPatient(pos.x() - (width() - 1) / 2.0, pos.y() - (height() - 1) / 2.0, mm);
}

Readout SliceView::readoutAt(const QPoint& pos) const {
  Readout r;
  if (!series_) return r;
  r.patientMm = patientAt(pos);
  double value = 0;
  if (!projection_ && series_->sampler().valueAt(r.patientMm, value)) {
    r.baseValue = value * series_->displayScale();
  }
  if (fusion_ && !projection_ && fusion_->sampler().valueAt(r.patientMm, value)) {
    r.fusionValue = value * fusion_->displayScale();
  }
  return r;
}

void SliceView::invalidate() {
  dirty_ = true;
  ++generation_;
  update();
}

ViewPlane SliceView::renderPlane() const {
  ViewPlane plane = projection_ ? projectionPlane() : plane_;
  plane.centreMm = plane.toPatient(-panPx_.x(), -panPx_.y(), mmPerPixel());
  return plane;
}

RenderJob SliceView::currentJob(const ViewPlane& plane, int width, int height) const {
  RenderJob job;
  job.base = series_;
  job.fusion = fusion_;
  job.plane = plane;
  job.width = width;
  job.height = height;
  job.mmPerPixel = mmPerPixel();
  job.slab = slabMode_;
  job.slabMm = slabMm_;
  job.projection = projection_;
  job.window = window_;
  job.level = level_;
  job.fusionLow = fusionLow_;
  job.fusionHigh = fusionHigh_;
  job.fusionOpacity = fusionOpacity_;
  job.baseMap = baseMap_;
  job.fusionMap = fusionMap_;
  return job;
}

void SliceView::startProjection() {
  const RenderJob job = currentJob(renderPlane(), width(), height());
  projectionPending_ = true;
  jobGeneration_ = generation_;
  dirty_ = false;
  projectionWatcher_.setFuture(QtConcurrent::run([job] { return renderJob(job); }));
}

bool SliceView::renderNow() {
  if (!dirty_ || !series_) return !projectionPending_;
  if (projection_) {
    // A projection reads the whole volume: never on the GUI thread.
    if (!projectionWatcher_.isRunning()) startProjection();
    return false;
  }
  frame_ = render(renderPlane(), width(), height());
  dirty_ = false;
  return true;
}

RenderedFrame SliceView::render(const ViewPlane& plane, int w, int h) const {
  return renderJob(currentJob(plane, w, h));
}

QImage SliceView::renderedImage() {
  // Tests and screenshots: render what is current, waiting for a projection if need be.
  for (int attempt = 0; attempt < 10; ++attempt) {
    if (projectionWatcher_.isRunning()) {
      projectionWatcher_.waitForFinished();
      projectionPending_ = false;
      if (jobGeneration_ == generation_) {
        frame_ = projectionWatcher_.result();
      } else {
        dirty_ = true;
      }
    }
    if (renderNow() && !dirty_) break;
  }
  // The view as painted, without overlays, at widget size.
  QImage view(size(), QImage::Format_ARGB32);
  view.fill(Qt::black);
  QPainter p(&view);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  if (!frame_.image.isNull()) p.drawImage(frame_.target, frame_.image);
  return view;
}

void SliceView::paintEvent(QPaintEvent*) {
  renderNow();
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  if (!series_) {
    shadowText(p, rect(), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Drop a series here, or double-click one in the study browser."));
    return;
  }
  if (!frame_.image.isNull()) {
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(frame_.target, frame_.image);
  }
  if (projectionPending_) {
    shadowText(p, rect().adjusted(0, 0, 0, -40), Qt::AlignHCenter | Qt::AlignBottom,
               tr("computing projection…"), QColor(255, 220, 120));
  }
  drawOverlays(p);
}

void SliceView::drawOverlays(QPainter& p) {
  if (!overlays_) return;  // O hides everything drawn over the anatomy, the crosshair included
  // The crosshair: a thin line pair through the linked point, in the plane.
  if (crosshair_ && !projection_) {
    const double mm = mmPerPixel();
    ViewPlane plane = plane_;
    plane.centreMm = plane.toPatient(-panPx_.x(), -panPx_.y(), mm);
    const Vec3 d{(*crosshair_)[0] - plane.centreMm[0], (*crosshair_)[1] - plane.centreMm[1],
                 (*crosshair_)[2] - plane.centreMm[2]};
    const double x = dot(d, plane.right) / mm + (width() - 1) / 2.0;
    const double y = dot(d, plane.down) / mm + (height() - 1) / 2.0;
    p.setPen(QPen(QColor(80, 220, 120, 170), 1, Qt::DashLine));
    p.drawLine(QPointF(x, 0), QPointF(x, height()));
    p.drawLine(QPointF(0, y), QPointF(width(), y));
  }
  drawMeasurements(p);
  QFont font = p.font();
  font.setPointSizeF(9.5);
  p.setFont(font);
  const QRect box = rect().adjusted(8, 6, -8, -6);
  const OverlayTexts texts = overlayTexts();
  shadowText(p, box, Qt::AlignLeft | Qt::AlignTop, texts.topLeft);
  shadowText(p, box, Qt::AlignRight | Qt::AlignTop, texts.topRight);
  shadowText(p, box, Qt::AlignLeft | Qt::AlignBottom, texts.bottomLeft);
  if (!texts.bottomRight.isEmpty()) {
    shadowText(p, box, Qt::AlignRight | Qt::AlignBottom, texts.bottomRight, QColor(255, 230, 140));
  }
  if (const auto bar = colorBar()) drawColorBar(p, *bar);
  // Orientation letters at the edges.
  const ViewPlane plane = projection_ ? projectionPlane() : plane_;
  const Vec3 left{-plane.right[0], -plane.right[1], -plane.right[2]};
  const Vec3 up{-plane.down[0], -plane.down[1], -plane.down[2]};
  QFont big = font;
  big.setPointSizeF(11);
  big.setBold(true);
  p.setFont(big);
  shadowText(p, rect(), Qt::AlignLeft | Qt::AlignVCenter, QString(" ") + orientationLetter(left));
  shadowText(p, rect(), Qt::AlignRight | Qt::AlignVCenter, QString(orientationLetter(plane.right)) + " ");
  shadowText(p, rect().adjusted(0, 4, 0, 0), Qt::AlignHCenter | Qt::AlignTop, QString(orientationLetter(up)));
  shadowText(p, rect().adjusted(0, 0, 0, -4), Qt::AlignHCenter | Qt::AlignBottom,
             QString(orientationLetter(plane.down)));
  // Scale bar: 50 mm, or 10 mm when zoomed far in.
  p.setFont(font);
  const double mm = mmPerPixel();
  const double barMm = 50 / mm > width() / 3.0 ? 10 : 50;
  const int barPx = static_cast<int>(barMm / mm);
  // Bottom right, above the read-out; the bottom centre belongs to the orientation letter.
  const int x0 = width() - barPx - 14;
  const int y0 = height() - 70;
  for (const auto& [colour, widthPx] : {std::pair{QColor(0, 0, 0, 180), 4}, std::pair{QColor(235, 235, 235), 2}}) {
    p.setPen(QPen(colour, widthPx));  // dark under light: visible on black and on white
    p.drawLine(x0, y0, x0 + barPx, y0);
    p.drawLine(x0, y0 - 4, x0, y0 + 4);
    p.drawLine(x0 + barPx, y0 - 4, x0 + barPx, y0 + 4);
  }
  shadowText(p, QRect(x0 + barPx / 2 - 40, y0 - 20, 80, 14), Qt::AlignCenter, tr("%1 mm").arg(barMm));
}

OverlayTexts SliceView::overlayTexts() const {
  OverlayTexts t;
  if (!series_) return t;
  // Patient and study (top left), series (top right).
  t.topLeft = series_->patientName + "\n" + tr("ID %1").arg(series_->patientId) + "\n" +
              series_->studyDate;
  if (!timepointCaption_.isEmpty()) t.topLeft += "\n" + timepointCaption_;
  t.topRight = series_->modality() + "  " + series_->seriesDescription + "\n" +
               (projection_ ? tr("MIP %1°").arg(rotationDeg_, 0, 'f', 0)
                            : QString(orientationName(orientation_)));
  if (fusion_) {
    t.topRight += "\n+ " + fusion_->modality() + " " + fusion_->seriesDescription + " (" +
                  fusion_->unit() + ")";
    if (!fusion_->hasSuv()) t.topRight += "\n" + tr("no SUV: %1").arg(fusion_->suvNote());
  } else if (series_->isPet() && !series_->hasSuv()) {
    t.topRight += "\n" + tr("values in Bq/ml — no SUV: %1").arg(series_->suvNote());
  }
  if (!caption_.isEmpty()) t.topRight += "\n" + caption_;
  // Slice, position and windowing (bottom left), read-out (bottom right).
  if (projection_) {
    t.bottomLeft = tr("projection (maximum)");
  } else {
    const auto [slice, count] = sliceNumber();
    t.bottomLeft = tr("slice %1 / %2").arg(slice).arg(count) + "\n" +
                   tr("position %1 mm").arg(slicePositionMm(), 0, 'f', 1);
  }
  const QString unit = series_->unit();
  t.bottomLeft +=
      "\n" + tr("W %1  L %2 %3").arg(window_, 0, 'g', 4).arg(level_, 0, 'g', 4).arg(unit);
  if (fusion_) {
    t.bottomLeft +=
        "\n" + tr("PET %1–%2 %3").arg(fusionLow_).arg(fusionHigh_).arg(fusion_->unit());
  }
  t.bottomLeft += "\n" + tr("zoom %1 %").arg(zoom_ * 100, 0, 'f', 0);
  if (tool_ != MeasureTool::Navigate) {
    const QString toolName = tool_ == MeasureTool::Caliper         ? tr("caliper")
                             : tool_ == MeasureTool::Bidirectional ? tr("bidirectional")
                             : tool_ == MeasureTool::Roi           ? tr("ROI (Shift: sphere)")
                                                                   : tr("point");
    // The thickness the "2 × slice thickness" rule uses, so a reader can check it.
    t.bottomLeft +=
        "\n" + tr("tool: %1 — slices %2 mm").arg(toolName).arg(thickness_.mm, 0, 'f', 1);
  }
  t.bottomRight = readoutText_;
  return t;
}

std::pair<int, int> SliceView::sliceNumber() const {
  if (!series_ || projection_) return {0, 0};
  // Counted along the stored axis closest to the normal (the one scrolling steps along), from
  // the first stored slice: slice 1 of an axial CT is its first image in position order.
  const auto& v = series_->volume();
  std::size_t axis = 0;
  double best = -1;
  for (std::size_t a = 0; a < 3; ++a) {
    const Vec3 d{v.direction[a], v.direction[3 + a], v.direction[6 + a]};
    const double alignment = std::abs(dot(d, plane_.normal));
    if (alignment > best) {
      best = alignment;
      axis = a;
    }
  }
  const int count = static_cast<int>(v.dimensions[axis]);
  if (count <= 0) return {0, 0};
  const auto voxel = v.toVoxel(plane_.centreMm);
  const int slice = static_cast<int>(std::lround(voxel[axis])) + 1;
  return {std::clamp(slice, 1, count), count};
}

std::optional<ColorBar> SliceView::colorBar() const {
  if (!series_ || !overlays_) return std::nullopt;
  ColorBar bar;
  if (fusion_) {
    bar.map = fusionMap_;
    bar.low = fusionLow_;
    bar.high = fusionHigh_;
    bar.unit = fusion_->unit();
  } else if (series_->isFunctional()) {
    bar.map = baseMap_;
    bar.low = level_ - window_ / 2;
    bar.high = level_ + window_ / 2;
    bar.unit = series_->unit();
  } else {
    return std::nullopt;
  }
  // Right edge, centred in height: clear of the corner texts, inside the orientation letter.
  const int barHeight = std::clamp(height() / 3, 60, 240);
  bar.rect = QRect(width() - 44, (height() - barHeight) / 2, 12, barHeight);
  bar.highLabel = QString("%1 %2").arg(bar.high, 0, 'g', 4).arg(bar.unit);
  bar.lowLabel = QString("%1 %2").arg(bar.low, 0, 'g', 4).arg(bar.unit);
  return bar;
}

void SliceView::drawColorBar(QPainter& p, const ColorBar& bar) {
  const Lut& lut = lookupTable(bar.map);
  const QRect& r = bar.rect;
  // One row per pixel, top = the window's high end, exactly the colours the image uses.
  for (int y = 0; y < r.height(); ++y) {
    const double t = r.height() > 1 ? 1.0 - static_cast<double>(y) / (r.height() - 1) : 1.0;
    p.setPen(QColor::fromRgb(lut[static_cast<std::size_t>(std::lround(t * 255))]));
    p.drawLine(r.left(), r.top() + y, r.right(), r.top() + y);
  }
  p.setPen(QColor(200, 200, 200));
  p.setBrush(Qt::NoBrush);
  p.drawRect(r.adjusted(-1, -1, 0, 0));  // the outline sits outside the colours
  // The labels right-aligned to the view's margin, the high end above the bar, the low below.
  const QRect labels(width() - 8 - 160, 0, 160, 16);
  const int flags = Qt::AlignRight | Qt::AlignVCenter;
  shadowText(p, labels.translated(0, r.top() - 20), flags, bar.highLabel);
  shadowText(p, labels.translated(0, r.bottom() + 5), flags, bar.lowLabel);
}

void SliceView::setTimepointCaption(const QString& caption) {
  timepointCaption_ = caption;
  update();
}

void SliceView::resizeEvent(QResizeEvent*) { invalidate(); }

void SliceView::mousePressEvent(QMouseEvent* event) {
  emit activated(this);
  setFocus();
  lastMouse_ = event->position().toPoint();
  dragButton_ = event->button();
  pressModifiers_ = event->modifiers();  // ROI (H5): Shift draws a sphere
  if (event->button() == Qt::LeftButton && toolPress(event->position())) return;
  if (event->button() == Qt::LeftButton && series_) {
    if (projection_) {
      jumpToHottestAlongRay(event->position());
    } else {
      const Vec3 p = patientAt(event->position());
      crosshair_ = p;
      emit crosshairMoved(p);
      update();
    }
  }
}

void SliceView::jumpToHottestAlongRay(const QPointF& pos) {
  // The ray through the clicked pixel, along the projection's normal: the hottest voxel on it
  // is where the MIP's brightness came from.
  const auto& target = fusion_ ? fusion_ : series_;
  const ViewPlane plane = projectionPlane();
  const Vec3 start = patientAt(pos);
  const double half = extentAlongMm(target->volume(), plane.normal) / 2 + 1;
  const double step = spacingAlongMm(target->volume(), plane.normal) / 2;
  double best = -1e300;
  std::optional<Vec3> hottest;
  for (double t = -half; t <= half; t += step) {
    const Vec3 q{start[0] + plane.normal[0] * t, start[1] + plane.normal[1] * t, start[2] + plane.normal[2] * t};
    double value = 0;
    if (target->sampler().valueAt(q, value) && value > best) {
      best = value;
      hottest = q;
    }
  }
  if (hottest) emit crosshairMoved(*hottest);
}

void SliceView::mouseMoveEvent(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  const QPoint delta = pos - lastMouse_;
  lastMouse_ = pos;
  if (dragButton_ == Qt::RightButton) {
    // Right drag: horizontal = window, vertical = level (up raises the level), linear at the
    // modality's rate (dragSensitivity): the window never shrinks below one pixel's worth.
    const double k = dragUnitsPerPixel_;
    setWindowLevel(std::max(window_ + delta.x() * k, k), level_ - delta.y() * k);
  } else if (dragButton_ == Qt::MiddleButton) {
    panPx_ += delta;
    invalidate();
  } else if (dragButton_ == Qt::LeftButton && editing_) {
    measurements_->movePoint(editing_->first, editing_->second, patientAt(event->position()),
                            editContinuing_);
    editContinuing_ = true;
    emit measurementsChanged();
  }
  if (!series_) return;
  const Readout r = readoutAt(pos);
  QStringList parts;
  if (r.baseValue) parts << QString("%1 %2").arg(*r.baseValue, 0, 'f', series_->isPet() ? 2 : 0).arg(series_->unit());
  if (r.fusionValue) parts << QString("%1 %2").arg(*r.fusionValue, 0, 'f', 2).arg(fusion_->unit());
  readoutText_ = parts.join("   ");
  update();
}

void SliceView::mouseReleaseEvent(QMouseEvent*) {
  if (dragButton_ == Qt::LeftButton) toolRelease();
  dragButton_ = Qt::NoButton;
}

void SliceView::wheelEvent(QWheelEvent* event) {
  const int steps = event->angleDelta().y() / 120;
  if (event->modifiers() & Qt::ControlModifier) {
    setZoom(zoom_ * std::pow(1.15, steps));
  } else {
    scrollSlices(-steps);
  }
}

void SliceView::keyPressEvent(QKeyEvent* event) {
  if (toolKey(event)) return;
  switch (event->key()) {
    case Qt::Key_Up: scrollSlices(1); return;
    case Qt::Key_Down: scrollSlices(-1); return;
    case Qt::Key_PageUp: scrollSlices(10); return;
    case Qt::Key_PageDown: scrollSlices(-10); return;
    case Qt::Key_Plus: case Qt::Key_Equal: setZoom(zoom_ * 1.25); return;
    case Qt::Key_Minus: setZoom(zoom_ / 1.25); return;
    case Qt::Key_R: resetView(); defaultWindowing(); return;
    case Qt::Key_O: setOverlaysVisible(!overlays_); return;
    case Qt::Key_C: startCine(!cine_.isActive()); return;
    case Qt::Key_V:  // next orientation: axial, coronal, sagittal (a MIP: coronal, sagittal)
      if (projection_) {
        orientation_ = orientation_ == Orientation::Sagittal ? Orientation::Coronal : Orientation::Sagittal;
        invalidate();
      } else {
        setOrientation(orientation_ == Orientation::Axial     ? Orientation::Coronal
                       : orientation_ == Orientation::Coronal ? Orientation::Sagittal
                                                              : Orientation::Axial);
      }
      return;
    case Qt::Key_F1: case Qt::Key_Question: emit helpRequested(); return;
    default: break;
  }
  const int digit = event->key() - Qt::Key_1;
  if (series_ && digit >= 0 && digit < 5) {
    if (series_->modality() == "CT") {
      applyPreset(kCtPresets[static_cast<std::size_t>(digit)].name);
    } else if (digit < 3) {
      applyPreset(kPetPresets[static_cast<std::size_t>(digit)].name);
    }
    return;
  }
  QWidget::keyPressEvent(event);
}

void SliceView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kSeriesMime)) event->acceptProposedAction();
}

void SliceView::dropEvent(QDropEvent* event) {
  const qlonglong id = event->mimeData()->data(kSeriesMime).toLongLong();
  emit seriesDropped(this, id);
  event->acceptProposedAction();
}

QString SliceView::shortcutsHelp() {
  return tr(
      "<table>"
      "<tr><td><b>Wheel</b>, Up/Down</td><td>next / previous slice</td></tr>"
      "<tr><td>Page Up/Down</td><td>10 slices</td></tr>"
      "<tr><td><b>Left click</b></td><td>move the crosshair; linked views follow (on a MIP: jump to the hottest voxel)</td></tr>"
      "<tr><td><b>Right drag</b></td><td>window (left/right) and level (up/down)</td></tr>"
      "<tr><td><b>Middle drag</b></td><td>pan</td></tr>"
      "<tr><td>Ctrl+wheel, + / -</td><td>zoom</td></tr>"
      "<tr><td>1 … 5</td><td>CT presets: soft tissue, lung, bone, brain, liver; PET: SUV 0–5, 0–10, 0–15</td></tr>"
      "<tr><td>R</td><td>reset view and window</td></tr>"
      "<tr><td>C</td><td>cine (slices, or rotation on a MIP)</td></tr>"
      "<tr><td>V</td><td>next orientation (axial, coronal, sagittal; a MIP: coronal, sagittal)</td></tr>"
      "<tr><td>O</td><td>overlays, crosshair and measurements on / off</td></tr>"
      "<tr><td><b>M</b></td><td>caliper: left drag draws a line; the label says whether it is measurable (RECIST 1.1)</td></tr>"
      "<tr><td><b>B</b></td><td>bidirectional: drag the long axis, then drag again for the short axis (kept perpendicular)</td></tr>"
      "<tr><td><b>P</b></td><td>point marker</td></tr>"
      "<tr><td><b>E</b></td><td>ROI: drag an ellipse (Shift: a circle) for HU or SUV statistics over the ellipsoid or sphere it stands for</td></tr>"
      "<tr><td>N</td><td>selected bidirectional mark is a lymph node (judged by its short axis) / is not</td></tr>"
      "<tr><td>Esc</td><td>back to navigating (left click moves the crosshair)</td></tr>"
      "<tr><td>Delete</td><td>remove the selected mark (drag a mark's end to move it)</td></tr>"
      "<tr><td>Ctrl+Z, Ctrl+Shift+Z</td><td>undo, redo</td></tr>"
      "<tr><td>F1, ?</td><td>this help</td></tr>"
      "</table>");
}

// --- Measuring -------------------------------------------------------------------------------

}  // namespace nbra::viewer
