#include "workflow/hanging/ReadPatient.h"

namespace nbra::workflow {

namespace {

// Names are compared as DICOM means them: case, surrounding spaces and empty trailing name
// components ("DOE^JOHN^^^") do not make a different person.
QString normalisedName(const QString& name) {
  QString n = name.trimmed().toUpper();
  while (n.endsWith('^') || n.endsWith(' ')) {
    n.chop(1);
  }
  return n;
}

bool samePatient(const QString& idA, const QString& nameA, const QString& idB,
                 const QString& nameB) {
  if (idA.trimmed() != idB.trimmed()) {
    return false;
  }
  const QString a = normalisedName(nameA);
  const QString b = normalisedName(nameB);
  return a.isEmpty() || b.isEmpty() || a == b;
}

QString seriesName(const HangingSeries& series) {
  return series.description.isEmpty() ? series.modality + " series " + series.seriesUid
                                      : "series '" + series.description + "'";
}

}  // namespace

QString describePatient(const QString& patientId, const QString& patientName) {
  const QString id = patientId.isEmpty() ? QStringLiteral("(no Patient ID)") : patientId;
  return patientName.isEmpty() ? id : id + " (" + patientName + ")";
}

ReadPatient readPatient(const TimepointStudies& current,
                        const std::optional<TimepointStudies>& baseline) {
  ReadPatient patient;
  bool first = true;
  auto visit = [&](const TimepointStudies& timepoint) {
    for (const HangingSeries& series : timepoint.series) {
      if (first) {
        patient.patientId = series.patientId;
        patient.patientName = series.patientName;
        first = false;
        continue;
      }
      if (patient.patientName.isEmpty()) {
        patient.patientName = series.patientName;
      }
      if (patient.conflict.isEmpty() && !samePatient(series.patientId, series.patientName,
                                                     patient.patientId, patient.patientName)) {
        patient.conflict = "the read's studies belong to two patients: " +
                           describePatient(patient.patientId, patient.patientName) + " and " +
                           describePatient(series.patientId, series.patientName) + " (" +
                           seriesName(series) + " of " + timepoint.label +
                           "): nothing is hung; correct the timepoint's studies";
      }
    }
  };
  visit(current);
  if (baseline) {
    visit(*baseline);
  }
  return patient;
}

QString checkSeriesBelongsToRead(const HangingSeries& series, const TimepointStudies& current,
                                 const std::optional<TimepointStudies>& baseline) {
  const ReadPatient patient = readPatient(current, baseline);
  if (!patient.conflict.isEmpty()) {
    return seriesName(series) + ": not opened into the read, " + patient.conflict;
  }
  if (patient.patientId.isEmpty() && patient.patientName.isEmpty()) {
    return seriesName(series) +
           ": not opened into the read, none of the read's studies is in the image index, so "
           "its patient is unknown";
  }
  if (samePatient(series.patientId, series.patientName, patient.patientId, patient.patientName)) {
    return {};
  }
  return seriesName(series) + " belongs to patient " +
         describePatient(series.patientId, series.patientName) + ", not to this read's patient " +
         describePatient(patient.patientId, patient.patientName) + ": not opened into the read";
}

}  // namespace nbra::workflow
