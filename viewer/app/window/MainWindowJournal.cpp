// Never losing a read (docs/reading.md, "Autosave and the crash journal"): while a read has
// unsaved changes, its marks and lesion table are written every AutosaveSettings::interval to the
// workstation's crash journal (workflow::DraftJournal); after a crash or kill -9, opening the
// read again offers that draft back. A save or signature removes the entry: the record is the
// record of truth, the journal only ever holds what it does not have yet.
#include <QDateTime>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include "records/store/TrialRecord.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/session/TrialSession.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/journal/AutosaveSettings.h"
#include "workflow/journal/DraftJournal.h"

namespace nbra::viewer {

void MainWindow::setupAutosave() {
  const workflow::AutosaveSettingsRead read = workflow::autosaveSettingsFromEnvironment();
  if (!read.error.isEmpty()) {
    QMessageBox::warning(this, tr("Autosave"), read.error);
  }
  autosaveInterval_ = read.settings.interval;
  autosave_ = new QTimer(this);
  autosave_->setObjectName("autosaveTimer");
  autosave_->setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(autosaveInterval_));
  connect(autosave_, &QTimer::timeout, this, [this] { autosaveNow(); });
  autosave_->start();
}

void MainWindow::setRecordLocation(const QString& location) {
  recordLocation_ = location;
}

workflow::DraftJournal& MainWindow::journal() {
  if (!journal_) {
    journal_ = std::make_unique<workflow::DraftJournal>(workflow::DraftJournal::defaultDirectory());
  }
  return *journal_;
}

std::optional<workflow::JournalKey> MainWindow::journalKey(const QString& studyId,
                                                           const QString& label) const {
  const QString location = session_ ? session_->location : recordLocation_;
  if (location.isEmpty() || !record_) {
    return std::nullopt;  // a record opened without its location (a test's) is not journalled
  }
  return workflow::JournalKey{location, record_->actor().userName, studyId, label};
}

bool MainWindow::autosaveNow() {
  if (!read_ || !isReadDirty()) {
    return false;
  }
  const QString snapshot = ReadSession::snapshotJson(*viewer_->readingMarks(), lesions_->table());
  if (snapshot == journaledSnapshot_) {
    return true;  // already in the journal
  }
  const auto key = journalKey(read_->studyId(), read_->timepointLabel());
  if (!key) {
    return false;
  }
  workflow::JournalEntry entry;
  entry.key = *key;
  entry.savedUtc = std::chrono::system_clock::now();
  entry.basedOnReadId = read_->readId();
  entry.draft = QJsonDocument::fromJson(snapshot.toUtf8()).object();
  entry.note = lesions_->table().kind() == LesionTable::Kind::FollowUp ? "follow-up" : "baseline";
  const workflow::JournalWrite written = journal().write(entry);
  if (!written) {
    // Said once per read, in a dialog: a reader must know their work is not protected.
    if (!journalWarned_) {
      journalWarned_ = true;
      QMessageBox::warning(
          this, tr("Autosave"),
          tr("Your unsaved marks could not be written to the crash journal:\n%1\n\n"
             "Save the draft (Ctrl+S) to keep them.")
              .arg(written.error));
    }
    status_->setText(tr("Autosave failed: %1").arg(written.error));
    return false;
  }
  journaledSnapshot_ = snapshot;
  status_->setText(tr("Unsaved changes of %1, %2 kept in the crash journal at %3 (not yet in the "
                      "record: save the draft with Ctrl+S)")
                       .arg(read_->studyId(), read_->timepointLabel(),
                            QDateTime::currentDateTime().toString("HH:mm:ss")));
  return true;
}

void MainWindow::forgetJournalEntry() {
  journaledSnapshot_.clear();
  journalWarned_ = false;
  if (!read_) {
    return;
  }
  if (const auto key = journalKey(read_->studyId(), read_->timepointLabel())) {
    journal().remove(*key);
  }
}

std::optional<SavedReading> MainWindow::journalDraftFor(const QString& studyId,
                                                        const QString& label,
                                                        const QString& savedJson) {
  const auto key = journalKey(studyId, label);
  if (!key) {
    return std::nullopt;
  }
  const auto entry = journal().find(*key);
  for (const workflow::JournalProblem& p : journal().problems()) {
    status_->setText(tr("Crash journal: %1").arg(p.message()));
  }
  if (!entry) {
    return std::nullopt;
  }
  const QString draftJson =
      QString::fromUtf8(QJsonDocument(entry->draft).toJson(QJsonDocument::Compact));
  SavedReading draft;
  QString error;
  if (!fromMarksJson(draftJson, draft, error)) {
    QMessageBox::warning(
        this, tr("Crash journal"),
        tr("The crash journal holds a draft of %1, %2 that cannot be read (%3); it "
           "is left in %4.")
            .arg(studyId, label, error, journal().filePath(*key)));
    return std::nullopt;
  }
  if (draftJson == savedJson) {
    journal().remove(*key);  // the record has it already
    return std::nullopt;
  }
  const QDateTime when = QDateTime::fromMSecsSinceEpoch(
      std::chrono::duration_cast<std::chrono::milliseconds>(entry->savedUtc.time_since_epoch())
          .count());
  QMessageBox box(
      QMessageBox::Question, tr("Restore unsaved work?"),
      tr("NBRA stopped before your changes to the read of %1, %2 were saved. The crash "
         "journal kept them at %3: %4 marks, %5 lesions.\n\nRestore them into the draft?")
          .arg(studyId, label, when.toString("yyyy-MM-dd HH:mm:ss"))
          .arg(draft.marks.size())
          .arg(draft.lesions.size()),
      QMessageBox::NoButton, this);
  box.setObjectName("journalRestorePrompt");
  auto* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
  box.addButton(tr("Discard them"), QMessageBox::DestructiveRole);
  box.setDefaultButton(restore);
  box.exec();
  if (box.clickedButton() != restore) {
    journal().remove(*key);
    return std::nullopt;
  }
  return draft;
}

}  // namespace nbra::viewer
