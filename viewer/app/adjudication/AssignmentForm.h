#pragma once

// The coordinator's form for who reads a timepoint (docs/adjudication.md): the current reader 1,
// reader 2 and adjudicator of a chosen subject and timepoint, an assignment by user name (the
// record checks the role, that the account is active and that the three are different people) or
// both readers drawn at random from the active readers with a recorded seed.
//
// A coordinator may not list the accounts (TrialRecord::users() is the administrator's), so the
// user names are typed rather than chosen from a list.

#include <QGroupBox>

#include "records/store/TrialRecord.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace nbra::viewer::adjudication {

class AssignmentForm : public QGroupBox {
  Q_OBJECT
 public:
  AssignmentForm(records::TrialRecord& record, QWidget* parent, const QString& studyId = {},
                 const QString& label = {});
  // Shows `studyId`'s timepoint `label` (when the record has it).
  void select(const QString& studyId, const QString& label);
  void refresh();
  QComboBox* subject() const { return subject_; }
  QComboBox* timepoint() const { return timepoint_; }
  QTableWidget* assignments() const { return table_; }
  QLineEdit* userField(const QString& duty) const;

 signals:
  void assigned();

 private:
  void loadTimepoints();
  void assign(const QString& duty);
  void draw();

  records::TrialRecord& record_;
  QComboBox* subject_ = nullptr;
  QComboBox* timepoint_ = nullptr;
  QLabel* status_ = nullptr;
  protocol::FittedTable* table_ = nullptr;
  QLineEdit* reader1_ = nullptr;
  QLineEdit* reader2_ = nullptr;
  QLineEdit* adjudicator_ = nullptr;
  QLineEdit* reason_ = nullptr;
  QLineEdit* seed_ = nullptr;
};

}  // namespace nbra::viewer::adjudication
