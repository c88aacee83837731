#pragma once

#include <QWidget>

#include "records/store/TrialRecord.h"

namespace nbra::viewer::adjudication {

class AssignmentForm;
class ReadingDesignForm;

// Trial > Reading design and assignments: the administrator sets the trial's reading design
// (ReadingDesignForm); the coordinator assigns each timepoint's readers and adjudicator
// (AssignmentForm). Each sees the other's part read-only or says whose it is.
class ReadingSetupWindow : public QWidget {
  Q_OBJECT
 public:
  // Throws the refusal for a role with no part in either (readers, adjudicators, investigators).
  explicit ReadingSetupWindow(records::TrialRecord& record, QWidget* parent = nullptr,
                              const QString& studyId = {}, const QString& label = {});
  QSize sizeHint() const override;
  ReadingDesignForm* designForm() const { return design_; }
  AssignmentForm* assignmentForm() const { return assignment_; }

 private:
  ReadingDesignForm* design_ = nullptr;
  AssignmentForm* assignment_ = nullptr;
};

}  // namespace nbra::viewer::adjudication
