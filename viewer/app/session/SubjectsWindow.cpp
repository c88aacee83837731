#include "viewer/app/session/SubjectsWindow.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "dicom/index/ImageIndex.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "viewer/app/session/StudyDropList.h"

namespace nbra::viewer::session {

namespace {

constexpr int kStudyIdRole = Qt::UserRole + 1;

}  // namespace

SubjectsWindow::SubjectsWindow(records::TrialRecord& record, dicom::ImageIndex& index,
                               BrowserSelection browserSelection, QWidget* parent)
    : QWidget(parent),
      record_(record),
      index_(index),
      browserSelection_(std::move(browserSelection)) {
  setObjectName("subjectsWindow");
  setWindowTitle(protocol::protocolWindowTitle(tr("Subjects and timepoints"), record, {}));
  auto* outer = new QVBoxLayout(this);
  auto* who = new QLabel(protocol::signedInText(record));
  outer->addWidget(who);
  error_ = new QLabel;
  error_->setObjectName("subjectsError");
  error_->setWordWrap(true);
  error_->setStyleSheet(protocol::kBannerStop);
  error_->setVisible(false);
  outer->addWidget(error_);

  auto* split = new QSplitter;
  split->setChildrenCollapsible(false);
  tree_ = new QTreeWidget;
  tree_->setObjectName("subjectsTree");
  tree_->setHeaderLabels({tr("Subject / timepoint / study"), tr("Kind"), tr("Date")});
  tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  tree_->setMinimumWidth(320);
  split->addWidget(tree_);

  auto* forms = new QWidget;
  auto* formsLayout = new QVBoxLayout(forms);
  formsLayout->setContentsMargins(0, 0, 0, 0);

  auto* subjectBox = new QGroupBox(tr("New subject"));
  auto* subjectForm = new QFormLayout(subjectBox);
  studyId_ = new QLineEdit;
  studyId_->setObjectName("newStudyId");
  studyId_->setPlaceholderText(tr("trial subject id, e.g. NB-001"));
  sex_ = new QComboBox;
  sex_->setObjectName("newSex");
  sex_->addItem(tr("female"), "F");
  sex_->addItem(tr("male"), "M");
  sex_->addItem(tr("unknown"), "U");
  birthDate_ = new QLineEdit;
  birthDate_->setObjectName("newBirthDate");
  birthDate_->setPlaceholderText(tr("YYYY-MM-DD"));
  auto* create = new QPushButton(tr("Create subject"));
  create->setObjectName("createSubject");
  connect(create, &QPushButton::clicked, this, &SubjectsWindow::createSubject);
  subjectForm->addRow(tr("Study id:"), studyId_);
  subjectForm->addRow(tr("Sex:"), sex_);
  subjectForm->addRow(tr("Birth date:"), birthDate_);
  subjectForm->addRow(QString(), create);
  formsLayout->addWidget(subjectBox);

  auto* timepointBox = new QGroupBox(tr("New timepoint"));
  auto* timepointLayout = new QVBoxLayout(timepointBox);
  timepointTitle_ = new QLabel(tr("Select a subject on the left."));
  timepointTitle_->setWordWrap(true);
  timepointLayout->addWidget(timepointTitle_);
  auto* timepointForm = new QFormLayout;
  label_ = new QLineEdit;
  label_->setObjectName("newTimepointLabel");
  kind_ = new QComboBox;
  kind_->setObjectName("newTimepointKind");
  kind_->addItem(tr("baseline"), "baseline");
  kind_->addItem(tr("follow-up"), "follow-up");
  scanDate_ = protocol::makeDateEdit(QDate::currentDate(), "newTimepointDate", this);
  timepointForm->addRow(tr("Label:"), label_);
  timepointForm->addRow(tr("Kind:"), kind_);
  timepointForm->addRow(tr("Scan date:"), scanDate_);
  timepointLayout->addLayout(timepointForm);
  auto* studiesLabel =
      new QLabel(tr("Studies (drag them here from the study browser, or select "
                    "them there and press Add selected):"));
  studiesLabel->setWordWrap(true);
  timepointLayout->addWidget(studiesLabel);
  studies_ =
      new StudyDropList([this](qint64 id) { return workflow::studyOfSeries(index_, id); },
                        [this](const QString& uid) { return workflow::indexedStudy(index_, uid); });
  studies_->setMinimumHeight(90);
  timepointLayout->addWidget(studies_, 1);
  connect(studies_, &StudyDropList::studiesChanged, this, [this] {
    // The scan date follows the first study linked, which is when the images were taken.
    const auto list = studies_->studies();
    if (list.size() == 1 && list.front().studyDate.isValid())
      scanDate_->setDate(list.front().studyDate);
  });
  auto* listButtons = new QHBoxLayout;
  auto* addSelected = new QPushButton(tr("Add selected"));
  addSelected->setObjectName("addSelectedStudies");
  addSelected->setToolTip(tr("The studies (or series' studies) selected in the study browser"));
  connect(addSelected, &QPushButton::clicked, this, &SubjectsWindow::addSelectedStudies);
  auto* remove = new QPushButton(tr("Remove from list"));
  connect(remove, &QPushButton::clicked, this, [this] { qDeleteAll(studies_->selectedItems()); });
  listButtons->addWidget(addSelected);
  listButtons->addWidget(remove);
  listButtons->addStretch(1);
  timepointLayout->addLayout(listButtons);
  addTimepoint_ = new QPushButton(tr("Add timepoint"));
  addTimepoint_->setObjectName("addTimepoint");
  addTimepoint_->setEnabled(false);
  connect(addTimepoint_, &QPushButton::clicked, this, &SubjectsWindow::addTimepoint);
  timepointLayout->addWidget(addTimepoint_, 0, Qt::AlignRight);
  formsLayout->addWidget(timepointBox, 1);
  split->addWidget(forms);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  outer->addWidget(split, 1);

  const bool mayCreate = protocol::mayDo(record_, records::Permission::CreateSubject);
  subjectBox->setEnabled(mayCreate);
  timepointBox->setEnabled(protocol::mayDo(record_, records::Permission::CreateTimepoint));
  if (!mayCreate) {
    subjectBox->setToolTip(protocol::notAllowedText(record_, records::Permission::CreateSubject,
                                                    tr("the coordinator")));
  }
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this] {
    const QString subject = currentSubject();
    addTimepoint_->setEnabled(!subject.isEmpty());
    timepointTitle_->setText(subject.isEmpty() ? tr("Select a subject on the left.")
                                               : tr("A timepoint of subject %1.").arg(subject));
    suggestTimepoint();
  });
  refresh();
}

