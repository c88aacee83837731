#pragma once

// The studies a coordinator links to a timepoint from the study browser, and the one check that
// keeps two children's images apart: every study of a subject's timepoints belongs to one
// patient (DICOM Patient ID, and Patient's Name when both are known).

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace nbra::dicom {
class ImageIndex;
}

namespace nbra::workflow {

struct LinkedStudy {
  QString studyUid;
  QString description;
  QDate studyDate;
  QString patientId;
  QString patientName;  // DICOM PN, as indexed
  QStringList modalities;
};

// Every study of the index, keyed by nothing: callers look up by UID or by series id.
std::vector<LinkedStudy> indexedStudies(dicom::ImageIndex& index);
std::optional<LinkedStudy> indexedStudy(dicom::ImageIndex& index, const QString& studyUid);
std::optional<LinkedStudy> studyOfSeries(dicom::ImageIndex& index, qint64 seriesId);

// Empty when `adding` and `alreadyLinked` (the subject's other timepoints' studies) are all one
// patient's; else a sentence naming both patients and the study that differs.
QString linkedStudiesProblem(const std::vector<LinkedStudy>& adding,
                             const std::vector<LinkedStudy>& alreadyLinked);

// "CT abdomen · 2026-01-12 · CT/PT" for lists and tooltips.
QString studyCaption(const LinkedStudy& study);

}  // namespace nbra::workflow
