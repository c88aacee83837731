#include "viewer/app/session/AccountsWindow.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <exception>

#include "records/users/Role.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

namespace nbra::viewer::session {

AccountsWindow::AccountsWindow(records::TrialRecord& record, QWidget* parent)
    : QWidget(parent), record_(record) {
  setObjectName("accountsWindow");
  setWindowTitle(protocol::protocolWindowTitle(tr("Accounts"), record, {}));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(protocol::signedInText(record)));
  error_ = new QLabel;
  error_->setObjectName("accountsError");
  error_->setWordWrap(true);
  error_->setStyleSheet(protocol::kBannerStop);
  error_->setVisible(false);
  layout->addWidget(error_);

  table_ = new QTableWidget(0, 5);
  table_->setObjectName("accountsTable");
  table_->setHorizontalHeaderLabels(
      {tr("User name"), tr("Full name"), tr("Role"), tr("Active"), tr("Sign-in")});
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layout->addWidget(table_, 1);

  auto* unlockRow = new QHBoxLayout;
  reason_ = new QLineEdit;
  reason_->setObjectName("unlockReason");
  reason_->setPlaceholderText(tr("why the account is unlocked (e.g. identity confirmed by phone)"));
  auto* unlock = new QPushButton(tr("Unlock selected account"));
  unlock->setObjectName("unlockAccount");
  connect(unlock, &QPushButton::clicked, this, &AccountsWindow::unlockSelected);
  unlockRow->addWidget(new QLabel(tr("Reason:")));
  unlockRow->addWidget(reason_, 1);
  unlockRow->addWidget(unlock);
  layout->addLayout(unlockRow);

  auto* box = new QGroupBox(tr("New account"));
  auto* form = new QFormLayout(box);
  user_ = new QLineEdit;
  user_->setObjectName("newUserName");
  fullName_ = new QLineEdit;
  fullName_->setObjectName("newFullName");
  role_ = new QComboBox;
  role_->setObjectName("newRole");
  for (records::Role r :
       {records::Role::Reader, records::Role::Coordinator, records::Role::Investigator,
        records::Role::Adjudicator, records::Role::Administrator}) {
    role_->addItem(records::roleName(r), records::roleName(r));
  }
  password_ = new QLineEdit;
  password_->setObjectName("newPassword");
  password_->setEchoMode(QLineEdit::Password);
  auto* create = new QPushButton(tr("Create account"));
  create->setObjectName("createAccount");
  connect(create, &QPushButton::clicked, this, &AccountsWindow::createAccount);
  form->addRow(tr("User name:"), user_);
  form->addRow(tr("Full name:"), fullName_);
  form->addRow(tr("Role:"), role_);
  form->addRow(tr("First password:"), password_);
  form->addRow(QString(), create);
  layout->addWidget(box);
  const bool admin = protocol::mayDo(record_, records::Permission::ManageUsers);
  box->setEnabled(admin);
  unlock->setEnabled(protocol::mayDo(record_, records::Permission::UnlockAccount));
  refresh();
}

QSize AccountsWindow::sizeHint() const {
  return {900, 620};
}

QString AccountsWindow::errorText() const {
  return error_->isHidden() ? QString() : error_->text();
}

void AccountsWindow::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

void AccountsWindow::refresh() {
  table_->setRowCount(0);
  try {
    for (const records::UserRecord& u : record_.users()) {
      const int row = table_->rowCount();
      table_->insertRow(row);
      const QString signIn = u.locked ? tr("LOCKED after %1 failed sign-ins").arg(u.failedSignIns)
                             : u.failedSignIns > 0
                                 ? tr("%1 failed since last sign-in").arg(u.failedSignIns)
                                 : tr("ok");
      protocol::setTableRow(
          table_, row, {u.userName, u.fullName, u.role, u.active ? tr("yes") : tr("no"), signIn});
      if (u.locked)
        protocol::toneRow(table_, row, protocol::Tone::Stop);
    }
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
  }
}

bool AccountsWindow::createAccount() {
  const auto role = records::roleFromName(role_->currentData().toString());
  try {
    record_.createUser(user_->text().trimmed(), fullName_->text().trimmed(), *role,
                       password_->text());
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
    return false;
  }
  showError({});
  user_->clear();
  fullName_->clear();
  password_->clear();
  refresh();
  return true;
}

bool AccountsWindow::unlockSelected() {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) {
    showError(tr("Select the locked account to unlock."));
    return false;
  }
  const QString userName = table_->item(rows.front().row(), 0)->text();
  try {
    record_.unlockUser(userName, reason_->text().trimmed());
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
    return false;
  }
  showError({});
  reason_->clear();
  refresh();
  return true;
}

}  // namespace nbra::viewer::session
