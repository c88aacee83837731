#include "viewer/app/results/UnmaskDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace nbra::viewer::results {

UnmaskDialog::UnmaskDialog(const QString& fullName, const QString& userName, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Unmask the arms"));
  setObjectName("unmaskDialog");
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      tr("Results by arm show the arm of every subject. <b>Unmasking is recorded in the audit "
         "trail with your reason and cannot be undone</b>: from now on you see the arms."),
      this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  form->addRow(tr("Unmasked by:"), new QLabel("<b>" + fullName.toHtmlEscaped() + "</b> (" +
                                                  userName.toHtmlEscaped() + ")",
                                              this));
  reason_ = new QLineEdit(this);
  reason_->setObjectName("reason");
  reason_->setPlaceholderText(tr("e.g. primary analysis after the last subject's follow-up"));
  form->addRow(tr("Reason:"), reason_);
  password_ = new QLineEdit(this);
  password_->setObjectName("password");
  password_->setEchoMode(QLineEdit::Password);
  form->addRow(tr("Password (again):"), password_);
  layout->addLayout(form);
  auto* buttons = new QDialogButtonBox(this);
  unmask_ = buttons->addButton(tr("Unmask and show results"), QDialogButtonBox::AcceptRole);
  unmask_->setObjectName("unmask");
  unmask_->setEnabled(false);
  buttons->addButton(QDialogButtonBox::Cancel)->setObjectName("cancel");
  layout->addWidget(buttons);
  const auto update = [this] {
    unmask_->setEnabled(!reason_->text().trimmed().isEmpty() && !password_->text().isEmpty());
  };
  connect(reason_, &QLineEdit::textChanged, this, update);
  connect(password_, &QLineEdit::textChanged, this, update);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  setMinimumWidth(480);
}

QString UnmaskDialog::reason() const {
  return reason_->text().trimmed();
}

QString UnmaskDialog::password() const {
  return password_->text();
}

}  // namespace nbra::viewer::results
