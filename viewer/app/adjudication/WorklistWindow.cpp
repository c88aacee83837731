#include "viewer/app/adjudication/WorklistWindow.h"

#include <QHBoxLayout>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "viewer/app/adjudication/AdjudicationLaunch.h"
#include "viewer/app/adjudication/AdjudicationWindow.h"
#include "viewer/app/decide/PanelStyle.h"

namespace nbra::viewer::adjudication {

namespace {

const QString kTitle = "Worklist";

QString days(qint64 n) {
  return QString("%1 day%2").arg(n).arg(n == 1 ? "" : "s");
}

// Where a task the window cannot open itself is done.
QString whereDone(const workflow::WorkItem& item) {
  if (item.task == "read") {
    return QString(
               "Open subject %1, timepoint '%2' in the main window to read it: start nbra with "
               "--record, --user, --subject %1 and --timepoint \"%2\".")
        .arg(item.studyId, item.timepointLabel);
  }
  if (item.task == "assign-readers") {
    return QString(
               "Assign the readers of subject %1, timepoint '%2' in Trial > Reading design "
               "and assignments.")
        .arg(item.studyId, item.timepointLabel);
  }
  return QString(
             "Open subject %1 in Trial > Response and decisions (start nbra with --subject %1).")
      .arg(item.studyId);
}

}  // namespace

QString daysToDueText(const std::optional<qint64>& d) {
  if (!d) {
    return "-";
  }
  if (*d < 0) {
    return days(-*d) + " overdue";
  }
  if (*d == 0) {
    return "due today";
  }
  return "in " + days(*d);
}

WorklistWindow::WorklistWindow(records::TrialRecord& record, QWidget* parent, const QDate& today)
    : QWidget(parent), record_(record), today_(today) {
  setObjectName("worklistWindow");
  const records::Actor& a = record_.actor();
  setWindowTitle(
      QString("%1 — %2 (%3), %4").arg(kTitle, a.fullName, a.userName, records::roleName(a.role)));
  auto* layout = protocol::scrolledPage(this);
  QWidget* page = layout->parentWidget();

  auto* who = new QLabel(
      QString("<b>Your worklist</b> — %1").arg(protocol::signedInText(record_).toHtmlEscaped()),
      page);
  who->setObjectName("who");
  who->setWordWrap(true);
  layout->addWidget(who);
  summary_ = new QLabel(page);
  summary_->setObjectName("summary");
  summary_->setWordWrap(true);
  summary_->setStyleSheet(decide::kProposalStyle);
  layout->addWidget(summary_);
  error_ = new QLabel(page);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(decide::kWarningStyle);
  error_->hide();
  layout->addWidget(error_);

  table_ = new protocol::FittedTable(
      {"Task", "Subject", "Timepoint", "Detail", "Next injection", "Due", "Days to due"},
      "worklist", 20, page);
  table_->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
  table_->horizontalHeader()->setStretchLastSection(false);
  layout->addWidget(table_);

  auto* row = new QHBoxLayout;
  auto* hint = new QLabel("Double-click a task to open it. Soonest injection first.", page);
  hint->setStyleSheet(decide::kNoteStyle);
  row->addWidget(hint, 1);
  // A reader's signed reads, to look at again or to correct: listed after what waits.
  showSigned_ = new QCheckBox("Also my signed reads", page);
  showSigned_->setObjectName("showSigned");
  showSigned_->setToolTip("Signed reads open read-only; Correct… changes one, with a reason");
  showSigned_->setVisible(record_.actor().role == records::Role::Reader);
  connect(showSigned_, &QCheckBox::toggled, this, [this] { refresh(); });
  row->addWidget(showSigned_);
  refresh_ = new QPushButton("Refresh", page);
  refresh_->setObjectName("refresh");
  row->addWidget(refresh_);
  layout->addLayout(row);
  layout->addStretch();

  connect(refresh_, &QPushButton::clicked, this, [this] { refresh(); });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int r, int) { openItem(r); });
  refresh();
  setMinimumSize(700, 200);
}

QSize WorklistWindow::sizeHint() const {
  return {1100, 520};
}

void WorklistWindow::refresh() {
  error_->hide();
  table_->setRowCount(0);
  items_.clear();
  try {
    items_ = workflow::worklist(record_, today_);
    if (showSigned_ && showSigned_->isChecked()) {
      for (workflow::WorkItem& done : workflow::signedReads(record_)) items_.push_back(std::move(done));
    }
  } catch (const std::exception& e) {
    error_->setText(QString::fromUtf8(e.what()));
    error_->show();
  }
  int overdue = 0;
  for (const workflow::WorkItem& item : items_) {
    const int r = table_->rowCount();
    table_->insertRow(r);
    protocol::setTableRow(
        table_, r,
        {workflow::taskTitle(item.task), item.studyId,
         item.timepointLabel.isEmpty() ? QString("-") : item.timepointLabel, item.detail,
         item.injectionNumber ? QString("injection %1").arg(*item.injectionNumber) : QString("-"),
         item.injectionDue ? protocol::isoDate(*item.injectionDue) : QString("-"),
         daysToDueText(item.daysToDue)});
    QTableWidgetItem* due = table_->item(r, 6);
    QFont bold = due->font();
    if (item.daysToDue && *item.daysToDue < 0) {
      ++overdue;
      due->setForeground(QColor("#b00020"));
      bold.setBold(true);
    } else if (item.daysToDue && *item.daysToDue == 0) {
      bold.setBold(true);
    }
    due->setFont(bold);
    if (item.task == "adjudicate") {
      QFont f = table_->item(r, 0)->font();
      f.setBold(true);
      table_->item(r, 0)->setFont(f);
    }
  }
  table_->refit();
  if (items_.empty()) {
    summary_->setText(QString("Nothing waits for you as of %1.").arg(protocol::isoDate(today_)));
  } else {
    summary_->setText(QString("As of %1: %2 task%3 for you%4.")
                          .arg(protocol::isoDate(today_))
                          .arg(items_.size())
                          .arg(items_.size() == 1 ? "" : "s")
                          .arg(overdue
                                   ? QString(", <b>%1 with its injection overdue</b>").arg(overdue)
                                   : QString()));
  }
}

QWidget* WorklistWindow::openItem(int row) {
  if (row < 0 || row >= static_cast<int>(items_.size())) {
    return nullptr;
  }
  const workflow::WorkItem item = items_[static_cast<std::size_t>(row)];
  if (item.task == "adjudicate") {
    // Owned by the main window when there is one: closing the worklist leaves it open.
    QWidget* owner = parentWidget() ? parentWidget() : this;
    AdjudicationWindow* window =
        openAdjudicationWindow(owner, record_, item.studyId, item.timepointLabel);
    if (window) {
      connect(window, &AdjudicationWindow::adjudicated, this, [this] { refresh(); });
      emit adjudicationOpened(window);
    }
    return window;
  }
  if (opener_) {
    const QString error = opener_(item);
    if (!error.isEmpty()) {
      protocol::showRefusal(this, kTitle, error);
    }
    return nullptr;
  }
  QMessageBox box(QMessageBox::Information, kTitle, whereDone(item), QMessageBox::Ok, this);
  box.exec();
  return nullptr;
}

}  // namespace nbra::viewer::adjudication
