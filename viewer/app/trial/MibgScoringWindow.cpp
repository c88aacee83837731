#include "viewer/app/trial/MibgScoringWindow.h"

#include <QAction>
#include <QHBoxLayout>
#include <QCloseEvent>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>
#include <exception>

#include "dicom/index/ImageIndex.h"
#include "records/store/TrialRecord.h"
#include "viewer/app/decide/SignDialog.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/trial/MibgReadStore.h"
#include "viewer/app/trial/TimepointImages.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/reads/ReaderReads.h"

#include "viewer/app/window/ScreenFit.h"

namespace nbra::viewer::trial {
namespace {

std::optional<records::TimepointRecord> findTimepoint(const records::SubjectRecord& subject,
                                                      const QString& label) {
  for (const records::TimepointRecord& t : subject.timepoints) {
    if (t.label == label)
      return t;
  }
  return std::nullopt;
}

}  // namespace

MibgScoringWindow::MibgScoringWindow(records::TrialRecord& record, const QString& indexPath,
                                     const QString& studyId, const QString& timepointLabel,
                                     QWidget* parent)
    : QMainWindow(parent),
      record_(record),
      indexPath_(indexPath),
      studyId_(studyId),
      label_(timepointLabel) {
  setWindowTitle(QString("MIBG scoring — %1, %2").arg(studyId, timepointLabel));
  auto* tools = addToolBar("Scoring");
  tools->setObjectName("scoringTools");
  tools->setMovable(false);
  auto* save = tools->addAction("Save draft");
  save->setObjectName("saveDraft");
  save->setShortcut(QKeySequence::Save);
  connect(save, &QAction::triggered, this, [this] { saveDraft(); });
  auto* sign = tools->addAction("Sign read…");
  sign->setObjectName("signRead");
  connect(sign, &QAction::triggered, this, [this] { signRead(); });
  tools->addSeparator();
  auto* undo = tools->addAction("Undo");
  undo->setObjectName("undo");
  undo->setShortcut(QKeySequence::Undo);
  undo->setToolTip("Undo the last change to the scoring (Ctrl+Z)");
  auto* redo = tools->addAction("Redo");
  redo->setObjectName("redo");
  redo->setShortcut(QKeySequence::Redo);
  redo->setToolTip("Redo (Ctrl+Shift+Z)");
  tools->addSeparator();
  tools->addWidget(new QLabel(" New MIBG-avid bone sites since baseline: ", this));
  newBoneSites_ = new QSpinBox(this);
  newBoneSites_->setObjectName("newBoneSites");
  newBoneSites_->setRange(0, 99);
  newBoneSites_->setToolTip("A new site is progressive disease (INRC, PARK17 Table 2)");
  tools->addWidget(newBoneSites_);
  connect(newBoneSites_, &QSpinBox::valueChanged, this, [this] { dirty_ = true; });
  // Whose scan this is, inside the window (a title bar is not always in view or in a capture).
  auto* spacer = new QWidget(this);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  tools->addWidget(spacer);
  auto* identity = new QLabel(
      QString("<b>%1</b> · %2 ").arg(studyId.toHtmlEscaped(), timepointLabel.toHtmlEscaped()),
      this);
  identity->setObjectName("identity");
  tools->addWidget(identity);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(4, 4, 4, 4);
  scoring_ = new mibg::MibgScoringWidget(central);
  layout->addWidget(scoring_, 1);
  status_ = new QLabel(central);
  status_->setObjectName("status");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  // Scrolled rather than cut: the scoring tables and both timepoints' views need more height
  // than a 1366 x 768 laptop has.
  auto* scroll = new QScrollArea(this);
  scroll->setObjectName("scoringScroll");
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(central);
  setCentralWidget(scroll);
  connect(undo, &QAction::triggered, scoring_, &mibg::MibgScoringWidget::undo);
  connect(redo, &QAction::triggered, scoring_, &mibg::MibgScoringWidget::redo);
  connect(scoring_, &mibg::MibgScoringWidget::stateChanged, this, [this] {
    dirty_ = true;
    showStatus("Changed, not saved yet", false);
  });
  resizeWithinScreen(this, QSize(1700, 1000));
  placeOnScreen(this);
}

void MibgScoringWindow::closeEvent(QCloseEvent* event) {
  if (dirty_) {
    QMessageBox box(QMessageBox::Warning, "Unsaved MIBG scoring",
                    QString("The MIBG scoring of %1, %2 has changes that are not saved.\n\nSave "
                            "them into your draft read before closing?")
                        .arg(studyId_, label_),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName("unsavedScoringPrompt");
    box.setDefaultButton(QMessageBox::Save);
    const int choice = box.exec();
    if (choice == QMessageBox::Cancel || (choice == QMessageBox::Save && !saveDraft())) {
      event->ignore();
      return;
    }
  }
  event->accept();
}

QString MibgScoringWindow::statusText() const {
  return status_->text();
}

void MibgScoringWindow::showStatus(const QString& text, bool problem) {
  status_->setText(text);
  status_->setStyleSheet(problem ? "color: #a40000; font-weight: bold;" : "");
}

QString MibgScoringWindow::load() {
  try {
    const records::SubjectRecord subject = record_.subject(studyId_);
    const auto current = findTimepoint(subject, label_);
    if (!current) {
      throw std::runtime_error(
          QString("subject '%1' has no timepoint '%2'").arg(studyId_, label_).toStdString());
    }
    dicom::ImageIndex index(indexPath_.toStdString());
    const std::vector<std::string> currentFiles =
        timepointNmFiles(index, current->studyInstanceUids);
    if (currentFiles.empty()) {
      throw std::runtime_error(QString("no NM images of timepoint '%1' in the image index %2 "
                                       "(import its studies first)")
                                   .arg(label_, indexPath_)
                                   .toStdString());
    }
    std::vector<std::string> baselineFiles;
    std::optional<QJsonObject> baselineState;
    if (current->kind != "baseline") {
      for (const records::TimepointRecord& t : subject.timepoints) {
        if (t.kind != "baseline")
          continue;
        baselineFiles = timepointNmFiles(index, t.studyInstanceUids);
        if (const auto read = workflow::signedReadFor(record_, studyId_, t.label)) {
          baselineState = mibgStateOf(*read);
        }
      }
    }
    if (const auto error = scoring_->setStudy(currentFiles, baselineFiles, baselineState)) {
      throw std::runtime_error(error->toStdString());
    }
    QString note = "New scoring: nothing saved yet";
    if (const auto own = workflow::ownLatestRead(record_, studyId_, label_)) {
      if (const auto state = mibgStateOf(*own)) {
        if (const auto error = scoring_->setState(*state)) {
          throw std::runtime_error(QString("read %1: the saved MIBG scoring cannot be restored: %2")
                                       .arg(own->id)
                                       .arg(*error)
                                       .toStdString());
        }
      }
      newBoneSites_->setValue(own->content.mibgNewBoneSites.value_or(0));
      note = QString("Your read, version %1: %2").arg(own->version).arg(own->status);
    }
    newBoneSites_->setEnabled(current->kind != "baseline");
    dirty_ = false;
    showStatus(note, false);
    return {};
  } catch (const std::exception& e) {
    const QString message = QString::fromUtf8(e.what());
    showStatus(message, true);
    return message;
  }
}

bool MibgScoringWindow::saveDraft() {
  try {
    MibgScoring scoring;
    scoring.entries = scoring_->segmentEntries();
    scoring.reading = scoring_->reading();
    scoring.newBoneSites = newBoneSites_->value();
    scoring.state = scoring_->state();
    const qint64 id = saveMibgScoring(record_, studyId_, label_, scoring);
    dirty_ = false;
    showStatus(QString("Saved as draft (read %1)").arg(id), false);
    return true;
  } catch (const std::exception& e) {
    showStatus(QString::fromUtf8(e.what()), true);
    return false;
  }
}

bool MibgScoringWindow::signRead(const QString& givenPassword) {
  if (!saveDraft()) {
    return false;
  }
  QString password = givenPassword;
  if (password.isEmpty()) {
    decide::SignDialog dialog(record_.actor().fullName, record_.actor().userName,
                              records::kReadSignatureMeaning,
                              QString("Sign your read of %1, %2 (CT/MRI measurements and MIBG "
                                      "scoring). It cannot be changed afterwards, only corrected.")
                                  .arg(studyId_, label_),
                              this);
    if (dialog.exec() != QDialog::Accepted) {
      showStatus("Saved as draft; not signed", false);
      return false;
    }
    password = dialog.password();
  }
  try {
    workflow::signReadAndCompare(record_, studyId_, label_, password);
    showStatus("Read signed: read complete", false);
    return true;
  } catch (const std::exception& e) {
    showStatus(QString::fromUtf8(e.what()), true);
    return false;
  }
}

}  // namespace nbra::viewer::trial
