#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <optional>
#include <vector>

#include "records/store/RecordTypes.h"

namespace nbra::dicom {
class ImageIndex;
struct PatientEntry;
struct StudyEntry;
struct SeriesEntry;
}  // namespace nbra::dicom

namespace nbra::workflow {

// One series of a timepoint, as the hanging rules see it: what the image index says about it,
// with its study and patient copied in so that a series can be judged on its own.
struct HangingSeries {
  qint64 seriesId = 0;  // the image index's row: the viewer loads it with seriesFiles()
  QString seriesUid;
  QString modality;  // "CT", "MR", "NM", "PT", ...
  QString description;
  QString studyUid;
  QString studyDate;  // as in the index: DICOM YYYYMMDD, may be empty
  QString patientId;
  QString patientName;  // DICOM PN, e.g. "SYNTHETIC^ONE"
  int imageCount = 0;   // present frames (a multi-frame file counts each frame)
  int seriesNumber = 0;
};

// The series of one timepoint's studies.
struct TimepointStudies {
  QString label;   // "baseline", "week 6", ...
  QDate scanDate;  // may be null: captions then use the study date
  std::vector<HangingSeries> series;
  QStringList missingStudyUids;  // linked to the timepoint but not in the image index
};

// The series of the studies `studyInstanceUids` as the image index knows them. A study that is
// not in the index is listed in missingStudyUids, not an error: the plan says so in its notes.
// One series of the index as the hanging rules see it.
HangingSeries hangingSeries(const dicom::PatientEntry& patient, const dicom::StudyEntry& study,
                            const dicom::SeriesEntry& entry);
// The index's series `seriesId`; nullopt when the index has no such series.
std::optional<HangingSeries> indexedSeries(dicom::ImageIndex& index, qint64 seriesId);

TimepointStudies timepointStudiesFromIndex(dicom::ImageIndex& index, const QString& label,
                                           const QStringList& studyInstanceUids);

// The same for a trial record timepoint (label, scan date and studies).
TimepointStudies timepointStudiesFromIndex(dicom::ImageIndex& index,
                                           const records::TimepointRecord& timepoint);

}  // namespace nbra::workflow
