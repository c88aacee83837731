#pragma once

#include <QString>
#include <optional>

#include "records/store/TrialRecord.h"
#include "viewer/app/lesions/LesionTable.h"
#include "viewer/app/read/MarksJson.h"

namespace nbra::viewer {

// The reading of one subject's timepoint by the signed-in reader, kept in the trial record:
// opened from the reader's latest read (draft or signed), saved as a draft (every save audited
// by the record), signed with the password. Errors are records::RecordError with the record's
// message (subject, timepoint, user).
class ReadSession {
 public:
  ReadSession(nbra::records::TrialRecord& record, QString studyId, QString timepointLabel);

  const QString& studyId() const { return studyId_; }
  const QString& timepointLabel() const { return label_; }

  // The actor's latest read of the timepoint, restored (marks exactly as drawn). Nothing when
  // the reader has none yet. A read saved without the workstation (CLI, import) comes back as a
  // lesion table without marks. Throws std::runtime_error when the saved marks are unreadable.
  std::optional<SavedReading> open();
  // Someone's signed read of the timepoint (the reader's own first): the baseline a follow-up is
  // compared with. Nothing when there is none.
  std::optional<SavedReading> openSigned();
  QString status() const { return status_; }  // "", "draft" or "signed"
  std::optional<qint64> readId() const { return readId_; }

  // Saves the draft: the lesions with sizes go into the record's lesion rows, the marks and the
  // whole table into marks_json. Whatever else the read held (MIBG, PET, marrow) is kept.
  qint64 save(const MeasurementSet& marks, const LesionTable& table);
  // Starts a correction of the signed read: a new draft version with the reason, holding what
  // is on screen; later saves change that draft. Refused with an empty reason or when the read
  // is not signed.
  qint64 correct(const MeasurementSet& marks, const LesionTable& table, const QString& reason);
  // Signs the saved draft. Refused while a lesion is still to measure.
  void sign(const MeasurementSet& marks, const LesionTable& table, const QString& password);

  // What is on screen as the read keeps it: the marks and the whole lesion table. Two equal
  // snapshots mean nothing changed (the workstation's "unsaved changes" and its autosave).
  static SavedReading snapshot(const MeasurementSet& marks, const LesionTable& table);
  static QString snapshotJson(const MeasurementSet& marks, const LesionTable& table);
  // What "unsaved changes" compares: the snapshot without the slice thickness, which the
  // workstation sets by itself from the series opened (opening a read changes nothing).
  static QString changeKey(const MeasurementSet& marks, const LesionTable& table);

  // The record's rows for a table (lengths on the 0.1 mm grid, frames 1-based as DICOM counts).
  static std::vector<nbra::records::LesionMeasurement> lesionRows(const MeasurementSet& marks,
                                                                  const LesionTable& table);

 private:
  SavedReading restore(const nbra::records::ReadRecord& read);
  nbra::records::ReadContent content(const MeasurementSet& marks, const LesionTable& table);

  nbra::records::TrialRecord& record_;
  QString studyId_, label_;
  QString status_;
  std::optional<qint64> readId_;
  std::optional<nbra::records::ReadContent> previous_;  // what the read held besides the lesions
};

}  // namespace nbra::viewer
