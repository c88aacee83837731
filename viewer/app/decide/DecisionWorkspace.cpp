#include "viewer/app/decide/DecisionWorkspace.h"

#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "records/store/DateConversion.h"
#include "scoring/trial/Dose.h"
#include "workflow/export/ReportData.h"
#include "workflow/report/PdfReport.h"
#include "viewer/app/decide/AssessmentPanel.h"
#include "workflow/decisions/DecisionModel.h"
#include "viewer/app/decide/EligibilityPanel.h"
#include "viewer/app/decide/ExtraDoseDialog.h"
#include "viewer/app/decide/PanelStyle.h"

namespace nbra::viewer::decide {

namespace {

// "<b>Dose per injection:</b> ..." from the proposal's dose (the subject's latest weight), or
// from that weight directly before any assessment, then the calendar's own lines for 4 and 5.
QString doseText(const records::SubjectRecord& subject, const std::optional<QString>& proposed,
                 const QStringList& scheduled) {
  QString text = "<b>Dose per injection:</b> ";
  if (proposed) {
    text += proposed->toHtmlEscaped();
  } else if (subject.measurements.empty()) {
    text += "no weight recorded: the dose cannot be computed.";
  } else {
    const records::BodyMeasurement* w = &subject.measurements.front();
    for (const records::BodyMeasurement& m : subject.measurements) {
      if (m.measuredDate >= w->measuredDate) {
        w = &m;
      }
    }
    text += QString("%1 (5 \u00d7 10\u2076 NK cells/kg \u00d7 %2 kg, weight measured %3)")
                .arg(workflow::cellsText(scoring::nkCellDose(w->weightKg).cellsPerInjection))
                .arg(w->weightKg, 0, 'f', 2)
                .arg(w->measuredDate.toString(Qt::ISODate))
                .toHtmlEscaped();
  }
  for (const QString& line : scheduled) {
    text += "<br>" + line.toHtmlEscaped();
  }
  return text;
}

}  // namespace

QStringList ExtraDosePanel::scheduledExtraDoses() const {
  // The calendar lists 4 and 5 once approved or once their course has ended, each with the
  // weight it uses (the latest before its due date, or the day's when given). Roles without the
  // calendar see the proposal's dose only.
  QStringList lines;
  try {
    for (const records::ScheduleLine& l :
         record_.injectionSchedule(studyId_, QDateTime::currentDateTimeUtc().date())) {
      const scoring::ScheduledInjection& i = l.injection;
      if (!i.needsExtraDoseApproval || !l.doseCells || !l.weightKg) {
        continue;
      }
      const QString when =
          i.givenDate ? "given " + records::detail::toQDate(*i.givenDate).toString(Qt::ISODate)
          : i.dueDate ? "due " + records::detail::toQDate(*i.dueDate).toString(Qt::ISODate)
                      : QString("no due date yet");
      lines << QString("Injection %1 (%2): %3 for %4 kg (weight of %5)")
                   .arg(i.number)
                   .arg(when, workflow::cellsText(*l.doseCells))
                   .arg(*l.weightKg, 0, 'f', 2)
                   .arg(l.weightDate ? l.weightDate->toString(Qt::ISODate) : QString("-"));
    }
  } catch (const records::RecordError&) {
    lines.clear();
  }
  return lines;
}

ExtraDosePanel::ExtraDosePanel(records::TrialRecord& record, const QString& studyId,
                               QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  auto* layout = new QVBoxLayout(this);
  summary_ = new QLabel(this);
  summary_->setObjectName("summary");
  summary_->setWordWrap(true);
  summary_->setStyleSheet(kProposalStyle);
  layout->addWidget(summary_);
  dose_ = new QLabel(this);
  dose_->setObjectName("dose");
  dose_->setWordWrap(true);
  dose_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(dose_);
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
  dose_->clear();
  try {
    const records::SubjectRecord subject = record_.subject(studyId_);
    const auto latest = workflow::latestAssessment(record_.assessments(studyId_));
    if (!latest) {
      summary_->setText("Not assessed yet.");
      dose_->setText(doseText(subject, std::nullopt, scheduledExtraDoses()));
      decide_->setEnabled(false);
    } else {
      const workflow::ExtraDoseProposal p = workflow::extraDoseProposal(*latest, subject);
      dose_->setText(doseText(subject, p.doseText, scheduledExtraDoses()));
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
