#include "viewer/app/mibg/MibgScoringWidget.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <exception>

#include "scoring/curie/CurieSegment.h"
#include "scoring/siopen/SiopenScore.h"
#include "viewer/app/mibg/PhysiologicalUptake.h"
#include "viewer/app/view/PlanarView.h"

namespace nbra::viewer::mibg {

namespace sc = nbra::scoring;

namespace {

struct LoadedViews {
  PlanarView::Panel anterior;
  PlanarView::Panel posterior;
};

// The anterior and posterior views of an NM planar study, or an error naming the file.
std::optional<QString> loadViews(const std::vector<std::string>& files, LoadedViews& out) {
  if (files.empty()) {
    return QStringLiteral("no NM files given");
  }
  try {
    const auto views = nbra::dicom::readNmViews(files);
    const nbra::dicom::NmView* a = nullptr;
    const nbra::dicom::NmView* p = nullptr;
    for (const auto& v : views) {
      if (v.label == nbra::dicom::NmViewLabel::Anterior && !a)
        a = &v;
      if (v.label == nbra::dicom::NmViewLabel::Posterior && !p)
        p = &v;
    }
    if (!a || !p) {
      return QStringLiteral("%1: no anterior and posterior planar view identified in %2 file(s)")
          .arg(QString::fromStdString(files.front()))
          .arg(files.size());
    }
    out.anterior = {nbra::dicom::loadNmView(*a), "ANTERIOR", QString::fromStdString(a->labelSource),
                    a->actualFrameDurationMs};
    out.posterior = {nbra::dicom::loadNmView(*p), "POSTERIOR",
                     QString::fromStdString(p->labelSource), p->actualFrameDurationMs};
    if (out.anterior.image.width != out.posterior.image.width ||
        out.anterior.image.height != out.posterior.image.height) {
      return QStringLiteral("%1: anterior and posterior views differ in size")
          .arg(QString::fromStdString(a->path));
    }
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return std::nullopt;
}

QString siopenGradeText(int grade) {
  switch (grade) {
    case 4:
      return QStringLiteral("< 50 %");
    case 5:
      return QStringLiteral("50-95 %");
    case 6:
      return QStringLiteral("entire");
    default:
      return QStringLiteral("-");
  }
}

QTableWidget* makeTable(int rows, const QStringList& headers) {
  auto* t = new QTableWidget(rows, static_cast<int>(headers.size()));
  t->setHorizontalHeaderLabels(headers);
  t->verticalHeader()->setVisible(false);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionMode(QAbstractItemView::NoSelection);
  t->setFocusPolicy(Qt::NoFocus);
  t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  for (int c = 1; c < static_cast<int>(headers.size()); ++c) {
    t->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  }
  t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
  t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  t->setFixedHeight(t->horizontalHeader()->sizeHint().height() +
                    rows * t->verticalHeader()->defaultSectionSize() + 4);
  return t;
}

void setCell(QTableWidget* t, int row, int column, const QString& text, const QString& tip = {},
             bool bold = false) {
  auto* item = t->item(row, column);
  if (!item) {
    item = new QTableWidgetItem;
    t->setItem(row, column, item);
  }
  item->setText(text);
  item->setToolTip(tip);
  QFont f = item->font();
  f.setBold(bold);
  item->setFont(f);
  if (column > 0)
    item->setTextAlignment(Qt::AlignCenter);
}

}  // namespace

MibgScoringWidget::MibgScoringWidget(QWidget* parent) : QWidget(parent) {
  current_ = new PlanarView;
  baselineView_ = new PlanarView;
  overlay_ = std::make_unique<MibgOverlay>(*current_, model_, true);
  baselineOverlay_ = std::make_unique<MibgOverlay>(*baselineView_, baselineModel_, false);
  current_->setOverlay(overlay_.get());
  baselineView_->setOverlay(baselineOverlay_.get());
  overlay_->onChanged = [this] { changed(); };
  overlay_->onMarkMenu = [this](int id, QPoint pos) { showMarkMenu(id, pos); };

  // Toolbar: atlas scale, fit handles, comparison.
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Atlas:")));
  auto* group = new QButtonGroup(this);
  curieButton_ = new QRadioButton(tr("Curie"));
  siopenButton_ = new QRadioButton(tr("SIOPEN"));
  offButton_ = new QRadioButton(tr("off"));
  curieButton_->setChecked(true);
  for (QAbstractButton* b : {curieButton_, siopenButton_, offButton_}) {
    group->addButton(b);
    bar->addWidget(b);
  }
  connect(group, &QButtonGroup::buttonClicked, this, [this](QAbstractButton* b) {
    setAtlas(b == curieButton_    ? MibgOverlay::Atlas::Curie
             : b == siopenButton_ ? MibgOverlay::Atlas::Siopen
                                  : MibgOverlay::Atlas::Off);
  });
  handlesBox_ = new QCheckBox(tr("Adjust fit"));
  handlesBox_->setToolTip(
      tr("Show the landmark handles: diamonds move up and down, squares left and right."));
  connect(handlesBox_, &QCheckBox::toggled, this, [this](bool on) { setHandlesShown(on); });
  bar->addSpacing(12);
  bar->addWidget(handlesBox_);
  auto* refit = new QPushButton(tr("Reset fit"));
  refit->setToolTip(tr("Back to the automatic fit of both views; marks the atlas placed follow."));
  connect(refit, &QPushButton::clicked, this, [this] {
    model_.resetLandmarks();
    changed();
  });
  bar->addWidget(refit);
  compareBox_ = new QCheckBox(tr("Compare with baseline"));
  compareBox_->setEnabled(false);
  connect(compareBox_, &QCheckBox::toggled, this, [this](bool on) { setComparisonShown(on); });
  bar->addSpacing(12);
  bar->addWidget(compareBox_);
  bar->addStretch(1);

  // Each study under a caption, so baseline and current can never be confused.
  auto captioned = [](QWidget* view, const QString& caption) {
    auto* box = new QWidget;
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    auto* label = new QLabel(caption);
    label->setStyleSheet("font-weight: bold; padding: 2px 6px; background: #e6ebef;");
    v->addWidget(label);
    v->addWidget(view, 1);
    return box;
  };
  views_ = new QSplitter(Qt::Horizontal);
  auto* views = views_;
  baselineBox_ = captioned(
      baselineView_,
      tr("BASELINE (read only; its marks show dashed on the current study as b1, b2, ...)"));
  views->addWidget(baselineBox_);
  views->addWidget(captioned(current_, tr("CURRENT STUDY (scoring)")));
  views->setStretchFactor(0, 1);
  views->setStretchFactor(1, 1);
  baselineBox_->hide();
  connect(current_, &PlanarView::displayChanged, this,
          [this] { syncDisplay(current_, baselineView_); });
  connect(baselineView_, &PlanarView::displayChanged, this,
          [this] { syncDisplay(baselineView_, current_); });

  // Side panel: how to mark, scores of both scales, relative scores, reminders.
  auto* side = new QVBoxLayout;
  auto* help =
      new QLabel(tr("<b>Click</b> a focus: mark in the segment under it (either view; "
                    "the same focus on the other view joins it).<br><b>Shift+click</b>: "
                    "soft-tissue focus (S10; a square, ST on the SIOPEN atlas, which scores bone "
                    "only).<br>Circles are bone foci; dotted: seen on the other view "
                    "only.<br><b>Right-click</b> a mark: segment, "
                    "primary, delete.<br>Click a <b>Diffuse</b> cell to set it."));
  help->setWordWrap(true);
  side->addWidget(help);
  lastMark_ = new QLabel;
  lastMark_->setWordWrap(true);
  side->addWidget(lastMark_);
  error_ = new QLabel;
  error_->setWordWrap(true);
  error_->setStyleSheet("color: #a03000;");
  error_->hide();
  side->addWidget(error_);
  curieTable_ = makeTable(sc::kCurieSegmentCount,
                          {tr("Curie segment"), tr("Marks"), tr("Diffuse"), tr("Score")});
  siopenTable_ = makeTable(sc::kSiopenSegmentCount,
                           {tr("SIOPEN segment"), tr("Marks"), tr("Diffuse"), tr("Score")});
  connect(curieTable_, &QTableWidget::cellClicked, this, &MibgScoringWidget::curieCellClicked);
  connect(siopenTable_, &QTableWidget::cellClicked, this, &MibgScoringWidget::siopenCellClicked);
  curieTotals_ = new QLabel;
  siopenTotals_ = new QLabel;
  curieTotals_->setWordWrap(true);
  siopenTotals_->setWordWrap(true);
  side->addWidget(curieTable_);
  side->addWidget(curieTotals_);
  side->addSpacing(6);
  side->addWidget(siopenTable_);
  side->addWidget(siopenTotals_);
  QString reminders = tr("<b>Physiological uptake</b> (not a focus):");
  QString tip;
  for (const UptakeReminder& r : physiologicalUptake()) {
    reminders += QStringLiteral(" %1;").arg(r.site.toHtmlEscaped());
    tip += QStringLiteral("%1: %2\n").arg(r.site, r.appearance);
  }
  reminders.chop(1);
  auto* uptake = new QLabel(reminders);
  uptake->setWordWrap(true);
  uptake->setToolTip(tip.trimmed());
  uptake->setStyleSheet("background: #f2f5f7; border: 1px solid #c8d0d6; padding: 4px;");
  side->addWidget(uptake);
  side->addStretch(1);
  auto* sideWidget = new QWidget;
  sideWidget->setLayout(side);
  sideWidget->setFixedWidth(360);

  auto* body = new QHBoxLayout;
  body->addWidget(views, 1);
  body->addWidget(sideWidget);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addLayout(body, 1);
  refresh();
}

MibgScoringWidget::~MibgScoringWidget() {
  current_->setOverlay(nullptr);
  baselineView_->setOverlay(nullptr);
}

std::optional<QString> MibgScoringWidget::setStudy(
    const std::vector<std::string>& currentNmFiles, const std::vector<std::string>& baselineNmFiles,
    const std::optional<QJsonObject>& baselineState) {
  LoadedViews now;
  if (auto e = loadViews(currentNmFiles, now)) {
    error_->setText(*e);
    error_->show();
    return e;
  }
  error_->hide();
  model_.clear();
  model_.setViews(now.anterior.image, now.posterior.image);
  current_->setViews({now.anterior, now.posterior}, QString());
  overlay_->setSelected(std::nullopt);

  baselineModel_ = MibgScoringModel{};
  baselineModel_.softTissueIncludesPrimary = model_.softTissueIncludesPrimary;
  haveBaselineState_ = false;
  bool haveBaselineViews = false;
  if (!baselineNmFiles.empty()) {
    LoadedViews before;
    if (auto e = loadViews(baselineNmFiles, before)) {
      error_->setText(tr("Baseline: %1").arg(*e));
      error_->show();
    } else {
      baselineModel_.setViews(before.anterior.image, before.posterior.image);
      baselineView_->setViews({before.anterior, before.posterior}, QString());
      haveBaselineViews = true;
    }
  }
  if (baselineState) {
    if (auto e = baselineModel_.fromJson(*baselineState)) {
      error_->setText(tr("Baseline read: %1").arg(*e));
      error_->show();
    } else {
      haveBaselineState_ = true;
    }
  }
  model_.setBaseline(haveBaselineState_ ? std::optional<MibgScores>(baselineModel_.scores())
                                        : std::nullopt);
  overlay_->setFaintMarks(haveBaselineState_ ? &baselineModel_ : nullptr);
  compareBox_->setEnabled(haveBaselineViews);
  if (!haveBaselineViews)
    compareBox_->setChecked(false);
  setComparisonShown(compareBox_->isChecked());
  changed();
  startHistory();
  return std::nullopt;
}

void MibgScoringWidget::setComparisonShown(bool shown) {
  if (compareBox_->isChecked() != shown) {
    compareBox_->setChecked(shown);  // re-enters through toggled
    return;
  }
  const bool show = shown && baselineView_->panelCount() > 0;
  baselineBox_->setVisible(show);
  if (show) {
    const int half = std::max(1, views_->width() / 2);
    views_->setSizes({half, half});  // the two studies at the same scale
  }
  // One intensity scale for both studies: the brighter study's maximum.
  if (show) {
    const float top = std::max(current_->dataMaximum(), baselineView_->dataMaximum());
    current_->setDisplayMaximum(top);
    baselineView_->setDisplayMaximum(top);
    syncDisplay(current_, baselineView_);
  } else {
    current_->setDisplayMaximum(std::nullopt);
  }
}

void MibgScoringWidget::syncDisplay(PlanarView* from, PlanarView* to) {
  if (syncing_)
    return;
  syncing_ = true;
  to->setUpperPercent(from->upperPercent());
  to->setGamma(from->gamma());
  to->setMirrorPosterior(from->mirrorPosterior());
  syncing_ = false;
}

void MibgScoringWidget::setAtlas(MibgOverlay::Atlas atlas) {
  overlay_->setAtlas(atlas);
  baselineOverlay_->setAtlas(atlas);
  (atlas == MibgOverlay::Atlas::Curie    ? curieButton_
   : atlas == MibgOverlay::Atlas::Siopen ? siopenButton_
                                         : offButton_)
      ->setChecked(true);
  current_->update();
  baselineView_->update();
}

void MibgScoringWidget::setHandlesShown(bool shown) {
  if (handlesBox_->isChecked() != shown) {
    handlesBox_->setChecked(shown);
    return;
  }
  overlay_->setHandlesShown(shown);
  current_->update();
}

void MibgScoringWidget::setSoftTissueIncludesPrimary(bool include) {
  model_.softTissueIncludesPrimary = include;
  baselineModel_.softTissueIncludesPrimary = include;
  if (haveBaselineState_)
    model_.setBaseline(baselineModel_.scores());
  changed();
}

QJsonObject MibgScoringWidget::state() const {
  return model_.toJson();
}

std::optional<QString> MibgScoringWidget::setState(const QJsonObject& state) {
  if (auto e = model_.fromJson(state)) {
    return e;
  }
  overlay_->setSelected(std::nullopt);
  changed();
  startHistory();
  return std::nullopt;
}

void MibgScoringWidget::startHistory() {
  undo_.clear();
  redo_.clear();
  stepDrag_.reset();
  shownState_ = model_.toJson();
}

void MibgScoringWidget::changed() {
  if (!restoring_) {
    const QJsonObject now = model_.toJson();
    if (now != shownState_) {
      const std::optional<int> drag = overlay_->currentDrag();
      if (!drag || drag != stepDrag_) {  // a drag's later moves join its first step
        undo_.push_back(shownState_);
        redo_.clear();
      }
      stepDrag_ = drag;
      shownState_ = now;
    }
  }
  refresh();
  current_->update();
  emit stateChanged();
}

void MibgScoringWidget::restore(const QJsonObject& state) {
  restoring_ = true;
  model_.fromJson(state);  // a state this widget produced: it always reads back
  overlay_->setSelected(std::nullopt);
  shownState_ = state;
  changed();
  restoring_ = false;
}

bool MibgScoringWidget::undo() {
  if (undo_.empty())
    return false;
  redo_.push_back(shownState_);
  const QJsonObject previous = undo_.back();
  undo_.pop_back();
  restore(previous);
  return true;
}

bool MibgScoringWidget::redo() {
  if (redo_.empty())
    return false;
  undo_.push_back(shownState_);
  const QJsonObject next = redo_.back();
  redo_.pop_back();
  restore(next);
  return true;
}

void MibgScoringWidget::keyPressEvent(QKeyEvent* event) {
  if (event->matches(QKeySequence::Undo)) {
    undo();
    return;
  }
  if (event->matches(QKeySequence::Redo)) {
    redo();
    return;
  }
  const auto id = overlay_->selected();
  if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && id) {
    model_.removeMark(*id);
    overlay_->setSelected(std::nullopt);
    changed();
    return;
  }
  QWidget::keyPressEvent(event);
}

void MibgScoringWidget::curieCellClicked(int row, int column) {
  if (column != 2 || row < 0 || row >= sc::kCurieSegmentCount)
    return;
  model_.setCurieDiffuse(row, !model_.curieDiffuse(row));
  changed();
}

void MibgScoringWidget::siopenCellClicked(int row, int column) {
  if (column != 2 || row < 0 || row >= sc::kSiopenSegmentCount)
    return;
  // Cycles none -> < 50 % (4) -> 50-95 % (5) -> entire bone (6) -> none.
  const int g = model_.siopenDiffuseGrade(row);
  model_.setSiopenDiffuseGrade(row, g == 0 ? 4 : g == 6 ? 0 : g + 1);
  changed();
}

void MibgScoringWidget::refresh() {
  const MibgScores s = model_.scores();
  for (int i = 0; i < sc::kCurieSegmentCount; ++i) {
    const auto u = static_cast<std::size_t>(i);
    const bool diffuse = model_.curieDiffuse(i);
    setCell(curieTable_, i, 0,
            QStringLiteral("S%1 %2").arg(i + 1).arg(QString::fromUtf8(
                sc::curieSegmentName(i).data(), static_cast<int>(sc::curieSegmentName(i).size()))));
    setCell(curieTable_, i, 1,
            s.curieMarks[u] ? QString::number(s.curieMarks[u]) : QStringLiteral("-"));
    setCell(curieTable_, i, 2, diffuse ? tr("diffuse") : QStringLiteral("-"),
            tr("Click: more than 50 % of the segment involved (score 3)"), diffuse);
    setCell(curieTable_, i, 3, QString::number(s.curie.segments[u]), {}, s.curie.segments[u] > 0);
  }
  for (int i = 0; i < sc::kSiopenSegmentCount; ++i) {
    const auto u = static_cast<std::size_t>(i);
    const int grade = model_.siopenDiffuseGrade(i);
    const auto name = sc::siopenSegmentName(i);
    setCell(siopenTable_, i, 0, QString::fromUtf8(name.data(), static_cast<int>(name.size())));
    setCell(siopenTable_, i, 1,
            s.siopenMarks[u] ? QString::number(s.siopenMarks[u]) : QStringLiteral("-"));
    setCell(
        siopenTable_, i, 2, siopenGradeText(grade),
        tr("Click to cycle: diffuse in < 50 % of the bone (4), 50-95 % (5), the entire bone (6)"),
        grade > 0);
    setCell(siopenTable_, i, 3, QString::number(s.siopen[u]), {}, s.siopen[u] > 0);
  }
  const RelativeScore rc = model_.relativeCurie();
  const RelativeScore rs = model_.relativeSiopen();
  curieTotals_->setText(tr("<b>Curie total %1</b> (skeletal %2, soft tissue %3)<br>Relative bone "
                           "score vs baseline: %4")
                            .arg(s.curie.total)
                            .arg(s.curie.skeletal)
                            .arg(s.curie.segments[kCurieSoftTissue])
                            .arg(rc.text()));
  siopenTotals_->setText(tr("<b>SIOPEN total %1</b><br>Relative score vs baseline: %2")
                             .arg(s.siopenTotal)
                             .arg(rs.text()));
  if (const auto id = overlay_->selected()) {
    if (const MibgMark* m = model_.mark(*id)) {
      const auto curie = sc::curieSegmentName(m->curieSegment);
      QString text = tr("Mark %1: Curie S%2 %3")
                         .arg(m->id)
                         .arg(m->curieSegment + 1)
                         .arg(QString::fromUtf8(curie.data(), static_cast<int>(curie.size())));
      if (m->siopenSegment >= 0) {
        const auto siopen = sc::siopenSegmentName(m->siopenSegment);
        text += tr(" · SIOPEN %1")
                    .arg(QString::fromUtf8(siopen.data(), static_cast<int>(siopen.size())));
      }
      text += m->anterior && m->posterior ? tr(" · seen on both views") : QString();
      lastMark_->setText(text);
      return;
    }
  }
  lastMark_->setText(tr("%n mark(s)", nullptr, static_cast<int>(model_.marks().size())));
}

void MibgScoringWidget::showMarkMenu(int markId, QPoint globalPos) {
  const MibgMark* m = model_.mark(markId);
  if (!m)
    return;
  // Each action does its own change when triggered (by the mouse, the keyboard or a test).
  QMenu menu(this);
  QAction* soft = menu.addAction(tr("Soft tissue (S10)"));
  soft->setCheckable(true);
  soft->setChecked(m->softTissue);
  connect(soft, &QAction::triggered, this, [this, markId](bool on) {
    model_.setMarkSoftTissue(markId, on);
    changed();
  });
  QAction* primary = menu.addAction(tr("Primary tumour"));
  primary->setCheckable(true);
  primary->setChecked(m->primary);
  primary->setEnabled(m->softTissue);
  connect(primary, &QAction::triggered, this, [this, markId](bool on) {
    model_.setMarkPrimary(markId, on);
    changed();
  });
  QMenu* curie = menu.addMenu(tr("Curie segment"));
  for (int i = 0; i < sc::kCurieSegmentCount; ++i) {
    const auto name = sc::curieSegmentName(i);
    QAction* a = curie->addAction(QStringLiteral("S%1 %2").arg(i + 1).arg(
        QString::fromUtf8(name.data(), static_cast<int>(name.size()))));
    a->setCheckable(true);
    a->setChecked(m->curieSegment == i);
    connect(a, &QAction::triggered, this, [this, markId, i] {
      if (const MibgMark* now = model_.mark(markId)) {
        model_.setMarkSegments(markId, i, now->siopenSegment);
        changed();
      }
    });
  }
  QMenu* siopen = menu.addMenu(tr("SIOPEN segment"));
  siopen->setEnabled(!m->softTissue);
  for (int i = 0; i < sc::kSiopenSegmentCount; ++i) {
    const auto name = sc::siopenSegmentName(i);
    QAction* a = siopen->addAction(QString::fromUtf8(name.data(), static_cast<int>(name.size())));
    a->setCheckable(true);
    a->setChecked(m->siopenSegment == i);
    connect(a, &QAction::triggered, this, [this, markId, i] {
      if (const MibgMark* now = model_.mark(markId)) {
        model_.setMarkSegments(markId, now->curieSegment, i);
        changed();
      }
    });
  }
  menu.addSeparator();
  QAction* remove = menu.addAction(tr("Delete mark"));
  connect(remove, &QAction::triggered, this, [this, markId] {
    model_.removeMark(markId);
    overlay_->setSelected(std::nullopt);
    changed();
  });
  menu.exec(globalPos);
}

}  // namespace nbra::viewer::mibg
