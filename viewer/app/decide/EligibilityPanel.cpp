#include "viewer/app/decide/EligibilityPanel.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/decide/SignDialog.h"
#include "workflow/adjudication/ReadOfRecord.h"

namespace nbra::viewer::decide {

namespace {

// "met. <the rules' sentence>", without the sentence's own "Met: " / "Not met: " opening.
QString criterionText(bool met, QString text) {
  for (const char* opening : {"Met: ", "Not met: "}) {
    if (text.startsWith(opening)) {
      text = text.mid(static_cast<qsizetype>(qstrlen(opening)));
      text[0] = text[0].toUpper();
    }
  }
  return (met ? "<b>met</b>. " : "<b>not met</b>. ") + text.toHtmlEscaped();
}

QString decisionsText(const std::vector<records::DecisionRecord>& decisions, const QString& yes,
                      const QString& no) {
  if (decisions.empty()) {
    return "No signed decision yet.";
  }
  QStringList lines;
  for (const records::DecisionRecord& d : decisions) {
    const QString who = d.signature
                            ? d.signature->signerName + ", " +
                                  QString(d.signature->signedUtc).replace('T', ' ').left(16) +
                                  " UTC, \"" + d.signature->meaning + "\""
                            : QString("NOT SIGNED");
    lines << QString("#%1 %2 (%3): %4")
                 .arg(d.id)
                 .arg(d.yes ? yes : no, who, d.reason)
                 .toHtmlEscaped();
  }
  return "Signed decisions:<br>" + lines.join("<br>");
}

}  // namespace

EligibilityPanel::EligibilityPanel(records::TrialRecord& record, const QString& studyId,
                                   QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  auto* layout = new QVBoxLayout(this);
  basis_ = new QLabel(this);
  basis_->setObjectName("basis");
  basis_->setWordWrap(true);
  layout->addWidget(basis_);
  stale_ = new QLabel(this);
  stale_->setObjectName("stale");
  stale_->setWordWrap(true);
  stale_->setStyleSheet(kWarningStyle);
  stale_->hide();
  layout->addWidget(stale_);

  lesions_ = new QTableWidget(0, 7, this);
  lesions_->setObjectName("lesions");
  lesions_->setHorizontalHeaderLabels({"Lesion", "Site", "Long axis (mm)", "Short axis (mm)",
                                       "MIBG-avid", "FDG-avid", "Satisfies"});
  lesions_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  lesions_->horizontalHeader()->setStretchLastSection(true);
  lesions_->verticalHeader()->hide();
  lesions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  lesions_->setSelectionMode(QAbstractItemView::NoSelection);
  lesions_->setFocusPolicy(Qt::NoFocus);
  layout->addWidget(lesions_, 1);

  auto* criteria = new QGroupBox("Imaging criteria (trial protocol)", this);
  auto* form = new QFormLayout(criteria);
  criterion1_ = new QLabel(criteria);
  criterion1_->setObjectName("criterion1");
  criterion2_ = new QLabel(criteria);
  criterion2_->setObjectName("criterion2");
  exclusion_ = new QLabel(criteria);
  exclusion_->setObjectName("exclusion");
  verdict_ = new QLabel(criteria);
  verdict_->setObjectName("verdict");
  for (QLabel* l : {criterion1_, criterion2_, exclusion_, verdict_}) {
    l->setWordWrap(true);
  }
  form->addRow("1. Lesion >= 10 mm on CT/MRI and MIBG-avid:", criterion1_);
  form->addRow("2. Increased FDG uptake on PET:", criterion2_);
  form->addRow("Exclusion, marrow-only disease:", exclusion_);
  form->addRow("NBRA:", verdict_);
  layout->addWidget(criteria);

  auto* confirm = new QGroupBox("Confirmation", this);
  auto* c = new QFormLayout(confirm);
  auto* choice = new QHBoxLayout;
  eligible_ = new QRadioButton("Eligible", confirm);
  eligible_->setObjectName("eligibleYes");
  notEligible_ = new QRadioButton("Not eligible", confirm);
  notEligible_->setObjectName("eligibleNo");
  auto* group = new QButtonGroup(confirm);
  group->addButton(eligible_);
  group->addButton(notEligible_);
  choice->addWidget(eligible_);
  choice->addWidget(notEligible_);
  choice->addStretch();
  c->addRow("Decision:", choice);
  reason_ = new QLineEdit(confirm);
  reason_->setObjectName("reason");
  connect(reason_, &QLineEdit::textEdited, this, [this] { error_->hide(); });
  c->addRow("Reason:", reason_);
  sign_ = new QPushButton("Confirm and sign...", confirm);
  sign_->setObjectName("sign");
  auto* signRow = new QHBoxLayout;
  signRow->addWidget(sign_);
  signRow->addStretch();
  c->addRow("", signRow);
  decisions_ = new QLabel(confirm);
  decisions_->setObjectName("decisions");
  decisions_->setWordWrap(true);
  decisions_->setStyleSheet(kNoteStyle);
  c->addRow(decisions_);
  layout->addWidget(confirm);

  error_ = new QLabel(this);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(kErrorStyle);
  error_->hide();
  layout->addWidget(error_);

  connect(sign_, &QPushButton::clicked, this, [this] { askSignature(); });
  refresh();
}

void EligibilityPanel::refresh() {
  error_->hide();
  lesions_->setRowCount(0);
  shown_.reset();
  try {
    const records::SubjectRecord subject = record_.subject(studyId_);
    decisions_->setText(decisionsText(subject.eligibility, "eligible", "not eligible"));
    const std::optional<records::AssessmentRecord> latest =
        workflow::latestAssessment(record_.assessments(studyId_));
    const records::TimepointRecord* baseline = nullptr;
    for (const records::TimepointRecord& t : subject.timepoints) {
      if (t.kind == "baseline" && !baseline) {
        baseline = &t;
      }
    }
    // Under double reading the baseline's read of record (docs/adjudication.md); else the
    // signed read.
    std::optional<workflow::DecisionRead> basis;
    if (baseline) {
      basis = workflow::decisionRead(record_, studyId_, baseline->label);
    }
    const std::optional<records::ReadRecord> read =
        basis ? basis->read : std::optional<records::ReadRecord>();
    if (!latest || !read) {
      QString why = "Not assessed yet: record an assessment (Assessment tab) first.";
      if (!read && basis && basis->status.design == records::kDoubleRead) {
        why = "Baseline double reading: " + basis->status.text +
              ". Eligibility waits for the baseline's read of record.";
      } else if (!read) {
        why = "No signed baseline read: the criteria need the reader's baseline lesions.";
      }
      basis_->setText(why);
      for (QLabel* l : {criterion1_, criterion2_, exclusion_, verdict_}) {
        l->clear();
      }
      stale_->hide();
      sign_->setEnabled(false);
      return;
    }
    shown_ = workflow::eligibilityView(*latest, *read);
  } catch (const records::RecordError& e) {
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
    sign_->setEnabled(false);
    return;
  }
  const workflow::EligibilityView& v = *shown_;
  basis_->setText(QString("Baseline lesions from %1. Criteria from assessment %2 ('%3').")
                      .arg(v.baselineRead)
                      .arg(v.assessmentId)
                      .arg(v.assessedTimepoint));
  stale_->setVisible(!v.stale.isEmpty());
  stale_->setText("STALE ASSESSMENT: " + v.stale + ". Assess again before confirming eligibility.");
  for (const workflow::EligibilityLesion& l : v.lesions) {
    const int row = lesions_->rowCount();
    lesions_->insertRow(row);
    const QStringList cells{l.trackingId,
                            l.organ + (l.lymphNode ? " (lymph node)" : ""),
                            QString::number(l.longAxisMm, 'f', 1),
                            l.shortAxisMm ? QString::number(*l.shortAxisMm, 'f', 1) : "-",
                            l.mibgAvid ? "yes" : "no",
                            l.fdgAvid ? "yes" : "no",
                            l.satisfies.isEmpty() ? "-" : l.satisfies};
    for (int col = 0; col < cells.size(); ++col) {
      auto* item = new QTableWidgetItem(cells[col]);
      if (!l.satisfies.isEmpty()) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
      }
      lesions_->setItem(row, col, item);
    }
  }
  criterion1_->setText(criterionText(v.criterion1, v.criterion1Text));
  criterion2_->setText(criterionText(v.criterion2, v.criterion2Text));
  exclusion_->setText(
      v.exclusionText.isEmpty()
          ? QString("does not apply (disease outside the bone marrow).")
          : (v.marrowOnlyExcluded ? "<b>applies</b>. " : "<b>does not apply</b>. ") +
                v.exclusionText.toHtmlEscaped());
  verdict_->setText("<b>" + QString(v.eligible ? "Eligible" : "Not eligible") + "</b>. " +
                    v.decisionText.toHtmlEscaped());
  (v.eligible ? eligible_ : notEligible_)->setChecked(true);
  reason_->setText(v.proposedReason);
  // Say who may sign before anyone types a password (the record refuses the others anyway).
  const records::Actor& actor = record_.actor();
  const bool mayConfirm = records::roleAllows(actor.role, records::Permission::ConfirmEligibility);
  sign_->setEnabled(mayConfirm);
  sign_->setToolTip(mayConfirm ? QString()
                               : "Your role (" + records::roleName(actor.role) +
                                     ") may not confirm eligibility in this trial record");
}

void EligibilityPanel::askSignature() {
  error_->hide();
  if (!shown_) {
    return;
  }
  if (reason_->text().trimmed().isEmpty()) {
    error_->setText("Write the reason for the decision.");
    error_->show();
    return;
  }
  const records::Actor& actor = record_.actor();
  auto* dialog = new SignDialog(
      actor.fullName, actor.userName, workflow::eligibilityMeaning(eligible_->isChecked()),
      QString("Subject %1: %2 on imaging, on assessment %3.")
          .arg(studyId_, eligible_->isChecked() ? "eligible" : "not eligible")
          .arg(shown_->assessmentId),
      this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] { sign(dialog->password()); });
  dialog->open();
}

void EligibilityPanel::sign(const QString& password) {
  try {
    const qint64 id = workflow::signEligibility(record_, studyId_, *shown_, eligible_->isChecked(),
                                                reason_->text(), password);
    refresh();
    emit confirmed(id);
  } catch (const records::RecordError& e) {
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
  }
}

}  // namespace nbra::viewer::decide
