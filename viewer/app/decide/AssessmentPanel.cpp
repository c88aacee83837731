#include "viewer/app/decide/AssessmentPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "records/database/RecordError.h"
#include "viewer/app/decide/PanelStyle.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/assessment/RecordAssessment.h"

namespace nbra::viewer::decide {

namespace {
// Bilateral aspirates and trephine biopsies (INRC marrow, clinical-rules.md 3.3).
const std::array<QString, 4> kSampleKinds{"aspirate", "aspirate", "biopsy", "biopsy"};
const std::array<QString, 4> kSampleNames{"Aspirate 1", "Aspirate 2", "Biopsy 1", "Biopsy 2"};
}  // namespace

AssessmentPanel::AssessmentPanel(records::TrialRecord& record, const QString& studyId,
                                 QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel("Timepoint:", this));
  timepoint_ = new QComboBox(this);
  timepoint_->setObjectName("timepoint");
  timepoint_->setMinimumWidth(220);
  top->addWidget(timepoint_);
  top->addSpacing(16);
  top->addWidget(new QLabel("Reads by:", this));
  reader_ = new QComboBox(this);
  reader_->setObjectName("reader");
  reader_->setToolTip("With double reading, whose signed reads the assessment uses");
  top->addWidget(reader_);
  top->addStretch();
  assess_ = new QPushButton("Assess and record", this);
  assess_->setObjectName("assess");
  assess_->setToolTip(
      "Run the INRC 2017 rules on the signed reads up to this timepoint and store "
      "the result in the trial record");
  top->addWidget(assess_);
  layout->addLayout(top);
  reading_ = new QLabel(this);
  reading_->setObjectName("readingStatus");
  reading_->setWordWrap(true);
  reading_->hide();
  layout->addWidget(reading_);

  enterMarrow_ = new QCheckBox(
      "Enter the bone-marrow results from the pathology report "
      "(unticked: the signed read's marrow results are used)",
      this);
  enterMarrow_->setObjectName("enterMarrow");
  layout->addWidget(enterMarrow_);
  marrow_ = new QGroupBox("Bone marrow (investigator entry)", this);
  marrow_->setObjectName("marrowEntry");
  marrow_->setEnabled(false);
  connect(enterMarrow_, &QCheckBox::toggled, marrow_, &QWidget::setEnabled);
  auto* grid = new QGridLayout(marrow_);
  for (int i = 0; i < 4; ++i) {
    sampleDone_[i] = new QCheckBox(kSampleNames[i], marrow_);
    sampleDone_[i]->setObjectName(QString("marrowDone%1").arg(i));
    samplePercent_[i] = new QDoubleSpinBox(marrow_);
    samplePercent_[i]->setObjectName(QString("marrowPercent%1").arg(i));
    samplePercent_[i]->setRange(0.0, 100.0);
    samplePercent_[i]->setDecimals(1);
    samplePercent_[i]->setSuffix(" % infiltration");
    samplePercent_[i]->setEnabled(false);
    samplePercent_[i]->setMaximumWidth(180);
    connect(sampleDone_[i], &QCheckBox::toggled, samplePercent_[i], &QWidget::setEnabled);
    grid->addWidget(sampleDone_[i], i / 2, (i % 2) * 2);
    grid->addWidget(samplePercent_[i], i / 2, (i % 2) * 2 + 1);
  }
  grid->setColumnStretch(4, 1);  // the entries stay beside their labels
  pathologyConfirmed_ = new QCheckBox("Pathology confirmed (histology/IHC)", marrow_);
  pathologyConfirmed_->setObjectName("pathologyConfirmed");
  grid->addWidget(pathologyConfirmed_, 2, 0, 1, 4);
  layout->addWidget(marrow_);

  stale_ = new QLabel(this);
  stale_->setObjectName("stale");
  stale_->setWordWrap(true);
  stale_->setStyleSheet(kWarningStyle);
  stale_->hide();
  layout->addWidget(stale_);
  overall_ = new QLabel(this);
  overall_->setObjectName("overall");
  overall_->setWordWrap(true);
  overall_->setTextFormat(Qt::RichText);
  layout->addWidget(overall_);
  modality_ = new QLabel(this);
  modality_->setObjectName("modality");
  modality_->setWordWrap(true);
  layout->addWidget(modality_);
  marrowSource_ = new QLabel(this);
  marrowSource_->setObjectName("marrowSource");
  marrowSource_->setWordWrap(true);
  marrowSource_->setStyleSheet(kNoteStyle);
  layout->addWidget(marrowSource_);

