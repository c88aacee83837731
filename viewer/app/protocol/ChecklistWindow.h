#pragma once

#include <QWidget>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"
#include "scoring/checklist/EligibilityChecklist.h"

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace nbra::viewer::protocol {

// Trial > Eligibility checklist: the protocol's inclusion 1-6 and exclusion 3-16 for one subject.
// The coordinator enters each item from its source document (yes/no, or the measured value with
// its unit), dated; the rules (scoring/checklist, through the record) give each criterion's status
// and reasons and the verdict; the investigator reviews and signs it (reason, password again).
// Refusals of the record are shown in a message box with its message and nothing else changes.
class ChecklistWindow : public QWidget {
  Q_OBJECT
 public:
  ChecklistWindow(records::TrialRecord& record, const QString& studyId, QWidget* parent = nullptr);
  QSize sizeHint() const override;
  // Reads the review, the latest signature and the answers again and shows them.
  void refresh();
  // What is shown, for the tests and the screenshots.
  const std::optional<records::ChecklistReview>& review() const { return review_; }
  QDateEdit* judgedOn() const { return judgedOn_; }

 signals:
  void answerRecorded(qint64 answerId);
  void checklistSigned(qint64 signoffId);

 private:
  struct ItemRow {
    scoring::ChecklistItem item;
    QLabel* current = nullptr;
    QRadioButton* yes = nullptr;
    QRadioButton* no = nullptr;
    QLineEdit* value = nullptr;
    QDateEdit* date = nullptr;
    QLineEdit* source = nullptr;
    QPushButton* record = nullptr;
  };
  struct CriterionRow {
    QString id;
    QLabel* title = nullptr;
    QLabel* status = nullptr;
    QLabel* reasons = nullptr;
  };

  QWidget* buildCriteria(QWidget* parent);
  QWidget* buildItemRow(ItemRow& row, QWidget* parent);
  QWidget* buildSignature(QWidget* parent);
  void fillEntry(ItemRow& row, const records::ChecklistAnswerInput& answer);
  void recordAnswer(std::size_t index);
  void askSignature();
  void sign(const QString& password, const QDate& judgedOn);
  void showBanner();
  void updatePermissions();

  records::TrialRecord& record_;
  QString studyId_;
  std::optional<records::ChecklistReview> review_;
  std::optional<records::ChecklistSignoffRecord> signoff_;
  std::vector<records::DecisionRecord> imagingDecisions_;
  QDateEdit* judgedOn_ = nullptr;
  QLabel* verdict_ = nullptr;
  QLabel* imaging_ = nullptr;
  QLabel* notes_ = nullptr;
  QLabel* signature_ = nullptr;
  QLabel* error_ = nullptr;
  std::vector<CriterionRow> criteria_;
  std::vector<ItemRow> items_;
  QLineEdit* signReason_ = nullptr;
  QPushButton* sign_ = nullptr;
};

}  // namespace nbra::viewer::protocol
