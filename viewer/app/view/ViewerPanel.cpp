#include "viewer/app/view/ViewerPanel.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QMessageBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <variant>

#include "dicom/index/HeaderReader.h"
#include "viewer/app/browser/DicomText.h"

namespace nbra::viewer {

const char* toString(ViewLayout layout) {
  switch (layout) {
    case ViewLayout::Single: return "single";
    case ViewLayout::OneByTwo: return "1x2";
    case ViewLayout::TwoByTwo: return "2x2";
    case ViewLayout::Mpr: return "mpr";
  }
  return "single";
}

bool parseLayout(const QString& name, ViewLayout& layout) {
  for (ViewLayout l : {ViewLayout::Single, ViewLayout::OneByTwo, ViewLayout::TwoByTwo, ViewLayout::Mpr}) {
    if (name.compare(toString(l), Qt::CaseInsensitive) == 0) {
      layout = l;
      return true;
    }
  }
  return false;
}

ViewerPanel::ViewerPanel(QWidget* parent) : QWidget(parent) {
  pages_ = new QStackedWidget;
  grid_ = new QWidget;
  gridLayout_ = new QGridLayout(grid_);
  gridLayout_->setContentsMargins(0, 0, 0, 0);
  gridLayout_->setSpacing(2);
  for (int i = 0; i < 4; ++i) {
    auto* view = new SliceView;
    views_.append(view);
    connect(view, &SliceView::crosshairMoved, this, &ViewerPanel::onCrosshair);
    connect(view, &SliceView::activated, this, &ViewerPanel::setActiveView);
    connect(view, &SliceView::scrolled, this, &ViewerPanel::onScrolled);
    connect(view, &SliceView::windowChanged, this, &ViewerPanel::windowChanged);
    connect(view, &SliceView::seriesDropped, this, &ViewerPanel::seriesDropped);
    view->setMeasurementSet(marks_);
    connect(view, &SliceView::measurementsChanged, this, [this] {
      for (auto* v : views_) v->update();  // a shared mark changed: every view repaints it
      emit measurementsChanged();
    });
    connect(view, &SliceView::toolChanged, this, &ViewerPanel::setTool);
    connect(view, &SliceView::markDrawn, this, [this, view](int id) { emit markDrawn(view, id); });
    connect(view, &SliceView::markSelected, this, [this, view](int id) { emit markSelected(view, id); });
    connect(view, &SliceView::helpRequested, this, [this] {
      QMessageBox::information(this, tr("Viewer shortcuts"), SliceView::shortcutsHelp());
    });
  }
  planar_ = new PlanarView;
  pages_->addWidget(grid_);
  pages_->addWidget(planar_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);
  active_ = views_.front();
  arrange();
}

void ViewerPanel::arrange() {
  for (auto* v : views_) {
    gridLayout_->removeWidget(v);
    v->hide();
  }
  const int count = layout_ == ViewLayout::Single ? 1 : layout_ == ViewLayout::OneByTwo ? 2 : 4;
  for (int i = 0; i < count; ++i) {
    gridLayout_->addWidget(views_[i], i / 2, i % 2);
    views_[i]->show();
  }
  if (!visibleViews().contains(active_)) setActiveView(views_.front());
}

void ViewerPanel::setViewLayout(ViewLayout layout) {
  const ViewLayout previous = layout_;
  layout_ = layout;
  pages_->setCurrentWidget(grid_);
  arrange();
  if (layout == ViewLayout::Mpr && previous != ViewLayout::Mpr && active_->series()) {
    auto series = active_->series();
    auto fusion = active_->fusion();
    showSeries(series);
    if (fusion) showFusion(fusion);
  } else if (previous == ViewLayout::Mpr) {
    for (auto* v : views_) v->setProjection(false);
  }
  emit layoutChanged(layout);
}

QList<SliceView*> ViewerPanel::visibleViews() const {
  QList<SliceView*> out;
  const int count = layout_ == ViewLayout::Single ? 1 : layout_ == ViewLayout::OneByTwo ? 2 : 4;
  for (int i = 0; i < count; ++i) out.append(views_[i]);
  return out;
}

void ViewerPanel::setActiveView(SliceView* view) {
  if (view == active_) return;
  active_ = view;
  emit activeViewChanged(view);
}

void ViewerPanel::focusActiveView() {
  if (showingPlanar()) {
    planar_->setFocus(Qt::OtherFocusReason);
  } else if (active_) {
    active_->setFocus(Qt::OtherFocusReason);
  }
}

void ViewerPanel::setTimepointCaption(const QString& caption) {
  for (auto* v : views_) v->setTimepointCaption(caption);
  planar_->setTimepointCaption(caption);
}

bool ViewerPanel::showingPlanar() const { return pages_->currentWidget() == planar_; }

void ViewerPanel::showSeries(const std::shared_ptr<LoadedSeries>& series) {
  pages_->setCurrentWidget(grid_);
  if (series->isFunctional() && active_->series() && !active_->series()->isFunctional() &&
      active_->series()->volume().frameOfReferenceUid == series->volume().frameOfReferenceUid) {
    showFusion(series);
    return;
  }
  if (layout_ == ViewLayout::Mpr) {
    const Orientation orientations[3] = {Orientation::Axial, Orientation::Coronal, Orientation::Sagittal};
    for (int i = 0; i < 3; ++i) {
      views_[i]->setProjection(false);
      views_[i]->setSeries(series, orientations[i]);
    }
    views_[3]->setSeries(series, Orientation::Coronal);
    views_[3]->setProjection(true);
    onCrosshair(volumeCentre(series->volume()));  // MPR starts with its crosshair at the centre
    return;
  }
  active_->setProjection(false);
  active_->setSeries(series, Orientation::Axial);
}

void ViewerPanel::showFusion(const std::shared_ptr<LoadedSeries>& pet) {
  pages_->setCurrentWidget(grid_);
  const auto targets = layout_ == ViewLayout::Mpr ? visibleViews() : QList<SliceView*>{active_};
  for (auto* v : targets) {
    if (!v->series()) continue;
    if (v->isProjection()) {
      // The MIP shows the PET alone: a projection of CT under it would only hide the uptake.
      v->setSeries(pet, Orientation::Coronal);
      v->setProjection(true);
    } else {
      v->setFusion(pet);
    }
  }
}

void ViewerPanel::showPlanar(std::vector<PlanarView::Panel> panels, const QString& patientText) {
  // The slice views held the series shown before, perhaps another patient's: a change of layout
  // would bring it back under this patient's name in the browser. They are emptied.
  for (auto* v : views_) {
    v->setProjection(false);
    v->setSeries(nullptr, Orientation::Axial);
  }
  planar_->setViews(std::move(panels), patientText);
  // The patient lines every view shows; the file is only read when it is one (a header read).
  QString name, id, date;
  if (!patientText.isEmpty() && QFileInfo(patientText).isFile()) {
    const auto header = nbra::dicom::readHeader(patientText.toStdString());
    if (const auto* h = std::get_if<nbra::dicom::InstanceHeader>(&header)) {
      // Written as the slice views write them (LoadedSeries): "FAMILY, GIVEN", "2026-01-15".
      name = displayPersonName(h->patientName);
      id = QString::fromStdString(h->patientId);
      date = displayDate(h->studyDate);
    }
  }
  planar_->setPatient(name, id, date);
  pages_->setCurrentWidget(planar_);
}

void ViewerPanel::setReadingMarks(std::shared_ptr<MeasurementSet> marks) {
  marks_ = marks ? std::move(marks) : std::make_shared<MeasurementSet>();
  for (auto* v : views_) {
    v->setMeasurementSet(marks_);
    v->setMarksReadOnly(false);
  }
  emit measurementsChanged();
}

void ViewerPanel::setViewMarks(SliceView* view, std::shared_ptr<MeasurementSet> marks, bool readOnly) {
  view->setMeasurementSet(std::move(marks));
  view->setMarksReadOnly(readOnly);
}

void ViewerPanel::setMarkNamer(SliceView::MarkNamer namer) {
  for (auto* v : views_) v->setMarkNamer(namer);
}

void ViewerPanel::setTool(MeasureTool tool) {
  if (tool == tool_) return;  // each view's toolChanged comes back here: stop there
  tool_ = tool;
  for (auto* v : views_) v->setTool(tool);
  emit toolChanged(tool);
}

void ViewerPanel::jumpTo(const Vec3& patientMm) {
  onCrosshair(patientMm);
  for (auto* v : visibleViews()) v->centreOn(patientMm);
}

void ViewerPanel::onCrosshair(const Vec3& patientMm) {
  for (auto* v : visibleViews()) {
    if (v->series()) v->setCrosshair(patientMm);
  }
}

void ViewerPanel::onScrolled(SliceView* source, double mm) {
  if (layout_ == ViewLayout::Mpr) {
    // MPR: the crosshair follows the scrolled plane (moved along its normal only), so the
    // reference lines on the other planes move with every wheel step or arrow key, not only
    // on a click. The other planes do not move: the point stays on them.
    if (!source->series()) return;
    Vec3 p = source->crosshair().value_or(source->plane().centreMm);
    const double off = source->plane().distanceMm(p);
    for (std::size_t i = 0; i < 3; ++i) p[i] -= source->plane().normal[i] * off;
    onCrosshair(p);
    return;
  }
  if (!linkedScrolling_) return;
  for (auto* v : visibleViews()) {
    if (v == source || !v->series() || v->orientation() != source->orientation()) continue;
    const bool sameFrame = v->series()->volume().frameOfReferenceUid ==
                           source->series()->volume().frameOfReferenceUid;
    if (sameFrame) {
      // Same patient position: put the other plane through this plane's centre.
      v->moveSliceMm(v->plane().distanceMm(source->plane().centreMm));
    } else {
      v->moveSliceMm(mm);  // no shared coordinates: keep the offset the reader set up
    }
  }
}

}  // namespace nbra::viewer
