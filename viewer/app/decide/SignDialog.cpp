#include "viewer/app/decide/SignDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace nbra::viewer::decide {

SignDialog::SignDialog(const QString& fullName, const QString& userName, const QString& meaning,
                       const QString& what, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle("Electronic signature");
  setObjectName("signDialog");
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(what, this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  auto* signer = new QLabel(
      "<b>" + fullName.toHtmlEscaped() + "</b> (" + userName.toHtmlEscaped() + ")", this);
  signer->setObjectName("signer");
  form->addRow("Signed by:", signer);
  auto* meaningLabel = new QLabel("<b>" + meaning.toHtmlEscaped() + "</b>", this);
  meaningLabel->setObjectName("meaning");
  form->addRow("Meaning of this signature:", meaningLabel);
  password_ = new QLineEdit(this);
  password_->setObjectName("password");
  password_->setEchoMode(QLineEdit::Password);
  form->addRow("Password (again):", password_);
  layout->addLayout(form);
  auto* note = new QLabel(
      "Signing is final: the decision is stored with your name, the date and time and this "
      "meaning. A later change is a new signed correction with its reason.",
      this);
  note->setWordWrap(true);
  note->setStyleSheet("color: #555555");
  layout->addWidget(note);
  auto* buttons = new QDialogButtonBox(this);
  sign_ = buttons->addButton("Sign", QDialogButtonBox::AcceptRole);
  sign_->setObjectName("sign");
  sign_->setEnabled(false);
  buttons->addButton(QDialogButtonBox::Cancel)->setObjectName("cancel");
  layout->addWidget(buttons);
  connect(password_, &QLineEdit::textChanged, this,
          [this](const QString& text) { sign_->setEnabled(!text.isEmpty()); });
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  setMinimumWidth(460);
}

QString SignDialog::password() const {
  return password_->text();
}

}  // namespace nbra::viewer::decide