  components_ = new QTableWidget(0, 3, this);
  components_->setObjectName("components");
  components_->setHorizontalHeaderLabels({"INRC 2017 component", "Response", "Why (the rules)"});
  components_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  components_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  components_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  components_->verticalHeader()->hide();
  // Rows follow their wrapped text whenever the columns change width. Sized once, they kept the
  // height measured before the panel was first shown, on a narrow column (rows ~150 px tall).
  components_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  components_->setWordWrap(true);
  components_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  components_->setSelectionMode(QAbstractItemView::NoSelection);
  components_->setFocusPolicy(Qt::NoFocus);
  layout->addWidget(components_, 1);

  error_ = new QLabel(this);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(kErrorStyle);
  error_->hide();
  layout->addWidget(error_);

  connect(timepoint_, &QComboBox::currentIndexChanged, this, [this] { timepointChanged(); });
  connect(assess_, &QPushButton::clicked, this, [this] { assess(); });
  refresh();
}

void AssessmentPanel::refresh() {
  // Say who may assess before anyone clicks (the record refuses the others anyway).
  const records::Actor& actor = record_.actor();
  const bool mayAssess = records::roleAllows(actor.role, records::Permission::RecordAssessment);
  assess_->setEnabled(mayAssess);
  assess_->setToolTip(mayAssess ? QString("Run the INRC 2017 rules on the signed reads up to this "
                                          "timepoint and store the result in the trial record")
                                : "Your role (" + records::roleName(actor.role) +
                                      ") may not record assessments in this trial record");
  const QString current = timepoint_->currentText();
  QSignalBlocker block(timepoint_);
  timepoint_->clear();
  try {
    for (const records::TimepointRecord& t : record_.subject(studyId_).timepoints) {
      timepoint_->addItem(t.label);
    }
  } catch (const records::RecordError& e) {
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
  }
  const int keep = timepoint_->findText(current);
  timepoint_->setCurrentIndex(keep >= 0 ? keep : timepoint_->count() - 1);
  // Every reader with a signed read of this subject; "" lets the record pick the only one.
  const QString currentReader = reader_->currentData().toString();
  reader_->clear();
  // Under double reading nobody picks: each timepoint has its read of record.
  const bool doubleRead = record_.readingDesign().design == records::kDoubleRead;
  reader_->setEnabled(!doubleRead);
  if (doubleRead) {
    reader_->addItem("each timepoint's read of record", QString());
    timepointChanged();
    return;
  }
  reader_->addItem("the only signed reader", QString());
  try {
    QStringList seen;
    for (int i = 0; i < timepoint_->count(); ++i) {
      for (const records::ReadRecord& r : record_.reads(studyId_, timepoint_->itemText(i))) {
        if (r.status == "signed" && !seen.contains(r.readerUserName)) {
          seen << r.readerUserName;
          reader_->addItem(r.readerName + " (" + r.readerUserName + ")", r.readerUserName);
        }
      }
    }
  } catch (const records::RecordError&) {
    // Shown by timepointChanged below, which reads the same records.
  }
  reader_->setCurrentIndex(std::max(0, reader_->findData(currentReader)));
  timepointChanged();
}

void AssessmentPanel::selectTimepoint(const QString& label) {
  timepoint_->setCurrentIndex(timepoint_->findText(label));
}

