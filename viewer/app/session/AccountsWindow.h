#pragma once

#include <QWidget>

#include "records/store/TrialRecord.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace nbra::viewer::session {

// Trial > Accounts… (the administrator's start window): every account with its role, whether it
// is active and whether it is locked after failed sign-ins; a new account; unlocking a locked
// one with a reason (audited by the record).
class AccountsWindow : public QWidget {
  Q_OBJECT
 public:
  explicit AccountsWindow(records::TrialRecord& record, QWidget* parent = nullptr);
  QSize sizeHint() const override;

  void refresh();
  QTableWidget* table() const { return table_; }
  QLineEdit* userEdit() const { return user_; }
  QLineEdit* fullNameEdit() const { return fullName_; }
  QComboBox* roleBox() const { return role_; }
  QLineEdit* passwordEdit() const { return password_; }
  QLineEdit* reasonEdit() const { return reason_; }
  QString errorText() const;

 public slots:
  bool createAccount();
  bool unlockSelected();  // the selected row's account, with the typed reason

 private:
  void showError(const QString& message);

  records::TrialRecord& record_;
  QLabel* error_ = nullptr;
  QTableWidget* table_ = nullptr;
  QLineEdit* user_ = nullptr;
  QLineEdit* fullName_ = nullptr;
  QComboBox* role_ = nullptr;
  QLineEdit* password_ = nullptr;
  QLineEdit* reason_ = nullptr;
};

}  // namespace nbra::viewer::session
