#include "workflow/hanging/HangingInput.h"

#include "dicom/index/ImageIndex.h"

namespace nbra::workflow {

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

HangingSeries hangingSeries(const dicom::PatientEntry& patient, const dicom::StudyEntry& study,
                            const dicom::SeriesEntry& entry) {
  HangingSeries series;
  series.seriesId = entry.id;
  series.seriesUid = q(entry.seriesInstanceUid);
  series.modality = q(entry.modality);
  series.description = q(entry.description);
  series.studyUid = q(study.studyInstanceUid);
  series.studyDate = q(study.studyDate);
  series.patientId = q(patient.patientId);
  series.patientName = q(patient.name);
  // Frames, not files: an enhanced (multi-frame) CT is one file of many images.
  series.imageCount = entry.frameCount > 0 ? entry.frameCount : entry.instanceCount;
  series.seriesNumber = entry.seriesNumber;
  return series;
}

std::optional<HangingSeries> indexedSeries(dicom::ImageIndex& index, qint64 seriesId) {
  for (const dicom::PatientEntry& patient : index.browse()) {
    for (const dicom::StudyEntry& study : patient.studies) {
      for (const dicom::SeriesEntry& entry : study.series) {
        if (entry.id == seriesId)
          return hangingSeries(patient, study, entry);
      }
    }
  }
  return std::nullopt;
}

TimepointStudies timepointStudiesFromIndex(dicom::ImageIndex& index, const QString& label,
                                           const QStringList& studyInstanceUids) {
  TimepointStudies timepoint;
  timepoint.label = label;
  QStringList found;
  for (const dicom::PatientEntry& patient : index.browse()) {
    for (const dicom::StudyEntry& study : patient.studies) {
      const QString studyUid = q(study.studyInstanceUid);
      if (!studyInstanceUids.contains(studyUid)) {
        continue;
      }
      found.append(studyUid);
      for (const dicom::SeriesEntry& entry : study.series) {
        timepoint.series.push_back(hangingSeries(patient, study, entry));
      }
    }
  }
  for (const QString& uid : studyInstanceUids) {
    if (!found.contains(uid) && !timepoint.missingStudyUids.contains(uid)) {
      timepoint.missingStudyUids.append(uid);
    }
  }
  return timepoint;
}

TimepointStudies timepointStudiesFromIndex(dicom::ImageIndex& index,
                                           const records::TimepointRecord& timepoint) {
  TimepointStudies studies =
      timepointStudiesFromIndex(index, timepoint.label, timepoint.studyInstanceUids);
  studies.scanDate = timepoint.scanDate;
  return studies;
}

}  // namespace nbra::workflow
