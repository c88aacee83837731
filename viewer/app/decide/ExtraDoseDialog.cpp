#include "viewer/app/decide/ExtraDoseDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/decide/SignDialog.h"

namespace nbra::viewer::decide {

namespace {

QString bullets(const QStringList& items) {
  QString h = "<ul style='margin-left:0px; -qt-list-indent:1'>";
  for (const QString& i : items) {
    h += "<li>" + i.toHtmlEscaped() + "</li>";
  }
  return h + "</ul>";
}

QString proposalText(const workflow::ExtraDoseProposal& p) {
  if (!p.decidable) {
    return "NBRA cannot propose yet: no assessment after the 3rd injection.";
  }
  return p.allowed ? "NBRA proposes: injections 4 and 5 <b>ALLOWED</b>"
                   : "NBRA proposes: injections 4 and 5 <b>NOT ALLOWED</b>";
}

}  // namespace

ExtraDoseDialog::ExtraDoseDialog(records::TrialRecord& record, const QString& studyId,
                                 const workflow::ExtraDoseProposal& proposal, QWidget* parent)
    : QDialog(parent), record_(record), studyId_(studyId), proposal_(proposal) {
  setWindowTitle("Injections 4 and 5: decision for " + studyId);
  setObjectName("extraDoseDialog");
  auto* layout = new QVBoxLayout(this);

  auto* headline =
      new QLabel("<span style='font-size:14pt'>" + proposalText(proposal) +
                     "</span><br>Assessment " + QString::number(proposal.assessmentId) + " of '" +
                     proposal.assessedTimepoint.toHtmlEscaped() +
                     "': INRC overall response against the "
                     "pre-treatment baseline <b>" +
                     proposal.overall.toHtmlEscaped() + "</b>",
                 this);
  headline->setObjectName("proposal");
  headline->setWordWrap(true);
  headline->setStyleSheet(kProposalStyle);
  layout->addWidget(headline);
  if (!proposal.stale.isEmpty()) {
    auto* stale = new QLabel(
        "STALE ASSESSMENT: " + proposal.stale + ". Assess again before approving extra doses.",
        this);
    stale->setObjectName("stale");
    stale->setWordWrap(true);
    stale->setStyleSheet(kWarningStyle);
    layout->addWidget(stale);
  }

  auto* why = new QGroupBox("Why (the rules)", this);
  auto* whyLayout = new QVBoxLayout(why);
  auto* reasons = new QLabel(bullets(proposal.reasons.mid(0, proposal.reasons.size() - 1)), why);
  reasons->setObjectName("reasons");
  reasons->setWordWrap(true);
  reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
  whyLayout->addWidget(reasons);
  auto* settings =
      new QLabel("Rule settings in force: " + proposal.settingsInForce.join("; ") + ".", why);
  settings->setObjectName("settings");
  settings->setWordWrap(true);
  settings->setStyleSheet(kNoteStyle);
  whyLayout->addWidget(settings);
  layout->addWidget(why);

  auto* dose = new QLabel("<b>Dose:</b> " + proposal.doseText.toHtmlEscaped(), this);
  dose->setObjectName("dose");
  dose->setWordWrap(true);
  layout->addWidget(dose);

  auto* decide = new QGroupBox("Investigator's decision", this);
  auto* form = new QFormLayout(decide);
  follow_ = new QRadioButton(proposal.allowed ? "Approve NBRA's proposal: allow injections 4 and 5"
                                              : "Approve NBRA's proposal: no injections 4 and 5",
                             decide);
  follow_->setObjectName("follow");
  override_ = new QRadioButton(proposal.allowed ? "Override: refuse injections 4 and 5"
                                                : "Override: allow injections 4 and 5",
                               decide);
  override_->setObjectName("override");
  auto* group = new QButtonGroup(decide);
  group->addButton(follow_);
  group->addButton(override_);
  follow_->setChecked(true);
  form->addRow(follow_);
  form->addRow(override_);
  reason_ = new QLineEdit(decide);
  reason_->setObjectName("reason");
  form->addRow("Reason:", reason_);
  overrideReason_ = new QLineEdit(decide);
  overrideReason_->setObjectName("overrideReason");
  overrideReason_->setEnabled(false);
  overrideReason_->setPlaceholderText("Why the rules' proposal is not followed");
  form->addRow("Override reason:", overrideReason_);
  outcome_ = new QLabel(decide);
  outcome_->setObjectName("outcome");
  form->addRow("Will be signed as:", outcome_);
  layout->addWidget(decide);

  error_ = new QLabel(this);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(kErrorStyle);
  error_->hide();
  layout->addWidget(error_);

  auto* buttons = new QDialogButtonBox(this);
  sign_ = buttons->addButton("Sign decision...", QDialogButtonBox::ActionRole);
  sign_->setObjectName("sign");
  sign_->setEnabled(proposal.decidable);
  buttons->addButton(QDialogButtonBox::Cancel)->setObjectName("cancel");
  layout->addWidget(buttons);

  const auto update = [this] {
    overrideReason_->setEnabled(override_->isChecked());
    outcome_->setText("<b>" + workflow::extraDoseMeaning(workflow::extraDosesApproved(proposal_, choice())) + "</b>");
  };
  connect(override_, &QRadioButton::toggled, this, update);
  connect(reason_, &QLineEdit::textEdited, error_, &QWidget::hide);
  connect(overrideReason_, &QLineEdit::textEdited, error_, &QWidget::hide);
  update();
  connect(sign_, &QPushButton::clicked, this, [this] { askSignature(); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  setMinimumWidth(640);
}

workflow::ExtraDoseChoice ExtraDoseDialog::choice() const {
  return {follow_->isChecked(), reason_->text(), overrideReason_->text()};
}

void ExtraDoseDialog::askSignature() {
  error_->hide();
  const QString problem = workflow::extraDoseChoiceProblem(proposal_, choice());
  if (!problem.isEmpty()) {
    error_->setText(problem);
    error_->show();
    return;
  }
  const bool approved = workflow::extraDosesApproved(proposal_, choice());
  const records::Actor& actor = record_.actor();
  auto* dialog = new SignDialog(
      actor.fullName, actor.userName, workflow::extraDoseMeaning(approved),
      QString("Subject %1: injections 4 and 5 %2%3, on assessment %4.")
          .arg(studyId_, approved ? "approved" : "refused",
               follow_->isChecked() ? " as NBRA proposes" : ", overriding NBRA's proposal")
          .arg(proposal_.assessmentId),
      this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] { sign(dialog->password()); });
  dialog->open();
}

void ExtraDoseDialog::sign(const QString& password) {
  try {
    decisionId_ = workflow::signExtraDoseDecision(record_, studyId_, proposal_, choice(), password);
    emit decided(decisionId_);
    accept();
  } catch (const records::RecordError& e) {
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
  }
}

}  // namespace nbra::viewer::decide
