#include "cli/info/InfoCommand.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <exception>

#include "cli/CliOutput.h"
#include "dicom/nm/NmViews.h"
#include "dicom/volume/VolumeLoader.h"
#include "workflow/series/SeriesChoice.h"

namespace nbra::cli {
namespace {

template <typename Array>
QJsonArray numbers(const Array& values) {
  QJsonArray array;
  for (const auto v : values)
    array.append(static_cast<double>(v));
  return array;
}

QJsonArray strings(const std::vector<std::string>& values) {
  QJsonArray array;
  for (const auto& v : values)
    array.append(QString::fromStdString(v));
  return array;
}

QJsonObject viewJson(const nbra::dicom::NmView& v) {
  return QJsonObject{{"view", nbra::dicom::toString(v.label)},
                     {"identifiedBy", QString::fromStdString(v.labelSource)},
                     {"evidence", QString::fromStdString(v.labelEvidence)},
                     {"file", QString::fromStdString(v.path)},
                     {"frame", v.frame + 1},
                     {"detector", v.detector},
                     {"energyWindow", v.energyWindow},
                     {"wholeBody", v.wholeBody}};
}

// Planar NM: the frames are views, so the "volume" is a stack of views, described as such.
QJsonObject planarInfo(const nbra::dicom::SeriesFiles& series,
                       const std::vector<nbra::dicom::NmView>& views) {
  const auto& first = views.front();
  QJsonArray labels;
  QJsonArray details;
  std::vector<std::string> warnings;
  for (const auto& v : views) {
    labels.append(nbra::dicom::toString(v.label));
    details.append(viewJson(v));
    if (v.label == nbra::dicom::NmViewLabel::Other) {
      warnings.push_back("frame " + std::to_string(v.frame + 1) + " of " + v.path +
                         ": view not identified (no view code, start angle or description); "
                         "the reader must confirm it");
    }
  }
  return QJsonObject{
      {"series", QString::fromStdString(series.seriesInstanceUid)},
      {"modality", QString::fromStdString(series.modality)},
      {"sopClassUid", QString::fromStdString(first.sopClassUid)},
      {"kind", "planar"},
      {"files", static_cast<int>(series.files.size())},
      {"dimensions", QJsonArray{first.columns, first.rows, static_cast<int>(views.size())}},
      {"spacingMm", QJsonArray{first.columnSpacingMm, first.rowSpacingMm, QJsonValue()}},
      {"origin", QJsonValue()},
      {"direction", QJsonValue()},
      {"uniformSpacing", QJsonValue()},
      {"gantryTiltDeg", QJsonValue()},
      {"numberOfFrames", static_cast<int>(views.size())},
      {"nmViews", labels},
      {"nmViewDetails", details},
      {"warnings", strings(warnings)},
  };
}

}  // namespace

int runInfo(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  QString path;
  QString seriesUid;
  for (int i = 0; i < args.size(); ++i) {
    if (args[i] == "--series") {
      if (i + 1 >= args.size())
        return printError(out, "info", "--series needs a Series Instance UID");
      seriesUid = args[++i];
    } else if (args[i].startsWith("--")) {
      return printError(out, "info", "unknown option '" + args[i] + "'");
    } else if (path.isEmpty()) {
      path = args[i];
    } else {
      return printError(out, "info",
                        "give one SERIES_DIR (got '" + path + "' and '" + args[i] + "')");
    }
  }
  if (path.isEmpty()) {
    return printError(out, "info", "give a series folder (or file): nbra-cli info SERIES_DIR");
  }
  const workflow::SeriesChoice choice = workflow::chooseSeries(path, seriesUid);
  if (!choice.ok()) {
    return printError(out, "info", choice.error, path);
  }
  try {
    const auto views = nbra::dicom::readNmViews(choice.series.files);
    if (!views.empty()) {
      printJson(out, planarInfo(choice.series, views));
      return kExitOk;
    }
    const nbra::dicom::SeriesGeometry g = nbra::dicom::inspectSeries(choice.series.files);
    std::vector<std::string> warnings = g.grid.warnings;
    if (g.willResample) {
      warnings.push_back("loading resamples this series to a regular grid along the slice normal");
    }
    printJson(out, QJsonObject{
                       {"series", QString::fromStdString(g.grid.seriesInstanceUid)},
                       {"modality", QString::fromStdString(g.grid.modality)},
                       {"sopClassUid", QString::fromStdString(g.grid.sopClassUid)},
                       {"kind", "volume"},
                       {"files", static_cast<int>(choice.series.files.size())},
                       {"frameOfReferenceUid", QString::fromStdString(g.grid.frameOfReferenceUid)},
                       {"dimensions", numbers(g.grid.dimensions)},
                       {"spacingMm", numbers(g.grid.spacingMm)},
                       {"origin", numbers(g.grid.originMm)},
                       {"direction", numbers(g.grid.direction)},
                       {"uniformSpacing", g.uniformSpacing},
                       {"gantryTiltDeg", g.gantryTiltDeg},
                       {"missingSlices", g.missingSlices},
                       {"numberOfFrames", g.numberOfFrames},
                       {"nmViews", QJsonArray()},
                       {"warnings", strings(warnings)},
                   });
    return kExitOk;
  } catch (const std::exception& e) {
    return printError(out, "info", QString::fromStdString(e.what()), path);
  }
}

}  // namespace nbra::cli
