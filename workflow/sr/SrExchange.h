#pragma once

// A read as a DICOM SR TID 1500 measurement report, and a report back into a draft read: the
// use cases behind `nbra-cli sr export|import` (and any front-end that offers them). The mapping
// of lesions is ReadReportMapping's; this adds the choice of the read, the patient and study the
// report belongs to, the tracking UIDs, the response of the standing assessment, and the checks
// before an imported read is saved.

#include <QString>
#include <QStringList>
#include <optional>

#include "dicom/sr/MeasurementReport.h"
#include "records/store/TrialRecord.h"
#include "workflow/sr/ReadReportMapping.h"

namespace nbra::workflow {

// Referenced images found through the image index at `indexPath`, each file read once.
ImageFinder indexImageFinder(const QString& indexPath);

struct SrExportRequest {
  QString subjectId;
  QString timepointLabel;
  QString outPath;
  QString reader;  // whose read; empty: the signed-in user's, else the only signed one
  QString indexPath;
  bool withResponse = true;  // the response of the newest assessment still standing
};

struct SrExport {
  dicom::MeasurementReport report;  // as written, with its SOP Instance UID
  records::ReadRecord read;
  QStringList warnings;  // measurements written without coordinates, and why
  QString patientFrom;   // the image the patient and study were copied from, or empty
};

// Long and short axes of a report drawn on their image (SCOORD), counted.
int measurementsWithCoordinates(const dicom::MeasurementReport& report);

// Writes the report. Throws records::RecordError or dicom::SrError naming the subject,
// timepoint, lesion or file at fault.
SrExport exportReadAsSr(records::TrialRecord& record, const SrExportRequest& request);

struct SrImport {
  dicom::MeasurementReport report;
  records::ReadContent content;
  qint64 readId = 0;  // the draft it was saved as
};

// Reads the report, checks its lesions as the case parser would, and saves them as the signed-in
// reader's draft read of the timepoint. Refused when that reader's read is signed (a change to a
// signed read is a correction).
SrImport importSrAsDraft(records::TrialRecord& record, const QString& file,
                         const QString& subjectId, const QString& timepointLabel,
                         const QString& indexPath);

}  // namespace nbra::workflow
