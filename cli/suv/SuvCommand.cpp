#include "cli/suv/SuvCommand.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <exception>
#include <map>
#include <optional>

#include "cli/CliOutput.h"
#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvStatistics.h"
#include "dicom/suv/SuvTagReader.h"
#include "dicom/volume/VolumeLoader.h"
#include "workflow/series/SeriesChoice.h"

namespace nbra::cli {
namespace {

namespace nd = nbra::dicom;

const QString kCommand = "suv";

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

QJsonArray point(const std::array<double, 3>& p) {
  return QJsonArray{p[0], p[1], p[2]};
}

struct Arguments {
  QString folder;
  QString seriesUid;
  std::optional<nd::SphereRoi> roi;
  QString problem;
};

Arguments parse(const QStringList& args) {
  Arguments a;
  for (int i = 0; i < args.size(); ++i) {
    const QString& arg = args[i];
    if (arg == "--roi-sphere" || arg == "--series") {
      if (i + 1 >= args.size()) {
        a.problem = arg + " needs a value";
        return a;
      }
      const QString value = args[++i];
      if (arg == "--series") {
        a.seriesUid = value;
        continue;
      }
      const QStringList parts = value.split(',');
      double numbers[4] = {};
      bool ok = parts.size() == 4;
      for (int k = 0; ok && k < 4; ++k) {
        numbers[k] = parts[k].trimmed().toDouble(&ok);
      }
      if (!ok || !(numbers[3] > 0)) {
        a.problem =
            "--roi-sphere needs x,y,z,radiusMm (patient mm, radius > 0), got '" + value + "'";
        return a;
      }
      a.roi = nd::SphereRoi{{numbers[0], numbers[1], numbers[2]}, numbers[3]};
    } else if (arg.startsWith("--")) {
      a.problem = "unknown option '" + arg + "'";
      return a;
    } else if (a.folder.isEmpty()) {
      a.folder = arg;
    } else {
      a.problem = "only one SERIES_DIR, got '" + a.folder + "' and '" + arg + "'";
      return a;
    }
  }
  if (a.folder.isEmpty() && a.problem.isEmpty()) {
    a.problem = "usage: nbra-cli suv SERIES_DIR [--roi-sphere x,y,z,radiusMm] [--series UID]";
  }
  return a;
}

// SUVbw per volume slice: one value, or (DecayCorrection NONE) each slice's frame factor.
std::vector<double> sliceFactors(const nd::Volume& volume, const nd::SuvTags& tags,
                                 const nd::SuvResult& r) {
  bool allEqual = true;
  for (double f : r.frameBwFactors) {
    allEqual = allEqual && f == r.frameBwFactors.front();
  }
  if (allEqual) {
    return {*r.bw.factor};
  }
  std::map<std::string, double> byUid;
  for (std::size_t i = 0; i < tags.frames.size(); ++i) {
    byUid[tags.frames[i].sopInstanceUid] = r.frameBwFactors[i];
  }
  std::vector<double> out;
  for (const auto& slice : volume.slices) {
    const auto it = byUid.find(slice.sopInstanceUid);
    out.push_back(it == byUid.end() ? *r.bw.factor : it->second);
  }
  return out;
}

QJsonValue entry(const char* key, const nd::SuvFactor& f, const nd::SuvResult& r,
                 const nd::SuvStatistics& bwStats, QJsonArray& warnings) {
  if (!f.factor) {
    warnings.append(QString(key) + " not available: " + str(f.reason));
    return QJsonValue::Null;
  }
  // Every normalisation is SUVbw times a constant: the statistics scale with it.
  const double ratio = *f.factor / *r.bw.factor;
  QJsonObject o{
      {"factor", *f.factor}, {"max", bwStats.max * ratio}, {"mean", bwStats.mean * ratio}};
  if (bwStats.peak) {
    o.insert("peak", *bwStats.peak * ratio);
  }
  return o;
}

}  // namespace

int runSuv(const QStringList& args, QTextStream& out, QTextStream& /*err*/) {
  const Arguments a = parse(args);
  if (!a.problem.isEmpty()) {
    return printCodedError(out, kCommand, "BAD_ARGUMENTS", a.problem);
  }
  // --series, else the only series, else the only PT series.
  const workflow::SeriesChoice choice = workflow::chooseSeries(a.folder, a.seriesUid, "PT");
  if (!choice.ok()) {
    return printCodedError(out, kCommand, "NO_SERIES", choice.error, a.folder);
  }
  const nd::SeriesFiles* series = &choice.series;
  nd::SuvTags tags;
  try {
    tags = nd::readSuvTags(series->files);
  } catch (const nd::SuvReadError& e) {
    return printCodedError(out, kCommand, "READ_ERROR", e.what(), a.folder);
  }
  const nd::SuvResult r = nd::computeSuv(tags);
  if (!r.ok()) {
    // The rules speak of the series; the message names its files so the user can find them.
    const std::string files =
        series->files.front() +
        (series->files.size() > 1
             ? " (and " + std::to_string(series->files.size() - 1) + " more files of the series)"
             : std::string());
    return printCodedError(out, kCommand, str(r.errorCode), str(files + ": " + r.errorMessage),
                           a.folder);
  }

  nd::Volume volume;
  nd::SuvStatistics stats;
  try {
    volume = nd::loadVolume(series->files);
    stats = nd::computeSuvStatistics(volume, sliceFactors(volume, tags, r), a.roi);
  } catch (const nd::VolumeError& e) {
    return printCodedError(out, kCommand, "VOLUME_ERROR", e.what(), a.folder);
  } catch (const nd::SuvStatisticsError& e) {
    return printCodedError(out, kCommand, "ROI_ERROR", e.what(), a.folder);
  }

  QJsonArray warnings;
  for (const auto& w : r.warnings) {
    warnings.append(str(w));
  }
  for (const auto& w : volume.warnings) {
    warnings.append("volume: " + str(w));
  }
  QJsonObject json{
      {"series", str(series->seriesInstanceUid)},
      {"units", str(r.units)},
      {"decayCorrection", str(r.decayCorrection)},
      {"referenceTime",
       r.referenceTime ? QJsonValue(str(nd::toIso8601(*r.referenceTime))) : QJsonValue::Null},
      {"referenceTimeSource", str(r.referenceTimeSource)},
      {"decayTimeS", r.decayTimeS ? QJsonValue(*r.decayTimeS) : QJsonValue::Null},
  };
  json.insert("suvbw", entry("suvbw", r.bw, r, stats, warnings));
  json.insert("suvlbm", entry("suvlbm", r.lbmJames128, r, stats, warnings));
  json.insert("suvlbmJanma", entry("suvlbmJanma", r.lbmJanmahasatian, r, stats, warnings));
  json.insert("suvbsa", entry("suvbsa", r.bsa, r, stats, warnings));
  json.insert("suvibw", entry("suvibw", r.ibw, r, stats, warnings));
  QJsonObject region{{"voxels", static_cast<double>(stats.voxelCount)},
                     {"maxPositionMm", point(stats.maxPositionMm)}};
  if (a.roi) {
    region.insert("sphereCentreMm", point(a.roi->centreMm));
    region.insert("sphereRadiusMm", a.roi->radiusMm);
    if (stats.peakCentreMm) {
      region.insert("peakCentreMm", point(*stats.peakCentreMm));
      region.insert("peakSphereRadiusMm", nd::kPeakSphereRadiusMm);
    }
  } else {
    region.insert("whole", true);
  }
  json.insert("region", region);
  json.insert("warnings", warnings);
  printJson(out, json);
  return kExitOk;
}

}  // namespace nbra::cli
