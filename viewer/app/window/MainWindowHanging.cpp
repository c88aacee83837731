// The timepoint hanging protocol in the workstation (docs/hanging.md): opening a read loads its
// studies by itself, one display set at a time (CT/MR, MIBG planar, FDG-PET/CT), the current
// timepoint beside its baseline, each view captioned with its role, timepoint and date. The plan
// is the application core's (workflow::planHanging); this file only loads what it says, in order,
// and refuses a series of another patient while a read is open.
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QMessageBox>
#include <QTimer>

#include "dicom/index/ImageIndex.h"
#include "records/store/TrialRecord.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/view/PlanarPanels.h"
#include "viewer/app/view/SliceView.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/hanging/HangingPlan.h"
#include "workflow/hanging/ReadPatient.h"

namespace nbra::viewer {


QString MainWindow::seriesPatientProblem(qint64 seriesId) {
  if (!read_ || !hangCurrent_) {
    return {};
  }
  const auto series = workflow::indexedSeries(*index_, seriesId);
  if (!series) {
    return {};
  }
  return workflow::checkSeriesBelongsToRead(*series, *hangCurrent_, hangBaseline_);
}

QString MainWindow::baselineViewRefusal(SliceView* view, qint64 seriesId) {
  if (!read_ || !baselineMarks_ || !hangCurrent_ || !view->marksReadOnly()) {
    return {};
  }
  const auto series = workflow::indexedSeries(*index_, seriesId);
  if (!series) {
    return {};
  }
  for (const workflow::HangingSeries& s : hangCurrent_->series) {
    if (s.studyUid == series->studyUid) {
      return tr("This view shows the baseline, read-only: nothing can be measured on it. Drop "
                "the series of %1 on the view of the current timepoint (right).")
          .arg(read_->timepointLabel());
    }
  }
  return {};
}

void MainWindow::hangRead(const QString& studyId, const QString& label,
                          const QString& baselineLabel) {
  hangSteps_.clear();
  hangAwaitingLoad_ = false;
  hangNote_.clear();
  hangPlan_ = {};
  hangCurrent_.reset();
  hangBaseline_.reset();
  stageBox_->clear();
  stageBox_->setVisible(false);
  stageLabel_->setVisible(false);
  try {
    const records::SubjectRecord subject = record_->subject(studyId);
    for (const records::TimepointRecord& t : subject.timepoints) {
      if (t.label == label)
        hangCurrent_ = workflow::timepointStudiesFromIndex(*index_, t);
      if (!baselineLabel.isEmpty() && t.label == baselineLabel)
        hangBaseline_ = workflow::timepointStudiesFromIndex(*index_, t);
    }
  } catch (const std::exception& e) {
    status_->setText(
        tr("The read's studies could not be found: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  if (!hangCurrent_) {
    return;
  }
  hangPlan_ = workflow::planHanging(*hangCurrent_, hangBaseline_);
  if (hangPlan_.blocked()) {
    QMessageBox::warning(this, tr("Read not hung"), hangPlan_.blockingProblem);
    return;
  }
  QStringList missing = hangCurrent_->missingStudyUids;
  if (hangBaseline_)
    missing += hangBaseline_->missingStudyUids;
  // Said in the read's banner, not in a box: the read is usable, only images are missing.
  hangNote_ = missing.isEmpty()
                  ? QString()
                  : tr("%n study(ies) of this read are not in this workstation's images: import or "
                       "retrieve them (File > Query/Retrieve…), then open the read again.",
                       "", static_cast<int>(missing.size()));
  updateReadState();
  for (const workflow::HangingStage& stage : hangPlan_.stages) {
    stageBox_->addItem(tr("%1 (%2)").arg(stage.name, workflow::layoutName(stage.layout)));
  }
  stageBox_->setVisible(!hangPlan_.stages.empty());
  stageLabel_->setVisible(!hangPlan_.stages.empty());
  stageBox_->setToolTip(hangPlan_.notes.join('\n'));
  if (!hangPlan_.stages.empty()) {
    applyHangingStage(0);
  }
}

void MainWindow::applyHangingStage(int index) {
  if (index < 0 || index >= static_cast<int>(hangPlan_.stages.size()) || isLoading()) {
    return;
  }
  if (stageBox_->currentIndex() != index) {
    const QSignalBlocker quiet(stageBox_);
    stageBox_->setCurrentIndex(index);
  }
  const workflow::HangingStage& stage = hangPlan_.stages[static_cast<std::size_t>(index)];
  const QString timepoint = tr("Timepoint: %1").arg(read_ ? read_->timepointLabel() : QString());
  // Planar MIBG: one page of views, the baseline's anterior and posterior before the current's.
  const bool planar = std::any_of(stage.panes.begin(), stage.panes.end(), [](const auto& p) {
    return p.kind == workflow::PaneKind::Planar;
  });
  if (planar) {
    try {
      std::vector<PlanarView::Panel> panels;
      std::string firstFile;
      for (const workflow::HangingPane& pane : stage.panes) {
        std::vector<std::string> files;
        for (const auto& f : index_->seriesFiles(pane.seriesId))
          files.push_back(f.path);
        const bool baseline = pane.role == workflow::PaneRole::Baseline;
        auto more = planarPanels(files, stage.panes.size() > 1
                                            ? (baseline ? tr("BASELINE ") : tr("CURRENT "))
                                            : QString());
        if (!files.empty() && (firstFile.empty() || !baseline))
          firstFile = files.front();
        for (auto& p : more)
          panels.push_back(std::move(p));
      }
      viewer_->showPlanar(std::move(panels), QString::fromStdString(firstFile));
      viewer_->planarView()->setTimepointCaption(timepoint);
      status_->setText(tr("%1: %2").arg(
          stage.name, stage.panes.size() > 1 ? tr("baseline left, current right") : tr("current")));
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("MIBG planar"), QString::fromUtf8(e.what()));
    }
    return;
  }
  viewer_->setViewLayout(stage.layout == workflow::HangingLayout::OneByTwo ? ViewLayout::OneByTwo
                                                                           : ViewLayout::Single);
  const QList<SliceView*> views = viewer_->visibleViews();
  // The left view of a follow-up shows the baseline's marks, read-only; alone on screen (no
  // baseline of this kind) it shows the read's own marks, to be measured.
  if (baselineMarks_) {
    const bool besideBaseline = views.size() > 1;
    viewer_->setViewMarks(views.front(), besideBaseline ? baselineMarks_ : viewer_->readingMarks(),
                          besideBaseline || (read_ && read_->status() == "signed"));
  }
  SliceView* currentView = views.back();
  for (const workflow::HangingPane& pane : stage.panes) {
    if (pane.slot >= views.size())
      continue;
    SliceView* view = views[pane.slot];
    if (pane.role == workflow::PaneRole::Current)
      currentView = view;
    // The role, short, at the top right (the series' own lines are there); the whole caption
    // (role, timepoint, date, read-only) on the timepoint line at the left, which has the room.
    const bool baseline = pane.role == workflow::PaneRole::Baseline;
    const QString role = baseline ? tr("BASELINE · read-only") : tr("CURRENT");
    const QString caption = pane.caption;
    const qint64 seriesId = pane.seriesId;
    hangSteps_.push_back([this, view, role, caption, seriesId] {
      viewer_->setActiveView(view);
      view->setCaption(role);
      view->setTimepointCaption(caption);
      hangAwaitingLoad_ = true;
      openSeries(seriesId);
    });
    if (pane.fusedSeriesId) {
      const qint64 pet = *pane.fusedSeriesId;
      hangSteps_.push_back([this, view, pet] {
        viewer_->setActiveView(view);
        hangAwaitingLoad_ = true;
        openSeries(pet);
      });
    }
  }
  hangSteps_.push_back([this, currentView] {
    viewer_->setActiveView(currentView);
    viewer_->focusActiveView();
    emit hangingDone();
  });
  runNextHangingStep();
}

void MainWindow::runNextHangingStep() {
  if (hangSteps_.empty()) {
    return;
  }
  auto step = std::move(hangSteps_.front());
  hangSteps_.pop_front();
  step();
}

void MainWindow::buildHangingControls(QLayout* bannerLayout) {
  stageBox_ = new QComboBox;
  stageBox_->setObjectName("hangingStage");
  stageBox_->setToolTip(tr("The read's display sets (hanging protocol)"));
  auto* label = new QLabel(tr("Display:"));
  label->setBuddy(stageBox_);
  label->setVisible(false);
  bannerLayout->addWidget(label);
  bannerLayout->addWidget(stageBox_);
  stageLabel_ = label;  // shown with the choice, when the read has images to hang
  connect(stageBox_, &QComboBox::activated, this, [this](int i) { applyHangingStage(i); });
  // The series a step asked for, once loaded (or refused), starts the next step. Only that one:
  // a series opened by hand meanwhile does not move the display set on.
  connect(this, &MainWindow::seriesOpened, this, [this] {
    if (!hangAwaitingLoad_)
      return;
    hangAwaitingLoad_ = false;
    QTimer::singleShot(0, this, [this] { runNextHangingStep(); });
  });
}

}  // namespace nbra::viewer
