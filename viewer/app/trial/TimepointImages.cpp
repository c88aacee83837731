#include "viewer/app/trial/TimepointImages.h"

#include "dicom/index/ImageIndex.h"

namespace nbra::viewer::trial {

std::vector<std::string> timepointNmFiles(dicom::ImageIndex& index,
                                          const QStringList& studyInstanceUids) {
  std::vector<std::string> files;
  for (const dicom::PatientEntry& patient : index.browse()) {
    for (const dicom::StudyEntry& study : patient.studies) {
      if (!studyInstanceUids.contains(QString::fromStdString(study.studyInstanceUid))) {
        continue;
      }
      for (const dicom::SeriesEntry& series : study.series) {
        if (series.modality != "NM") {
          continue;
        }
        for (const dicom::InstanceFile& f : index.seriesFiles(series.id)) {
          files.push_back(f.path);
        }
      }
    }
  }
  return files;
}

}  // namespace nbra::viewer::trial
