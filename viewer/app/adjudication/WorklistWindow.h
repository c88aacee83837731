#pragma once

#include <QDate>
#include <QWidget>
#include <functional>
#include <vector>

#include "records/store/TrialRecord.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "workflow/adjudication/Worklist.h"

class QCheckBox;
class QLabel;
class QPushButton;

namespace nbra::viewer::adjudication {

// Trial > Worklist, for every role: what waits for the signed-in user (workflow::worklist), soonest
// injection first, with the subject's next injection and the days left to it (an overdue one in
// red and in words). Double-clicking an adjudication opens it; a read or a decision is handed to
// the main window when it can open it, else the window says where it is done.
class WorklistWindow : public QWidget {
  Q_OBJECT
 public:
  // The main window's way to open a task it knows (a read, the decisions, the assignments):
  // returns the error message, empty when it opened the task.
  using Opener = std::function<QString(const workflow::WorkItem&)>;

  explicit WorklistWindow(records::TrialRecord& record, QWidget* parent = nullptr,
                          const QDate& today = QDate::currentDate());
  QSize sizeHint() const override;
  void setOpener(Opener opener) { opener_ = std::move(opener); }

  void refresh();
  QTableWidget* table() const { return table_; }
  const std::vector<workflow::WorkItem>& items() const { return items_; }
  // What a double-click on row `row` does; the adjudication window when it opened one.
  QWidget* openItem(int row);

 signals:
  void adjudicationOpened(QWidget* window);

 private:
  records::TrialRecord& record_;
  QDate today_;
  Opener opener_;
  std::vector<workflow::WorkItem> items_;
  QLabel* summary_ = nullptr;
  QLabel* error_ = nullptr;
  protocol::FittedTable* table_ = nullptr;
  QPushButton* refresh_ = nullptr;
  QCheckBox* showSigned_ = nullptr;
};

// "3 days overdue", "due today", "in 5 days"; "-" without a due date.
QString daysToDueText(const std::optional<qint64>& days);

}  // namespace nbra::viewer::adjudication
