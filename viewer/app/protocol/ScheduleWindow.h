#pragma once

#include <QWidget>

#include "records/store/TrialRecord.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace nbra::viewer::protocol {

// Trial > Injection schedule and timeline: the injection calendar of one subject as of a day
// (each injection due a set number of days after its chemotherapy course, the weight to use and
// the dose, late, overdue, early and unapproved injections flagged in words and colour), the
// coordinator's form for the end of a course, and the subject's timeline (courses, injections,
// scans, assessments, decisions) with the flagged events marked.
class ScheduleWindow : public QWidget {
  Q_OBJECT
 public:
  ScheduleWindow(records::TrialRecord& record, const QString& studyId, QWidget* parent = nullptr);
  QSize sizeHint() const override;
  void refresh();
  QTableWidget* calendar() const { return calendar_; }
  QTableWidget* timeline() const { return timeline_; }
  QDateEdit* asOf() const { return asOf_; }

 signals:
  void courseRecorded(qint64 courseId);

 private:
  void recordCourse();

  records::TrialRecord& record_;
  QString studyId_;
  QDateEdit* asOf_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* error_ = nullptr;
  FittedTable* calendar_ = nullptr;
  QLabel* courses_ = nullptr;
  QSpinBox* courseNumber_ = nullptr;
  QDateEdit* courseEnd_ = nullptr;
  QLineEdit* courseReason_ = nullptr;
  QPushButton* recordCourse_ = nullptr;
  FittedTable* timeline_ = nullptr;
  int nextCourse_ = 1;  // the course after the last one recorded: the form's default
};

}  // namespace nbra::viewer::protocol
