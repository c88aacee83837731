#include "workflow/series/SeriesChoice.h"

#include <algorithm>
#include <exception>

namespace nbra::workflow {

SeriesChoice chooseSeries(const QString& path, const QString& seriesUid,
                          const std::string& preferredModality) {
  SeriesChoice choice;
  std::vector<nbra::dicom::SeriesFiles> all;
  try {
    std::vector<std::string> problems;
    all = nbra::dicom::findSeries(path.toStdString(), &problems);
    for (const auto& p : problems)
      choice.leftOut << QString::fromStdString(p);
  } catch (const std::exception& e) {
    choice.error = QString::fromStdString(e.what());
    return choice;
  }
  if (all.empty()) {
    // Say why: files that were DICOM but could not be read (or were refused) are the answer.
    choice.error = choice.leftOut.isEmpty()
                       ? path + ": no DICOM image series found"
                       : path + ": no readable DICOM image series; " + choice.leftOut.join("; ");
    return choice;
  }
  if (!seriesUid.isEmpty()) {
    for (auto& s : all) {
      if (QString::fromStdString(s.seriesInstanceUid) == seriesUid) {
        choice.series = std::move(s);
        return choice;
      }
    }
    choice.error = path + ": no series with UID " + seriesUid;
    return choice;
  }
  if (all.size() > 1 && !preferredModality.empty()) {
    const auto preferred = [&](const nbra::dicom::SeriesFiles& s) {
      return s.modality == preferredModality;
    };
    if (std::count_if(all.begin(), all.end(), preferred) == 1) {
      choice.series = std::move(*std::find_if(all.begin(), all.end(), preferred));
      return choice;
    }
  }
  if (all.size() > 1) {
    QStringList listed;
    for (const auto& s : all) {
      listed << QString::fromStdString(s.seriesInstanceUid + " (" + s.modality + ", " +
                                       std::to_string(s.files.size()) + " files, \"" +
                                       s.seriesDescription + "\")");
    }
    choice.error = path + " holds " + QString::number(all.size()) +
                   " series; choose one with --series UID: " + listed.join("; ");
    return choice;
  }
  choice.series = std::move(all.front());
  return choice;
}

}  // namespace nbra::workflow
