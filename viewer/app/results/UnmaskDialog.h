#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace nbra::viewer::results {

// Asked before an investigator first sees results by arm: why they unmask, and their password
// again. Unmasking is audited with the reason and never undone (TrialRecord::unmask), so the
// dialog says so before anything is recorded.
class UnmaskDialog : public QDialog {
  Q_OBJECT
 public:
  UnmaskDialog(const QString& fullName, const QString& userName, QWidget* parent = nullptr);
  QString reason() const;
  QString password() const;

 private:
  QLineEdit* reason_;
  QLineEdit* password_;
  QPushButton* unmask_;
};

}  // namespace nbra::viewer::results
