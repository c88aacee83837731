#pragma once

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "dicom/volume/VolumeLoader.h"

namespace nbra::workflow {

// The series a command works on: SERIES_DIR (a folder or one file) and an optional
// `--series UID` when the folder holds several. Without one, a folder of several series is
// still unambiguous when exactly one of them has `preferredModality` (PT for `suv`).
// On failure `error` says why in plain words.
struct SeriesChoice {
  nbra::dicom::SeriesFiles series;
  QString error;
  QStringList leftOut;  // broken DICOM files in the folder, "path: reason"
  bool ok() const { return error.isEmpty(); }
};

SeriesChoice chooseSeries(const QString& path, const QString& seriesUid,
                          const std::string& preferredModality = {});

}  // namespace nbra::workflow
