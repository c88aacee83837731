#include "viewer/app/session/NewRecordDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <exception>

namespace nbra::viewer::session {

NewRecordDialog::NewRecordDialog(QWidget* parent) : QDialog(parent) {
  setObjectName("newRecordDialog");
  setWindowTitle(tr("NBRA — new trial record"));
  auto* layout = new QVBoxLayout(this);
  auto* intro =
      new QLabel(tr("A new, empty trial record in one file, with its first "
                    "administrator. The administrator then creates the accounts of "
                    "the coordinators, readers and investigators."));
  intro->setWordWrap(true);
  layout->addWidget(intro);
  path_ = new QLineEdit;
  path_->setObjectName("newRecordPath");
  auto* browse = new QPushButton(tr("Browse…"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("New trial record"), {},
                                                      tr("Trial records (*.sqlite)"));
    if (!file.isEmpty())
      path_->setText(file);
  });
  auto* where = new QHBoxLayout;
  where->addWidget(path_, 1);
  where->addWidget(browse);
  user_ = new QLineEdit;
  user_->setObjectName("adminUserName");
  fullName_ = new QLineEdit;
  fullName_->setObjectName("adminFullName");
  password_ = new QLineEdit;
  password_->setObjectName("adminPassword");
  password_->setEchoMode(QLineEdit::Password);
  repeat_ = new QLineEdit;
  repeat_->setObjectName("adminPasswordRepeat");
  repeat_->setEchoMode(QLineEdit::Password);
  auto* form = new QFormLayout;
  form->addRow(tr("Record file:"), where);
  form->addRow(tr("Administrator's user name:"), user_);
  form->addRow(tr("Full name:"), fullName_);
  form->addRow(tr("Password:"), password_);
  form->addRow(tr("Password again:"), repeat_);
  layout->addLayout(form);
  error_ = new QLabel;
  error_->setObjectName("newRecordError");
  error_->setWordWrap(true);
  error_->setStyleSheet(
      "color: #8a1c1c; background: #fbeaea; border: 1px solid #d9a3a3; "
      "padding: 6px");
  error_->setVisible(false);
  layout->addWidget(error_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  auto* create = buttons->addButton(tr("Create record"), QDialogButtonBox::AcceptRole);
  create->setObjectName("createRecord");
  connect(create, &QPushButton::clicked, this, &NewRecordDialog::tryCreate);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

NewRecordDialog::~NewRecordDialog() = default;

std::unique_ptr<TrialSession> NewRecordDialog::takeSession() {
  return std::move(session_);
}

QString NewRecordDialog::errorText() const {
  return error_->isHidden() ? QString() : error_->text();
}

void NewRecordDialog::tryCreate() {
  const auto fail = [this](const QString& message) {
    error_->setText(message);
    error_->setVisible(true);
    adjustSize();
  };
  if (user_->text().trimmed().isEmpty() || fullName_->text().trimmed().isEmpty()) {
    fail(tr("Give the administrator's user name and full name."));
    return;
  }
  if (password_->text() != repeat_->text()) {
    fail(tr("The two passwords differ."));
    repeat_->clear();
    return;
  }
  try {
    session_ = createTrialRecord(path_->text(), user_->text().trimmed(),
                                 fullName_->text().trimmed(), password_->text());
  } catch (const std::exception& e) {
    fail(QString::fromUtf8(e.what()));
    return;
  }
  accept();
}

}  // namespace nbra::viewer::session