void AssessmentPanel::timepointChanged() {
  error_->hide();
  const QString label = timepoint_->currentText();
  // Prefill the marrow entry with the read's samples, so the investigator checks and corrects
  // rather than types everything again.
  enterMarrow_->setChecked(false);
  for (int i = 0; i < 4; ++i) {
    sampleDone_[i]->setChecked(false);
    samplePercent_[i]->setValue(0.0);
  }
  pathologyConfirmed_->setChecked(false);
  if (label.isEmpty()) {
    display(std::nullopt);
    return;
  }
  try {
    const workflow::DecisionRead basis = workflow::decisionRead(record_, studyId_, label);
    const bool doubleRead = basis.status.design == records::kDoubleRead;
    reading_->setVisible(doubleRead);
    reading_->setText("<b>Double reading</b>, " + label.toHtmlEscaped() + ": " +
                      basis.status.text.toHtmlEscaped() +
                      (basis.read ? QString() : ". The assessment waits for it."));
    assess_->setEnabled(
        records::roleAllows(record_.actor().role, records::Permission::RecordAssessment) &&
        (!doubleRead || basis.read.has_value()));
    for (const records::ReadRecord& r : record_.reads(studyId_, label)) {
      if (r.status != "signed" || (doubleRead && (!basis.read || r.id != basis.read->id))) {
        continue;
      }
      std::array<int, 4> used{};
      for (const records::MarrowResult& m : r.content.marrow) {
        for (int i = 0; i < 4; ++i) {
          if (!used[i] && kSampleKinds[i] == m.kind) {
            used[i] = 1;
            sampleDone_[i]->setChecked(true);
            samplePercent_[i]->setValue(m.infiltrationPercent);
            pathologyConfirmed_->setChecked(pathologyConfirmed_->isChecked() ||
                                            m.pathologyConfirmed);
            break;
          }
        }
      }
      break;
    }
    display(workflow::latestAssessment(record_.assessments(studyId_), label));
  } catch (const records::RecordError& e) {
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
  }
}

void AssessmentPanel::assess() {
  error_->hide();
  std::optional<nbra::workflow::MarrowEntry> marrow;
  if (enterMarrow_->isChecked()) {
    marrow.emplace();
    marrow->pathologyConfirmed = pathologyConfirmed_->isChecked();
    for (int i = 0; i < 4; ++i) {
      if (sampleDone_[i]->isChecked()) {
        marrow->samples.push_back(
            {kSampleKinds[i], samplePercent_[i]->value(), marrow->pathologyConfirmed});
      }
    }
    if (marrow->samples.empty()) {
      error_->setText(
          "Bone marrow: tick at least one sample, or untick the pathology entry to "
          "use the read's marrow results.");
      error_->show();
      return;
    }
  }
  try {
    const nbra::workflow::RecordedAssessment made = nbra::workflow::assessAndRecord(
        record_, studyId_, timepoint_->currentText(), reader_->currentData().toString(), marrow);
    display(workflow::latestAssessment(record_.assessments(studyId_), timepoint_->currentText()));
    emit assessed(made.id);
  } catch (const records::RecordError& e) {
    error_->setText(QString::fromStdString(e.what()));
    error_->show();
  }
}

void AssessmentPanel::display(const std::optional<records::AssessmentRecord>& record) {
  components_->setRowCount(0);
  if (!record) {
    shown_.reset();
    overall_->setText(
        "Not assessed yet. <i>Assess and record</i> runs the INRC 2017 rules on the "
        "signed reads.");
    modality_->clear();
    marrowSource_->clear();
    stale_->hide();
    return;
  }
  shown_ = workflow::assessmentView(*record);
  const workflow::AssessmentView& v = *shown_;
  overall_->setText(
      v.baseline
          ? QString("<b>Baseline</b> (assessment %1): the reference for later responses.")
                .arg(v.assessmentId)
          : QString("<span style='font-size:14pt'>Overall response: <b>%1</b> (%2)</span><br>%3"
                    "<br><small>Assessment %4, rule set %5</small>")
                .arg(v.overall.code, v.overall.meaning.toHtmlEscaped(),
                     v.overall.reasons.join(" ").toHtmlEscaped())
                .arg(v.assessmentId)
                .arg(v.ruleSetVersion.toHtmlEscaped()));
  modality_->setText("Functional imaging used: <b>" + v.functionalModality + "</b>. " +
                     v.modalityReasons.join(" ").toHtmlEscaped());
  marrowSource_->setText("Bone marrow results: " + v.marrowSource + ".");
  stale_->setVisible(!v.stale.isEmpty());
  stale_->setText("STALE ASSESSMENT: " + v.stale +
                  ". Its outcome may no longer hold: assess again before deciding.");
  for (const workflow::ComponentView& c : v.components) {
    const int row = components_->rowCount();
    components_->insertRow(row);
    components_->setItem(row, 0, new QTableWidgetItem(c.name));
    auto* code = new QTableWidgetItem(c.code + "  " + c.meaning);
    QFont bold = code->font();
    bold.setBold(!c.name.startsWith(' '));
    code->setFont(bold);
    components_->setItem(row, 1, code);
    components_->setItem(row, 2, new QTableWidgetItem(c.reasons.join(" ")));
  }
}

}  // namespace nbra::viewer::decide
