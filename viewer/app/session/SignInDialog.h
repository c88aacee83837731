#pragma once

#include <QDialog>
#include <memory>

#include "viewer/app/session/TrialSession.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace nbra::viewer::session {

// File > Sign in to trial record… and the start of the workstation: the record (remembered
// locations, Browse… for a file, New record… for a new one), the user name and the password.
// A refusal (wrong password, locked account, no record there) is said inside the dialog, which
// stays open for another try; every attempt is audited by the record.
class SignInDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SignInDialog(QWidget* parent = nullptr, const QString& location = {},
                        const QString& userName = {});
  ~SignInDialog() override;

  // The signed-in session after accept(); null before.
  std::unique_ptr<TrialSession> takeSession();
  QString errorText() const;

  QComboBox* locationBox() const { return location_; }
  QLineEdit* userEdit() const { return user_; }
  QLineEdit* passwordEdit() const { return password_; }
  QPushButton* signInButton() const { return signIn_; }

 public slots:
  // Opens the record when needed and signs in; accepts on success, else shows why.
  void trySignIn();
  void chooseFile();
  void createRecord();

 private:
  void showError(const QString& message);

  QComboBox* location_ = nullptr;
  QLineEdit* user_ = nullptr;
  QLineEdit* password_ = nullptr;
  QLabel* error_ = nullptr;
  QPushButton* signIn_ = nullptr;
  std::unique_ptr<TrialSession> session_;
};

}  // namespace nbra::viewer::session
