#include "viewer/app/session/SignInDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <exception>

#include "viewer/app/session/NewRecordDialog.h"
#include "viewer/app/session/RecentRecords.h"

namespace nbra::viewer::session {

SignInDialog::SignInDialog(QWidget* parent, const QString& location, const QString& userName)
    : QDialog(parent) {
  setObjectName("signInDialog");
  setWindowTitle(tr("NBRA — sign in to a trial record"));
  auto* layout = new QVBoxLayout(this);
  auto* intro =
      new QLabel(tr("Sign in to the trial record to read, score and decide. Without signing in the "
                    "workstation shows images only."));
  intro->setWordWrap(true);
  layout->addWidget(intro);

  location_ = new QComboBox;
  location_->setObjectName("recordLocation");
  location_->setEditable(true);
  location_->setInsertPolicy(QComboBox::NoInsert);
  location_->setMinimumContentsLength(32);
  location_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  location_->addItems(recentRecordLocations());
  location_->setToolTip(tr("An SQLite record file, or postgresql://user@host:port/database"));
  if (!location.isEmpty()) {
    location_->setCurrentText(location);
  }
  auto* browse = new QPushButton(tr("Browse…"));
  browse->setObjectName("browseRecord");
  connect(browse, &QPushButton::clicked, this, &SignInDialog::chooseFile);
  auto* create = new QPushButton(tr("New record…"));
  create->setObjectName("newRecord");
  connect(create, &QPushButton::clicked, this, &SignInDialog::createRecord);
  auto* where = new QHBoxLayout;
  where->addWidget(location_, 1);
  where->addWidget(browse);
  where->addWidget(create);

  user_ = new QLineEdit(userName);
  user_->setObjectName("userName");
  password_ = new QLineEdit;
  password_->setObjectName("password");
  password_->setEchoMode(QLineEdit::Password);
  auto* form = new QFormLayout;
  form->addRow(tr("Trial record:"), where);
  form->addRow(tr("User name:"), user_);
  form->addRow(tr("Password:"), password_);
  layout->addLayout(form);

  error_ = new QLabel;
  error_->setObjectName("signInError");
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(
      "color: #8a1c1c; background: #fbeaea; border: 1px solid #d9a3a3; "
      "padding: 6px");
  error_->setVisible(false);
  layout->addWidget(error_);

  auto* buttons = new QDialogButtonBox;
  signIn_ = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
  signIn_->setObjectName("signIn");
  signIn_->setDefault(true);
  auto* without = buttons->addButton(tr("Images only"), QDialogButtonBox::RejectRole);
  without->setToolTip(tr("Look at images without a trial record: nothing is read into a trial"));
  connect(signIn_, &QPushButton::clicked, this, &SignInDialog::trySignIn);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  (user_->text().isEmpty() ? user_ : password_)->setFocus();
}

SignInDialog::~SignInDialog() = default;

std::unique_ptr<TrialSession> SignInDialog::takeSession() {
  return std::move(session_);
}

QString SignInDialog::errorText() const {
  return error_->isHidden() ? QString() : error_->text();
}

void SignInDialog::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(true);
  adjustSize();  // room for the message: the fields keep their height
  password_->clear();
  password_->setFocus();
}

void SignInDialog::trySignIn() {
  const QString location = location_->currentText().trimmed();
  if (user_->text().trimmed().isEmpty()) {
    error_->setText(tr("Type your user name."));
    error_->setVisible(true);
    user_->setFocus();
    return;
  }
  try {
    // A record opened for an earlier attempt is kept (same place): each attempt is audited there.
    if (!session_ || session_->location != location) {
      session_.reset();
      session_ = openTrialRecord(location);
    }
    session_->record->signIn(user_->text().trimmed(), password_->text());
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
    return;
  }
  rememberRecordLocation(location);
  error_->setVisible(false);
  accept();
}

void SignInDialog::chooseFile() {
  const QString file =
      QFileDialog::getOpenFileName(this, tr("Open a trial record"), {},
                                   tr("Trial records (*.sqlite *.db *.nbra);;All files (*)"));
  if (!file.isEmpty()) {
    location_->setCurrentText(file);
  }
}

void SignInDialog::createRecord() {
  NewRecordDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted) {
    return;
  }
  session_ = dialog.takeSession();
  if (!session_) {
    return;
  }
  location_->setCurrentText(session_->location);
  user_->setText(session_->record->actor().userName);
  rememberRecordLocation(session_->location);
  accept();  // the new record's administrator is signed in
}

}  // namespace nbra::viewer::session