QSize SubjectsWindow::sizeHint() const {
  return {1100, 700};
}

QString SubjectsWindow::errorText() const {
  return error_->isHidden() ? QString() : error_->text();
}

void SubjectsWindow::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

QString SubjectsWindow::currentSubject() const {
  const QTreeWidgetItem* item = tree_->currentItem();
  return item ? item->data(0, kStudyIdRole).toString() : QString();
}

void SubjectsWindow::refresh() {
  const QString keep = currentSubject();
  tree_->clear();
  try {
    for (const QString& id : record_.subjectIds()) {
      const records::SubjectRecord subject = record_.subject(id);
      auto* top = new QTreeWidgetItem(
          tree_, {id, subject.sex,
                  subject.birthDate ? subject.birthDate->toString(Qt::ISODate) : QString()});
      top->setData(0, kStudyIdRole, id);
      top->setToolTip(2, tr("Birth date"));
      for (const records::TimepointRecord& t : subject.timepoints) {
        auto* tp = new QTreeWidgetItem(top, {t.label, t.kind, t.scanDate.toString(Qt::ISODate)});
        tp->setData(0, kStudyIdRole, id);
        for (const QString& uid : t.studyInstanceUids) {
          const auto study = workflow::indexedStudy(index_, uid);
          auto* s = new QTreeWidgetItem(
              tp, {study ? workflow::studyCaption(*study) : tr("not in this workstation's images"),
                   {},
                   {}});
          s->setToolTip(0, tr("Study Instance UID %1").arg(uid));
          s->setData(0, kStudyIdRole, id);
        }
      }
      top->setExpanded(true);
    }
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
  }
  if (!keep.isEmpty())
    selectSubject(keep);
}

