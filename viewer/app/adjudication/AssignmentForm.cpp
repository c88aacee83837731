#include "viewer/app/adjudication/AssignmentForm.h"

#include <QComboBox>
#include <QCompleter>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "viewer/app/decide/PanelStyle.h"

namespace nbra::viewer::adjudication {

namespace {

const QString kTitle = "Readers and adjudicator";

QString dutyText(const QString& duty) {
  if (duty == records::kReader1)
    return "Reader 1";
  if (duty == records::kReader2)
    return "Reader 2";
  return "Adjudicator";
}

}  // namespace

AssignmentForm::AssignmentForm(records::TrialRecord& record, QWidget* parent,
                               const QString& studyId, const QString& label)
    : QGroupBox("Readers and adjudicator of a timepoint", parent), record_(record) {
  setObjectName("assignmentForm");
  auto* layout = new QVBoxLayout(this);
  const bool may = protocol::mayDo(record_, records::Permission::AssignReaders);
  if (!may) {
    auto* note = new QLabel(
        protocol::notAllowedText(record_, records::Permission::AssignReaders, "the coordinator"),
        this);
    note->setObjectName("notAllowed");
    note->setWordWrap(true);
    note->setStyleSheet(decide::kNoteStyle);
    layout->addWidget(note);
    return;  // the administrator sees no subject, so no timepoint either
  }

  auto* pick = new QHBoxLayout;
  pick->addWidget(new QLabel("Subject:", this));
  subject_ = new QComboBox(this);
  subject_->setObjectName("subject");
  subject_->setMinimumContentsLength(10);
  pick->addWidget(subject_);
  pick->addWidget(new QLabel("Timepoint:", this));
  timepoint_ = new QComboBox(this);
  timepoint_->setObjectName("timepoint");
  timepoint_->setMinimumContentsLength(18);
  pick->addWidget(timepoint_);
  pick->addStretch();
  layout->addLayout(pick);
  status_ = new QLabel(this);
  status_->setObjectName("readingStatus");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  table_ = new protocol::FittedTable({"Duty", "User", "Full name", "Method", "Reason", "Assigned"},
                                     "assignments", 6, this);
  layout->addWidget(table_);

  auto* grid = new QGridLayout;
  int row = 0;
  for (const auto& [duty, field] :
       {std::pair{records::kReader1, &reader1_}, std::pair{records::kReader2, &reader2_},
        std::pair{records::kAdjudicatorDuty, &adjudicator_}}) {
    grid->addWidget(new QLabel(dutyText(duty) + ", user name:", this), row, 0);
    *field = new QLineEdit(this);
    (*field)->setObjectName("user." + duty);
    (*field)->setPlaceholderText(duty == records::kAdjudicatorDuty ? "an adjudicator's account"
                                                                   : "a reader's account");
    // The active accounts of the duty's role, offered as the coordinator types.
    try {
      QStringList names;
      for (const records::UserRecord& u :
           record_.assignableUsers(duty == records::kAdjudicatorDuty ? records::Role::Adjudicator
                                                                     : records::Role::Reader)) {
        names << u.userName;
      }
      auto* completer = new QCompleter(names, *field);
      completer->setCaseSensitivity(Qt::CaseInsensitive);
      completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
      (*field)->setCompleter(completer);
      (*field)->setToolTip("Active accounts: " + names.join(", "));
    } catch (const records::RecordError&) {
      // Not a coordinator: the form is read-only for them anyway (the record refuses).
    }
    grid->addWidget(*field, row, 1);
    auto* button = new QPushButton("Assign " + dutyText(duty).toLower(), this);
    button->setObjectName("assign." + duty);
    grid->addWidget(button, row, 2);
    const QString d = duty;
    connect(button, &QPushButton::clicked, this, [this, d] { assign(d); });
    ++row;
  }
  grid->addWidget(new QLabel("Reason (to change an assignment):", this), row, 0);
  reason_ = new QLineEdit(this);
  reason_->setObjectName("assignReason");
  grid->addWidget(reason_, row, 1, 1, 2);
  ++row;
  grid->addWidget(new QLabel("Or draw both readers, seed:", this), row, 0);
  seed_ = new QLineEdit(QString::number(QRandomGenerator::global()->generate64()), this);
  seed_->setObjectName("seed");
  seed_->setToolTip(
      "The draw is reproducible from the seed and the timepoint; the seed is kept "
      "with the assignment");
  grid->addWidget(seed_, row, 1);
  auto* drawButton = new QPushButton("Draw readers", this);
  drawButton->setObjectName("drawReaders");
  grid->addWidget(drawButton, row, 2);
  grid->setColumnStretch(1, 1);
  layout->addLayout(grid);
  auto* note = new QLabel(
      "Type or pick the user names (the active readers and adjudicators are offered). The "
      "record checks each role, that the account is active and that the two "
      "readers and the adjudicator are three different people.",
      this);
  note->setWordWrap(true);
  note->setStyleSheet(decide::kNoteStyle);
  layout->addWidget(note);

  connect(drawButton, &QPushButton::clicked, this, [this] { draw(); });
  connect(subject_, &QComboBox::currentTextChanged, this, [this] { loadTimepoints(); });
  connect(timepoint_, &QComboBox::currentTextChanged, this, [this] { refresh(); });
  try {
    subject_->addItems(record_.subjectIds());
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
  }
  select(studyId, label);
}

QLineEdit* AssignmentForm::userField(const QString& duty) const {
  if (duty == records::kReader1)
    return reader1_;
  if (duty == records::kReader2)
    return reader2_;
  return adjudicator_;
}

void AssignmentForm::select(const QString& studyId, const QString& label) {
  if (!subject_) {
    return;
  }
  if (!studyId.isEmpty() && subject_->findText(studyId) >= 0) {
    subject_->setCurrentText(studyId);
  }
  if (!label.isEmpty() && timepoint_->findText(label) >= 0) {
    timepoint_->setCurrentText(label);
  }
  refresh();
}

void AssignmentForm::loadTimepoints() {
  const QSignalBlocker block(timepoint_);
  timepoint_->clear();
  try {
    if (!subject_->currentText().isEmpty()) {
      for (const records::TimepointRecord& t :
           record_.subject(subject_->currentText()).timepoints) {
        timepoint_->addItem(t.label);
      }
    }
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
  }
  refresh();
}

void AssignmentForm::refresh() {
  if (!table_) {
    return;
  }
  table_->setRowCount(0);
  for (QLineEdit* field : {reader1_, reader2_, adjudicator_}) {
    field->clear();
  }
  const QString studyId = subject_->currentText();
  const QString label = timepoint_->currentText();
  if (studyId.isEmpty() || label.isEmpty()) {
    status_->setText("No timepoint to assign: the record has no subject with a timepoint yet.");
    table_->refit();
    return;
  }
  try {
    status_->setText(QString("<b>%1, %2</b>: %3")
                         .arg(studyId.toHtmlEscaped(), label.toHtmlEscaped(),
                              record_.readingStatus(studyId, label).text.toHtmlEscaped()));
    for (const records::ReadAssignmentRecord& a : record_.assignments(studyId, label)) {
      const int row = table_->rowCount();
      table_->insertRow(row);
      protocol::setTableRow(
          table_, row,
          {dutyText(a.duty), a.userName, a.fullName, a.method,
           a.reason.isEmpty() ? QString("-") : a.reason,
           QString(a.createdUtc).replace('T', ' ').left(16) + " UTC by " + a.createdByName});
      userField(a.duty)->setText(a.userName);
    }
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
  }
  table_->refit();
}

void AssignmentForm::assign(const QString& duty) {
  try {
    record_.assignReader(subject_->currentText(), timepoint_->currentText(), duty,
                         userField(duty)->text().trimmed(), reason_->text());
    reason_->clear();
    refresh();
    emit assigned();
  } catch (const std::exception& e) {
    protocol::showRefusal(this, kTitle, e);
  }
}

void AssignmentForm::draw() {
  bool ok = false;
  const quint64 seed = seed_->text().trimmed().toULongLong(&ok);
  if (!ok) {
    protocol::showRefusal(this, kTitle,
                          QString("'%1' is not a seed: a whole number from 0 to "
                                  "18446744073709551615")
                              .arg(seed_->text()));
    return;
  }
  try {
    record_.drawReaders(subject_->currentText(), timepoint_->currentText(), seed);
    refresh();
    emit assigned();
  } catch (const std::exception& e) {
    protocol::showRefusal(this, kTitle, e);
  }
}

}  // namespace nbra::viewer::adjudication
