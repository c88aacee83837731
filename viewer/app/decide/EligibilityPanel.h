#pragma once

#include <QWidget>
#include <optional>

#include "records/store/TrialRecord.h"
#include "workflow/decisions/DecisionModel.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace nbra::viewer::decide {

// The imaging inclusion criteria against the baseline read's lesions -- which lesion satisfies
// criterion 1 or 2, with its measurement and avidity -- and the marrow-only exclusion, as the
// latest assessment decided them; the coordinator or investigator confirms with a signature.
class EligibilityPanel : public QWidget {
  Q_OBJECT
 public:
  EligibilityPanel(records::TrialRecord& record, const QString& studyId, QWidget* parent = nullptr);
  void refresh();
  const std::optional<workflow::EligibilityView>& shown() const { return shown_; }

 signals:
  void confirmed(qint64 decisionId);

 private:
  void askSignature();
  void sign(const QString& password);

  records::TrialRecord& record_;
  QString studyId_;
  QLabel* basis_;
  QLabel* stale_;
  QTableWidget* lesions_;
  QLabel* criterion1_;
  QLabel* criterion2_;
  QLabel* exclusion_;
  QLabel* verdict_;
  QRadioButton* eligible_;
  QRadioButton* notEligible_;
  QLineEdit* reason_;
  QPushButton* sign_;
  QLabel* decisions_;
  QLabel* error_;
  std::optional<workflow::EligibilityView> shown_;
};

}  // namespace nbra::viewer::decide