void SubjectsWindow::selectSubject(const QString& studyId) {
  for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
    if (tree_->topLevelItem(i)->data(0, kStudyIdRole).toString() == studyId) {
      tree_->setCurrentItem(tree_->topLevelItem(i));
      return;
    }
  }
}

void SubjectsWindow::suggestTimepoint() {
  const QString subject = currentSubject();
  if (subject.isEmpty())
    return;
  try {
    const auto timepoints = record_.subject(subject).timepoints;
    const bool hasBaseline = std::any_of(timepoints.begin(), timepoints.end(),
                                         [](const auto& t) { return t.kind == "baseline"; });
    kind_->setCurrentIndex(hasBaseline ? 1 : 0);
    if (label_->text().isEmpty() || label_->property("suggested").toBool()) {
      label_->setText(hasBaseline ? tr("follow-up %1").arg(timepoints.size()) : tr("baseline"));
      label_->setProperty("suggested", true);
    }
  } catch (const std::exception&) {
    // The tree already said why the subject cannot be read.
  }
}

bool SubjectsWindow::createSubject() {
  records::SubjectInput input;
  input.studyId = studyId_->text().trimmed();
  input.sex = sex_->currentData().toString();
  const QString birth = birthDate_->text().trimmed();
  if (!birth.isEmpty()) {
    const QDate date = QDate::fromString(birth, Qt::ISODate);
    if (!date.isValid()) {
      showError(tr("'%1' is not a date: write the birth date as YYYY-MM-DD.").arg(birth));
      return false;
    }
    input.birthDate = date;
  }
  try {
    record_.createSubject(input);
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
    return false;
  }
  showError({});
  studyId_->clear();
  birthDate_->clear();
  refresh();
  selectSubject(input.studyId);
  emit recordChanged();
  return true;
}

bool SubjectsWindow::addSelectedStudies() {
  const QStringList uids = browserSelection_ ? browserSelection_() : QStringList();
  if (uids.isEmpty()) {
    showError(
        tr("Nothing is selected in the study browser: select a study (or one of its series) there "
           "first."));
    return false;
  }
  for (const QString& uid : uids) {
    if (const auto study = workflow::indexedStudy(index_, uid))
      studies_->addStudy(*study);
  }
  showError({});
  return true;
}

bool SubjectsWindow::addTimepoint() {
  const QString subject = currentSubject();
  const auto adding = studies_->studies();
  if (subject.isEmpty()) {
    showError(tr("Select the subject the timepoint belongs to."));
    return false;
  }
  if (adding.empty()) {
    showError(tr("A timepoint needs its studies: drag them here from the study browser."));
    return false;
  }
  QStringList uids;
  for (const auto& s : adding)
    uids << s.studyUid;
  try {
    std::vector<workflow::LinkedStudy> linked;
    for (const records::TimepointRecord& t : record_.subject(subject).timepoints) {
      for (const QString& uid : t.studyInstanceUids) {
        if (const auto s = workflow::indexedStudy(index_, uid))
          linked.push_back(*s);
      }
    }
    const QString problem = workflow::linkedStudiesProblem(adding, linked);
    if (!problem.isEmpty()) {
      showError(problem);
      QMessageBox::warning(this, tr("Add timepoint"), problem);
      return false;
    }
    record_.addTimepoint(subject, label_->text().trimmed(), kind_->currentData().toString(),
                         scanDate_->date(), uids);
  } catch (const std::exception& e) {
    showError(QString::fromUtf8(e.what()));
    return false;
  }
  showError({});
  studies_->clear();
  label_->clear();
  label_->setProperty("suggested", true);
  refresh();
  selectSubject(subject);
  emit recordChanged();
  return true;
}

}  // namespace nbra::viewer::session
