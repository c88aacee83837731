#include "viewer/app/roi/RoiStatistics.h"

#include <QObject>
#include <algorithm>
#include <cmath>

#include "viewer/app/roi/RoiGeometry.h"
#include "viewer/app/view/LoadedSeries.h"

namespace nbra::viewer {

namespace {

// Decimals per unit: SUV to 0.01 (the precision PERCIST changes are judged at), HU to 0.1 for
// a mean, whole HU for single voxels, Bq/ml and counts whole.
int decimalsFor(const QString& unit, bool singleVoxel) {
  if (unit == "SUVbw")
    return 2;
  if (unit == "HU")
    return singleVoxel ? 0 : 1;
  if (unit == "Bq/ml" || unit == "counts")
    return 0;
  return 1;
}

QString number(double value, int decimals) {
  // A real minus sign: "-12" is easily misread next to a dash.
  QString text = QString::number(value, 'f', decimals);
  if (text.startsWith('-'))
    text.replace(0, 1, QChar(0x2212));
  return text;
}

QString withUnit(double value, const QString& unit, bool singleVoxel) {
  const QString text = number(value, decimalsFor(unit, singleVoxel));
  return unit.isEmpty() ? text : text + " " + unit;
}

bool sameOwner(const std::weak_ptr<LoadedSeries>& w, const std::shared_ptr<LoadedSeries>& s) {
  return !w.owner_before(s) && !s.owner_before(w);
}

}  // namespace

RoiSource roiSourceOf(const LoadedSeries& base, const LoadedSeries* fusion) {
  const LoadedSeries& from = fusion ? *fusion : base;
  RoiSource s;
  s.volume = &from.volume();
  s.scale = from.displayScale();
  s.modality = from.modality();
  s.unit = from.unit();
  s.fused = fusion != nullptr;
  if (from.isPet() && !from.hasSuv())
    s.noSuvReason = from.suvNote();
  return s;
}

RoiStatistics computeRoiStatistics(const Measurement& roi, const RoiSource& source) {
  RoiStatistics out;
  out.source = source;
  if (!source.volume) {
    out.error = QObject::tr("no series");
    return out;
  }
  try {
    const auto peak =
        source.isPet() ? nbra::dicom::PeakSearch::Compute : nbra::dicom::PeakSearch::Skip;
    out.values =
        nbra::dicom::computeSuvStatistics(*source.volume, {source.scale}, ellipsoidOf(roi), peak);
    const auto& sp = source.volume->spacingMm;
    out.volumeMl = static_cast<double>(out.values->voxelCount) * sp[0] * sp[1] * sp[2] / 1000.0;
  } catch (const nbra::dicom::SuvStatisticsError& e) {
    out.values.reset();
    // The usual case is an ROI smaller than a voxel, or outside the series; anything else (a
    // restored ROI with a broken shape) is said as it is.
    const QString why = QString::fromStdString(e.what());
    out.error =
        why.contains("no voxel centre")
            ? QObject::tr("no voxel centre of the %1 inside — draw it larger").arg(source.modality)
            : QObject::tr("no statistics: %1").arg(why);
  }
  return out;
}

QString roiLabel(const Measurement& roi, const RoiStatistics& stats) {
  const double a = 2 * roiSemiAxisAMm(roi), b = 2 * roiSemiAxisBMm(roi);
  const double depth = 2 * roiThroughPlaneSemiAxisMm(roi);
  QString size = roi.roiSphere ? QObject::tr("ROI sphere %1 mm across").arg(a, 0, 'f', 1)
                               : QObject::tr("ROI %1 × %2 mm, %3 mm deep")
                                     .arg(a, 0, 'f', 1)
                                     .arg(b, 0, 'f', 1)
                                     .arg(depth, 0, 'f', 1);
  if (!stats.values)
    return size + "\n" + stats.error;
  const auto& v = *stats.values;
  const RoiSource& src = stats.source;
  // Three significant digits down to 0.001 ml (a 1 mm^3 voxel), never an exponent.
  const double ml = stats.volumeMl;
  const int mlDecimals = ml < 1 ? 3 : ml < 10 ? 2 : ml < 100 ? 1 : 0;
  size += QObject::tr(" — %1 ml").arg(ml, 0, 'f', mlDecimals);
  const bool single = v.voxelCount == 1;
  const QString& u = src.unit;
  if (src.isPet()) {
    QString from = src.fused ? QObject::tr("fused PET") : QObject::tr("PET");
    QString head;
    if (u == "SUVbw") {
      head = QObject::tr("%1, SUVbw:").arg(from);
    } else {
      head = QObject::tr("%1 in %2 — no SUV: %3").arg(from, u, src.noSuvReason);
    }
    // SUVbw values read "SUVmax 8.21" under a "SUVbw" heading; anything else carries its unit.
    const bool suv = u == "SUVbw";
    const QString name = suv ? QStringLiteral("SUV") : QString();
    const auto show = [&](double value, bool oneVoxel) {
      return suv ? number(value, decimalsFor(u, oneVoxel)) : withUnit(value, u, oneVoxel);
    };
    QString values =
        QObject::tr("%1max %2, %1mean %3").arg(name, show(v.max, single), show(v.mean, single));
    if (v.peak)
      values += QObject::tr(", %1peak %2").arg(name, show(*v.peak, false));
    return size + "\n" + head + "\n" + values;
  }
  const QString from = src.fused ? QObject::tr("fused %1").arg(src.modality) : src.modality;
  const QString noUnit = u.isEmpty() ? QObject::tr(" (no unit)") : QString();
  return size + "\n" +
         QObject::tr("%1: mean %2, SD %3%4")
             .arg(from, withUnit(v.mean, u, single), withUnit(v.standardDeviation, u, single),
                  noUnit) +
         "\n" +
         QObject::tr("min %1, max %2").arg(withUnit(v.min, u, true), withUnit(v.max, u, true));
}

const RoiStatistics& RoiStatisticsCache::get(const Measurement& roi,
                                             const std::shared_ptr<LoadedSeries>& base,
                                             const std::shared_ptr<LoadedSeries>& fusion) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (sameOwner(it->base, base) && sameOwner(it->fusion, fusion) &&
        it->centre == roi.roiCentreMm && it->axisA == roi.roiSemiAxisAMm &&
        it->axisB == roi.roiSemiAxisBMm) {
      std::rotate(it, it + 1, entries_.end());  // most recently used last
      return entries_.back().stats;
    }
  }
  // Enough for every ROI of a read on screen at once; the oldest goes first.
  constexpr std::size_t kKeep = 32;
  if (entries_.size() >= kKeep)
    entries_.erase(entries_.begin());
  Entry e;
  e.base = base;
  e.fusion = fusion;
  e.centre = roi.roiCentreMm;
  e.axisA = roi.roiSemiAxisAMm;
  e.axisB = roi.roiSemiAxisBMm;
  e.stats = base ? computeRoiStatistics(roi, roiSourceOf(*base, fusion.get()))
                 : computeRoiStatistics(roi, RoiSource{});
  entries_.push_back(std::move(e));
  return entries_.back().stats;
}

}  // namespace nbra::viewer
