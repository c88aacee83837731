#pragma once

#include <QDialog>

#include "records/store/TrialRecord.h"
#include "workflow/decisions/DecisionModel.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace nbra::viewer::decide {

// NBRA's proposal on injections 4 and 5 with its reasons, the rule settings in force and the
// dose for the current weight; the investigator approves it or overrides it with a reason, and
// signs (TrialRecord::decideExtraDoses).
class ExtraDoseDialog : public QDialog {
  Q_OBJECT
 public:
  ExtraDoseDialog(records::TrialRecord& record, const QString& studyId,
                  const workflow::ExtraDoseProposal& proposal, QWidget* parent = nullptr);
  qint64 decisionId() const { return decisionId_; }

 signals:
  void decided(qint64 decisionId);

 private:
  void askSignature();
  void sign(const QString& password);
  workflow::ExtraDoseChoice choice() const;

  records::TrialRecord& record_;
  QString studyId_;
  workflow::ExtraDoseProposal proposal_;
  QRadioButton* follow_;
  QRadioButton* override_;
  QLineEdit* reason_;
  QLineEdit* overrideReason_;
  QLabel* outcome_;
  QPushButton* sign_;
  QLabel* error_;
  qint64 decisionId_ = 0;
};

}  // namespace nbra::viewer::decide
