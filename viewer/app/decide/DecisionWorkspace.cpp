#include "viewer/app/decide/DecisionWorkspace.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "workflow/export/ReportData.h"
#include "workflow/report/PdfReport.h"
#include "viewer/app/decide/AssessmentPanel.h"
#include "workflow/decisions/DecisionModel.h"
#include "viewer/app/decide/EligibilityPanel.h"
#include "viewer/app/decide/ExtraDoseDialog.h"
#include "viewer/app/decide/PanelStyle.h"

namespace nbra::viewer::decide {

ExtraDosePanel::ExtraDosePanel(records::TrialRecord& record, const QString& studyId,
                               QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  auto* layout = new QVBoxLayout(this);
  summary_ = new QLabel(this);
  summary_->setObjectName("summary");
  summary_->setWordWrap(true);
  summary_->setStyleSheet(kProposalStyle);
  layout->addWidget(summary_);
  decide_ = new QPushButton("Decide on injections 4 and 5...", this);
  decide_->setObjectName("decide");
  auto* row = new QHBoxLayout;
  row->addWidget(decide_);
  row->addStretch();
  layout->addLayout(row);
  decisions_ = new QLabel(this);
  decisions_->setObjectName("decisions");
  decisions_->setWordWrap(true);
  decisions_->setStyleSheet(kNoteStyle);
  layout->addWidget(decisions_);
  layout->addStretch();
  connect(decide_, &QPushButton::clicked, this, [this] { openDialog(); });
  refresh();
}

void ExtraDosePanel::refresh() {
  try {
    const records::SubjectRecord subject = record_.subject(studyId_);
    const auto latest = workflow::latestAssessment(record_.assessments(studyId_));
    if (!latest) {
      summary_->setText("Not assessed yet.");
      decide_->setEnabled(false);
    } else {
      const workflow::ExtraDoseProposal p = workflow::extraDoseProposal(*latest, subject);
      summary_->setText(
          QString("Assessment %1 ('%2'): ").arg(p.assessmentId).arg(p.assessedTimepoint) +
          (!p.decidable ? QString("no proposal yet (the assessment after the 3rd injection is "
                                  "missing).")
                        : QString("NBRA proposes injections 4 and 5 <b>%1</b>; overall response "
                                  "%2.")
                              .arg(p.allowed ? "ALLOWED" : "NOT ALLOWED", p.overall)));
      const records::Actor& actor = record_.actor();
      const bool mayDecide = records::roleAllows(actor.role, records::Permission::DecideExtraDoses);
      decide_->setEnabled(p.decidable && mayDecide);
      decide_->setToolTip(mayDecide ? QString()
                                    : "Your role (" + records::roleName(actor.role) +
                                          ") may not decide on extra doses");
    }
    QStringList lines;
    for (const records::DecisionRecord& d : subject.extraDoseDecisions) {
      lines << QString("#%1 %2: %3 (%4)")
                   .arg(d.id)
                   .arg(d.yes ? "approved" : "refused", d.reason,
                        d.signature ? "signed by " + d.signature->signerName + ", \"" +
                                          d.signature->meaning + "\""
                                    : QString("NOT SIGNED"))
                   .toHtmlEscaped();
    }
    decisions_->setText(lines.isEmpty() ? QString("No signed decision yet.")
                                        : "Signed decisions:<br>" + lines.join("<br>"));
  } catch (const records::RecordError& e) {
    summary_->setText(QString::fromStdString(e.what()).toHtmlEscaped());
    decide_->setEnabled(false);
  }
}

ExtraDoseDialog* ExtraDosePanel::openDialog() {
  try {
    const auto latest = workflow::latestAssessment(record_.assessments(studyId_));
    if (!latest) {
      return nullptr;
    }
    auto* dialog = new ExtraDoseDialog(record_, studyId_,
                                       workflow::extraDoseProposal(*latest, record_.subject(studyId_)), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExtraDoseDialog::decided, this, [this](qint64 id) {
      refresh();
      emit decided(id);
    });
    dialog->open();
    return dialog;
  } catch (const records::RecordError& e) {
    summary_->setText(QString::fromStdString(e.what()).toHtmlEscaped());
    return nullptr;
  }
}

DecisionWorkspace::DecisionWorkspace(records::TrialRecord& record, const QString& studyId,
                                     QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  auto* layout = new QVBoxLayout(this);
  auto* header = new QHBoxLayout;
  auto* title = new QLabel("<b>Subject " + studyId.toHtmlEscaped() +
                               "</b>: response and "
                               "decisions (INRC 2017, trial protocol)",
                           this);
  header->addWidget(title);
  header->addStretch();
  auto* report = new QPushButton("Save PDF report...", this);
  report->setObjectName("report");
  header->addWidget(report);
  layout->addLayout(header);
  tabs_ = new QTabWidget(this);
  assessment_ = new AssessmentPanel(record, studyId, tabs_);
  eligibility_ = new EligibilityPanel(record, studyId, tabs_);
  extraDoses_ = new ExtraDosePanel(record, studyId, tabs_);
  tabs_->addTab(assessment_, "Assessment");
  tabs_->addTab(eligibility_, "Eligibility");
  tabs_->addTab(extraDoses_, "Injections 4 and 5");
  layout->addWidget(tabs_, 1);
  connect(assessment_, &AssessmentPanel::assessed, this, [this] {
    eligibility_->refresh();
    extraDoses_->refresh();
  });
  connect(report, &QPushButton::clicked, this, [this] {
    const QString label = assessment_->shown() ? assessment_->shown()->timepointLabel : QString();
    if (label.isEmpty()) {
      return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, "Save PDF report", studyId_ + " " + label + ".pdf", "PDF (*.pdf)");
    try {
      if (!path.isEmpty()) {
        writeReport(label, path);
      }
    } catch (const records::RecordError& e) {
      QMessageBox::warning(this, "PDF report", QString::fromStdString(e.what()));
    }
  });
}

void DecisionWorkspace::writeReport(const QString& timepointLabel, const QString& pdfPath) {
  nbra::workflow::writePdfReport(nbra::workflow::gatherReport(record_, studyId_, timepointLabel), pdfPath);
}

void DecisionWorkspace::refresh() {
  assessment_->refresh();
  eligibility_->refresh();
  extraDoses_->refresh();
}

}  // namespace nbra::viewer::decide
