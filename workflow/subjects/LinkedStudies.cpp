#include "workflow/subjects/LinkedStudies.h"

#include "dicom/index/ImageIndex.h"

namespace nbra::workflow {

namespace {

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

LinkedStudy fromEntry(const dicom::PatientEntry& patient, const dicom::StudyEntry& study) {
  LinkedStudy out;
  out.studyUid = str(study.studyInstanceUid);
  out.description = str(study.description);
  out.studyDate = QDate::fromString(str(study.studyDate), "yyyyMMdd");
  out.patientId = str(patient.patientId);
  out.patientName = str(patient.name);
  for (const dicom::SeriesEntry& s : study.series) {
    if (!out.modalities.contains(str(s.modality)))
      out.modalities << str(s.modality);
  }
  return out;
}

QString who(const LinkedStudy& s) {
  QString name = s.patientName;
  name.replace('^', ' ');
  return name.trimmed().isEmpty() ? s.patientId
                                  : QString("%1 (%2)").arg(s.patientId, name.trimmed());
}

bool samePatient(const LinkedStudy& a, const LinkedStudy& b) {
  if (a.patientId != b.patientId)
    return false;
  // Two children can share an id across sites; a differing name is a different child.
  return a.patientName.isEmpty() || b.patientName.isEmpty() ||
         a.patientName.compare(b.patientName, Qt::CaseInsensitive) == 0;
}

}  // namespace

std::vector<LinkedStudy> indexedStudies(dicom::ImageIndex& index) {
  std::vector<LinkedStudy> out;
  for (const dicom::PatientEntry& p : index.browse()) {
    for (const dicom::StudyEntry& s : p.studies)
      out.push_back(fromEntry(p, s));
  }
  return out;
}

std::optional<LinkedStudy> indexedStudy(dicom::ImageIndex& index, const QString& studyUid) {
  for (const dicom::PatientEntry& p : index.browse()) {
    for (const dicom::StudyEntry& s : p.studies) {
      if (str(s.studyInstanceUid) == studyUid)
        return fromEntry(p, s);
    }
  }
  return std::nullopt;
}

std::optional<LinkedStudy> studyOfSeries(dicom::ImageIndex& index, qint64 seriesId) {
  for (const dicom::PatientEntry& p : index.browse()) {
    for (const dicom::StudyEntry& s : p.studies) {
      for (const dicom::SeriesEntry& series : s.series) {
        if (series.id == seriesId)
          return fromEntry(p, s);
      }
    }
  }
  return std::nullopt;
}

QString linkedStudiesProblem(const std::vector<LinkedStudy>& adding,
                             const std::vector<LinkedStudy>& alreadyLinked) {
  const LinkedStudy* first = !alreadyLinked.empty() ? &alreadyLinked.front()
                             : !adding.empty()      ? &adding.front()
                                                    : nullptr;
  if (!first)
    return {};
  for (const LinkedStudy& s : adding) {
    if (!samePatient(s, *first)) {
      return QString(
                 "The study '%1' is of patient %2, but this subject's studies are of patient "
                 "%3: a timepoint never mixes two patients' images.")
          .arg(s.description.isEmpty() ? s.studyUid : s.description, who(s), who(*first));
    }
  }
  return {};
}

QString studyCaption(const LinkedStudy& study) {
  QStringList parts;
  parts << (study.description.isEmpty() ? QString("(study without description)")
                                        : study.description);
  if (study.studyDate.isValid())
    parts << study.studyDate.toString(Qt::ISODate);
  if (!study.modalities.isEmpty())
    parts << study.modalities.join('/');
  return parts.join(" · ");
}

}  // namespace nbra::workflow
