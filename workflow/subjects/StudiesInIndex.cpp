#include "workflow/subjects/StudiesInIndex.h"

#include <QFileInfo>
#include <QSet>
#include <stdexcept>

#include "dicom/index/ImageIndex.h"
#include "workflow/support/Fail.h"

namespace nbra::workflow {

void requireStudiesIndexed(const QString& indexPath, const QStringList& uids) {
  if (!QFileInfo::exists(indexPath)) {
    fail(records::RecordErrorKind::BadInput, "no image index at " + indexPath);
  }
  QSet<QString> known;
  try {
    dicom::ImageIndex index(indexPath.toStdString());
    for (const dicom::PatientEntry& patient : index.browse()) {
      for (const dicom::StudyEntry& study : patient.studies) {
        known.insert(QString::fromStdString(study.studyInstanceUid));
      }
    }
  } catch (const std::runtime_error& e) {
    fail(records::RecordErrorKind::BadInput,
         "image index " + indexPath + ": " + QString::fromStdString(e.what()));
  }
  for (const QString& uid : uids) {
    if (!known.contains(uid)) {
      fail(records::RecordErrorKind::BadInput,
           "Study Instance UID " + uid + " is not in the image index " + indexPath +
               " (import the study first: nbra-cli index FOLDER)");
    }
  }
}

}  // namespace nbra::workflow
