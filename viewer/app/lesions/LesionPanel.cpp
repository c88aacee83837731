#include "viewer/app/lesions/LesionPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include "viewer/app/view/ViewerPanel.h"

namespace nbra::viewer {

namespace {

QString mmText(double mm) {
  return QString::number(onTenthGrid(mm), 'f', 1);
}

// The verdict's words without the lengths already shown in their own columns.
QString verdictWords(const LesionSizes& s, const TrackedLesion& l) {
  if (l.status == LesionStatus::TooSmall)
    return QObject::tr("too small: counts 5 mm");
  if (l.status == LesionStatus::Resolved)
    return QObject::tr("resolved: 0 mm");
  if (!s.verdict)
    return {};
  const QString text = QString::fromStdString(s.verdict->text);
  const qsizetype dash = text.indexOf(QStringLiteral("— "));
  return dash >= 0 ? text.mid(dash + 2) : text;
}

QColor toneColour(VerdictTone tone) {
  switch (tone) {
    case VerdictTone::Measurable:
      return QColor(20, 120, 40);
    case VerdictTone::NonTarget:
      return QColor(150, 90, 0);
    case VerdictTone::TooSmall:
      return QColor(170, 30, 30);
    case VerdictTone::Neutral:
      break;
  }
  return QColor(40, 40, 40);
}

}  // namespace

LesionPanel::LesionPanel(QWidget* parent) : QWidget(parent) {
  title_ = new QLabel(tr("Lesions — baseline"));
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  // The follow-up title is a sentence: wrapped, it no longer sets the dock's (and with it the
  // main window's) minimum width.
  title_->setWordWrap(true);
  grid_ = new QTableWidget(0, ColumnCount);
  grid_->setHorizontalHeaderLabels({tr("ID"), tr("Site"), tr("Long mm"), tr("Short mm"),
                                    tr("Measurable?"), tr("Status"), tr("Primary"), tr("Node"),
                                    tr("Target"), tr("MIBG+"), tr("FDG+")});
  grid_->setSelectionBehavior(QAbstractItemView::SelectRows);
  grid_->setSelectionMode(QAbstractItemView::SingleSelection);
  grid_->verticalHeader()->hide();
  grid_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  grid_->horizontalHeader()->setSectionResizeMode(Site, QHeaderView::Interactive);
  grid_->setColumnWidth(Site, 140);
  grid_->setWordWrap(false);
  message_ = new QLabel;
  message_->setWordWrap(true);
  summary_ = new QLabel;
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setStyleSheet(
      "QLabel { background: #f3f5f7; border: 1px solid #c8cdd2; padding: 6px; }");
  notMeasurable_ = new QPushButton(tr("Not measurable"));
  tooSmall_ = new QPushButton(tr("Too small (5 mm)"));
  resolved_ = new QPushButton(tr("Resolved (0 mm)"));
  remeasure_ = new QPushButton(tr("Re-measure"));
  remove_ = new QPushButton(tr("Remove"));
  remove_->setObjectName("removeLesion");
  remove_->setToolTip(tr("Remove the lesion and its mark"));
  notMeasurable_->setToolTip(tr("Present but cannot be measured: the response is not evaluable"));
  tooSmall_->setToolTip(tr("Present but too small to measure: recorded as 5 mm (RECIST)"));
  resolved_->setToolTip(tr("Gone: recorded as 0 mm"));
  remeasure_->setToolTip(tr("Back to 'to measure': the next caliper drawn measures this lesion"));
  offset_ = new QPushButton(tr("Offset from crosshairs"));
  offset_->setToolTip(
      tr("Follow-up on other coordinates: put both crosshairs on the same anatomy, then "
         "press this; the lesions are then looked for at baseline position + offset"));
  // Two rows, the status buttons above the editing ones: in one row the six buttons made the
  // follow-up panel ~670 px wide at least, too wide beside the viewer on a 1366 px screen.
  auto* buttons = new QVBoxLayout;
  auto* statusRow = new QHBoxLayout;
  for (auto* b : {notMeasurable_, tooSmall_, resolved_})
    statusRow->addWidget(b);
  statusRow->addStretch();
  auto* editRow = new QHBoxLayout;
  for (auto* b : {remeasure_, remove_})
    editRow->addWidget(b);
  editRow->addStretch();
  editRow->addWidget(offset_);
  buttons->addLayout(statusRow);
  buttons->addLayout(editRow);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(title_);
  layout->addWidget(grid_, 1);
  layout->addLayout(buttons);
  layout->addWidget(message_);
  layout->addWidget(summary_);
  connect(grid_, &QTableWidget::cellChanged, this, &LesionPanel::onCellChanged);
  connect(grid_, &QTableWidget::cellClicked, this,
          [this](int row, int) { jumpToRow(static_cast<std::size_t>(row)); });
  auto statusButton = [this](QPushButton* b, LesionStatus s) {
    connect(b, &QPushButton::clicked, this, [this, s] {
      if (const auto row = currentRow())
        setStatus(*row, s);
    });
  };
  statusButton(notMeasurable_, LesionStatus::NotMeasurable);
  statusButton(tooSmall_, LesionStatus::TooSmall);
  statusButton(resolved_, LesionStatus::Resolved);
  statusButton(remeasure_, LesionStatus::Pending);
  connect(offset_, &QPushButton::clicked, this, &LesionPanel::offsetFromCrosshairs);
  connect(remove_, &QPushButton::clicked, this, [this] {
    if (const auto row = currentRow()) {
      // The lesion's mark goes with it: a mark left behind would look measured but count nowhere.
      const std::optional<int> markId = table_.at(*row).markId;
      table_.remove(*row);
      if (markId)
        marks().remove(*markId);
      clearRefusal();
      refresh();
    }
  });
  refresh();
}

void LesionPanel::setViewer(ViewerPanel* viewer) {
  viewer_ = viewer;
  rowsMarks_ = viewer->readingMarks();
  // The marks' labels name their lesion: on a follow-up the baseline's marks by the baseline table.
  viewer->setMarkNamer([this](const MeasurementSet* set, int markId) {
    const LesionTable* table = set == viewer_->readingMarks().get() ? &table_
                               : set == baselineMarks_.get()        ? &baseline_
                                                                    : nullptr;
    const auto row = table ? table->rowOfMark(markId) : std::nullopt;
    return row ? QString::fromStdString(table->at(*row).trackingId) : QString();
  });
  connect(viewer, &ViewerPanel::markDrawn, this, &LesionPanel::onMarkDrawn);
  connect(viewer, &ViewerPanel::measurementsChanged, this, [this] {
    clearRefusal();  // a mark drawn, moved, deleted or judged: the table's state moved on
    table_.dropMissingMarks(marks());
    followMarkFlags();
    refresh();
  });
  connect(viewer, &ViewerPanel::markSelected, this, [this](SliceView*, int id) {
    if (const auto row = table_.rowOfMark(id))
      grid_->selectRow(static_cast<int>(*row));
  });
}

bool LesionPanel::rowsOnReadingMarks() const {
  return viewer_ && !rowsMarks_.expired() && rowsMarks_.lock() == viewer_->readingMarks();
}

void LesionPanel::followMarkFlags() {
  if (!rowsOnReadingMarks())
    return;
  for (std::size_t i = 0; i < table_.size(); ++i) {
    const TrackedLesion row = table_.at(i);
    const Measurement* m = row.markId ? marks().find(*row.markId) : nullptr;
    if (!m || m->isLymphNode == row.isLymphNode)
      continue;
    std::string why;
    if (table_.kind() == LesionTable::Kind::FollowUp && !row.isNew) {
      // The same cell is read-only in the table: a tracked lesion keeps its baseline kind.
      why = "lesion '" + row.trackingId +
            "': a tracked lesion stays what the baseline judged it (lymph node or not)";
    } else {
      TrackedLesion edited = row;
      edited.isLymphNode = m->isLymphNode;
      why = table_.update(i, edited, marks());
    }
    if (!why.empty()) {
      marks().setLymphNode(m->id, row.isLymphNode);
      showMessage(QString::fromStdString(why), true);
    }
  }
}

MeasurementSet& LesionPanel::marks() {
  static MeasurementSet none;  // before a viewer is attached: nothing to measure with
  return viewer_ ? *viewer_->readingMarks() : none;
}

void LesionPanel::startBaseline(LesionTable table) {
  table_ = std::move(table);
  baseline_ = LesionTable(LesionTable::Kind::Baseline);
  baselineMarks_.reset();
  if (viewer_)
    for (SliceView* v : viewer_->visibleViews())
      v->setCaption({});
  baselineView_ = nullptr;
  earlierSums_.clear();
  earlierPrimaries_.clear();
  if (viewer_)
    rowsMarks_ = viewer_->readingMarks();
  title_->setText(tr("Lesions — baseline (choose targets: at most 5, 2 per organ)"));
  showMessage({}, false);
  refresh();
}

void LesionPanel::startFollowUp(const LesionTable& baseline,
                                std::shared_ptr<MeasurementSet> baselineMarks,
                                SliceView* baselineView, std::optional<LesionTable> restored,
                                std::vector<nbra::scoring::Tenths> earlierSums,
                                std::vector<nbra::scoring::Tenths> earlierPrimaries) {
  baseline_ = baseline;
  baselineMarks_ = std::move(baselineMarks);
  baselineView_ = baselineView;
  earlierSums_ = std::move(earlierSums);
  earlierPrimaries_ = std::move(earlierPrimaries);
  table_ = restored ? std::move(*restored) : followUpFrom(baseline);
  if (viewer_)
    rowsMarks_ = viewer_->readingMarks();
  if (viewer_ && baselineView_) {
    viewer_->setViewMarks(baselineView_, baselineMarks_, true);
    for (SliceView* v : viewer_->visibleViews())
      v->setCaption(v == baselineView_ ? tr("BASELINE — marks read-only")
                                       : tr("FOLLOW-UP — measure here"));
  }
  title_->setText(
      tr("Lesions — follow-up: re-measure the baseline lesions (click a row to go to it)"));
  showMessage({}, false);
  refresh();
}

void LesionPanel::setComparisonOffset(const Vec3& offsetMm) {
  offsetMm_ = offsetMm;
}

bool LesionPanel::offsetFromCrosshairs() {
  SliceView* follow = nullptr;
  if (viewer_)
    for (SliceView* v : viewer_->visibleViews())
      if (v != baselineView_ && v->series() && v->crosshair())
        follow = v;
  if (!baselineView_ || !baselineView_->crosshair() || !follow) {
    showMessage(
        tr("A comparison offset needs a follow-up with the baseline beside it and a crosshair "
           "placed (left click) on the same anatomy in both views."),
        true);
    return false;
  }
  const Vec3 a = *baselineView_->crosshair(), b = *follow->crosshair();
  offsetMm_ = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
  showMessage(tr("Comparison offset (follow-up minus baseline): %1, %2, %3 mm")
                  .arg(offsetMm_[0], 0, 'f', 1)
                  .arg(offsetMm_[1], 0, 'f', 1)
                  .arg(offsetMm_[2], 0, 'f', 1),
              false);
  return true;
}

void LesionPanel::setSliceThicknessMm(double mm) {
  table_.setSliceThicknessMm(mm);
  clearRefusal();
  refresh();
}

QString LesionPanel::message() const {
  return message_->text();
}
QString LesionPanel::summary() const {
  return summary_->text();
}

std::optional<std::size_t> LesionPanel::currentRow() const {
  const int row = grid_->currentRow();
  if (row < 0 || static_cast<std::size_t>(row) >= table_.size())
    return std::nullopt;
  return static_cast<std::size_t>(row);
}

void LesionPanel::showMessage(const QString& text, bool refusal) {
  message_->setText(text.isEmpty() ? QString()
                                   : (refusal ? tr("Refused — %1") : QString("%1")).arg(text));
  message_->setStyleSheet(refusal ? "color: #a01010; font-weight: bold;" : "color: #404040;");
  showingRefusal_ = refusal && !text.isEmpty();
}

void LesionPanel::clearRefusal() {
  if (showingRefusal_)
    showMessage({}, false);
}

bool LesionPanel::setTarget(std::size_t row, bool target) {
  const std::string why = table_.setTarget(row, target, marks());
  showMessage(QString::fromStdString(why), !why.empty());
  refresh();
  return why.empty();
}

bool LesionPanel::editRow(std::size_t row, const TrackedLesion& edited) {
  const std::string why = table_.update(row, edited, marks());
  showMessage(QString::fromStdString(why), !why.empty());
  refresh();
  return why.empty();
}

void LesionPanel::setStatus(std::size_t row, LesionStatus status) {
  table_.setStatus(row, status);
  showMessage({}, false);
  refresh();
}

void LesionPanel::selectRow(std::size_t row) {
  grid_->selectRow(static_cast<int>(row));
  jumpToRow(row);
}

void LesionPanel::onMarkDrawn(SliceView* view, int markId) {
  if (!viewer_ || view->measurementSet() != viewer_->readingMarks())
    return;  // the baseline's
  const Measurement* m = marks().find(markId);
  if (!m || m->kind == MeasurementKind::Point || table_.rowOfMark(markId))
    return;
  if (m->kind != MeasurementKind::Caliper && m->kind != MeasurementKind::Bidirectional)
    return;
  // A selected row still to measure takes the mark: that is re-measuring a tracked lesion.
  if (const auto row = currentRow();
      row && !table_.at(*row).markId && table_.at(*row).status == LesionStatus::Pending) {
    table_.attachMark(*row, markId, marks(), view->sliceThickness().mm);
    showMessage({}, false);
    refresh();
    return;
  }
  TrackedLesion lesion;
  lesion.markId = markId;
  lesion.isLymphNode = m->isLymphNode;
  lesion.sliceThicknessMm = view->sliceThickness().mm;  // judged on the series it was drawn on
  const std::string why = table_.add(lesion, marks());
  showMessage(why.empty() && table_.kind() == LesionTable::Kind::FollowUp
                  ? tr("A new lesion was added: name its site. New lesions can mean progression.")
                  : QString::fromStdString(why),
              !why.empty());
  refresh();
  if (why.empty())
    grid_->selectRow(static_cast<int>(table_.size() - 1));
}

void LesionPanel::onCellChanged(int row, int column) {
  if (refreshing_ || row < 0 || static_cast<std::size_t>(row) >= table_.size())
    return;
  const auto r = static_cast<std::size_t>(row);
  TrackedLesion edited = table_.at(r);
  const QTableWidgetItem* item = grid_->item(row, column);
  const bool checked = item && item->checkState() == Qt::Checked;
  switch (column) {
    case Site:
      edited.site = item ? item->text().trimmed().toStdString() : std::string();
      break;
    case Primary:
      edited.isPrimary = checked;
      break;
    case Node:
      edited.isLymphNode = checked;
      break;
    case Target:
      edited.isTarget = checked;
      break;
    case Mibg:
      edited.mibgAvid = checked;
      break;
    case Fdg:
      edited.fdgAvid = checked;
      break;
    default:
      return;
  }
  editRow(r, edited);
}

void LesionPanel::jumpToRow(std::size_t row) {
  if (!viewer_ || row >= table_.size())
    return;
  const TrackedLesion& l = table_.at(row);
  if (l.markId) {
    if (const Measurement* m = marks().find(*l.markId)) {
      viewer_->jumpTo(markCentre(*m));
      for (SliceView* v : viewer_->visibleViews())
        if (v->measurementSet() == viewer_->readingMarks())
          v->selectMeasurement(m->id);
    }
  } else if (baselineMarks_) {
    // Not measured yet here: the baseline view goes to the baseline mark, the others to where
    // the lesion is expected on this timepoint.
    const auto baseRow = baseline_.rowOf(l.trackingId);
    const Measurement* b = baseRow && baseline_.at(*baseRow).markId
                               ? baselineMarks_->find(*baseline_.at(*baseRow).markId)
                               : nullptr;
    if (!b) {
      showMessage(
          tr("Lesion %1 has no baseline mark to go to.").arg(QString::fromStdString(l.trackingId)),
          false);
      return;
    }
    std::string followFrame;
    for (SliceView* v : viewer_->visibleViews())
      if (v != baselineView_ && v->series())
        followFrame = v->series()->volume().frameOfReferenceUid;
    const ExpectedPlace place = expectedPlace(*b, followFrame, offsetMm_);
    viewer_->jumpTo(place.positionMm);
    if (baselineView_ && baselineView_->series()) {
      baselineView_->setCrosshair(markCentre(*b));
      baselineView_->centreOn(markCentre(*b));
      baselineView_->selectMeasurement(b->id);
    }
    showMessage(tr("Lesion %1: %2. Draw its caliper now to re-measure it.")
                    .arg(QString::fromStdString(l.trackingId), QString::fromStdString(place.note)),
                false);
  }
}

void LesionPanel::refresh() {
  refreshing_ = true;
  offset_->setVisible(baselineView_ != nullptr);
  // The cells are updated in place, never replaced: an editor may be open on one of them (this
  // runs while the Site editor commits), and the reader's scroll position stays where it was.
  const int scrollX = grid_->horizontalScrollBar()->value();
  const int scrollY = grid_->verticalScrollBar()->value();
  grid_->setRowCount(static_cast<int>(table_.size()));
  const bool followUp = table_.kind() == LesionTable::Kind::FollowUp;
  for (std::size_t i = 0; i < table_.size(); ++i) {
    const TrackedLesion& l = table_.at(i);
    const int row = static_cast<int>(i);
    auto cell = [&](int column, Qt::ItemFlags flags) {
      QTableWidgetItem* item = grid_->item(row, column);
      if (!item) {
        item = new QTableWidgetItem;
        grid_->setItem(row, column, item);
      }
      flags |= Qt::ItemIsSelectable | Qt::ItemIsEnabled;
      if (item->flags() != flags)
        item->setFlags(flags);
      return item;
    };
    auto text = [&](int column, const QString& value, bool editable = false) {
      QTableWidgetItem* item = cell(column, editable ? Qt::ItemIsEditable : Qt::NoItemFlags);
      item->setText(value);
      item->setData(Qt::ForegroundRole, QVariant());  // the default colour unless toned below
      return item;
    };
    auto check = [&](int column, bool on, bool editable = true) {
      // The box alone (ticked or not) says it; its tooltip says it in words.
      QTableWidgetItem* item = cell(column, editable ? Qt::ItemIsUserCheckable : Qt::NoItemFlags);
      item->setToolTip(on ? tr("yes") : tr("no"));
      item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    };
    text(Id, QString::fromStdString(l.trackingId) + (l.isNew ? tr(" (new)") : QString()));
    text(Site, QString::fromStdString(l.site), true);
    check(Primary, l.isPrimary, !followUp);
    check(Node, l.isLymphNode, !followUp || l.isNew);
    check(Target, l.isTarget && !l.isPrimary, !followUp);
    const auto s = table_.sizes(i, marks());
    text(Long, s ? mmText(s->longAxisMm) : QStringLiteral("—"));
    text(Short, s && s->hasShortAxis ? mmText(s->shortAxisMm) : QStringLiteral("—"));
    QTableWidgetItem* verdict = text(Verdict, s ? verdictWords(*s, l) : QString());
    // A node back to normal size is good news, not a warning: no alarm colour for it.
    if (s && s->verdict && s->verdict->measurability != nbra::scoring::Measurability::NormalNode)
      verdict->setForeground(toneColour(s->verdict->tone));
    check(Mibg, l.mibgAvid);
    check(Fdg, l.fdgAvid);
    QTableWidgetItem* status = text(Status, tr(statusName(l.status)));
    if (l.status == LesionStatus::Pending || l.status == LesionStatus::NotMeasurable)
      status->setForeground(QColor(150, 90, 0));
  }
  // The current row stays selected (a removed last row hands it to the one above) without
  // moving the current cell: selectRow() would, closing an open editor and scrolling.
  const int current = grid_->currentRow();
  if (current >= 0 && !grid_->selectionModel()->isRowSelected(current, {}))
    grid_->selectionModel()->select(
        grid_->model()->index(current, 0),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  grid_->horizontalScrollBar()->setValue(scrollX);
  grid_->verticalScrollBar()->setValue(scrollY);
  refreshing_ = false;
  // The live comparison on a follow-up.
  if (followUp && baselineMarks_) {
    std::string whyNotBase, whyNotNow;
    const auto base = baseline_.toScoring(*baselineMarks_, whyNotBase);
    const auto now = table_.toScoring(marks(), whyNotNow);
    if (base) {
      QStringList lines;
      for (const auto& line :
           comparisonLines(compare(*base, now, whyNotNow, earlierSums_, earlierPrimaries_)))
        lines << QString::fromStdString(line);
      summary_->setText(lines.join('\n'));
    } else {
      summary_->setText(tr("Baseline incomplete: %1").arg(QString::fromStdString(whyNotBase)));
    }
  } else {
    std::string why;
    const auto now = table_.toScoring(marks(), why);
    int targets = 0;
    for (const auto& l : table_.lesions())
      targets += l.isTarget && !l.isPrimary;
    summary_->setText(
        now ? tr("%1 target(s); sum of diameters %2 mm")
                  .arg(targets)
                  .arg(QString::fromStdString(nbra::scoring::formatTenths(targetSumTenths(*now))))
            : QString::fromStdString(why));
  }
  if (viewer_)
    for (SliceView* v : viewer_->visibleViews())
      v->update();  // the labels carry the ids
  emit tableChanged();
}

}  // namespace nbra::viewer
