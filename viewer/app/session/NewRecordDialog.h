#pragma once

#include <QDialog>
#include <memory>

#include "viewer/app/session/TrialSession.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace nbra::viewer::session {

// A new trial record (an SQLite file) and its first administrator, who is signed in: the
// administrator then creates the trial's accounts (Trial > Accounts…).
class NewRecordDialog : public QDialog {
  Q_OBJECT
 public:
  explicit NewRecordDialog(QWidget* parent = nullptr);
  ~NewRecordDialog() override;
  std::unique_ptr<TrialSession> takeSession();
  QString errorText() const;

  QLineEdit* pathEdit() const { return path_; }
  QLineEdit* userEdit() const { return user_; }
  QLineEdit* fullNameEdit() const { return fullName_; }
  QLineEdit* passwordEdit() const { return password_; }
  QLineEdit* repeatEdit() const { return repeat_; }

 public slots:
  void tryCreate();

 private:
  QLineEdit* path_ = nullptr;
  QLineEdit* user_ = nullptr;
  QLineEdit* fullName_ = nullptr;
  QLineEdit* password_ = nullptr;
  QLineEdit* repeat_ = nullptr;
  QLabel* error_ = nullptr;
  std::unique_ptr<TrialSession> session_;
};

}  // namespace nbra::viewer::session
