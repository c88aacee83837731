#include "workflow/sr/ReadReportMapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

#include "dicom/sr/ImagePlane.h"
#include "dicom/sr/SrCodes.h"

namespace nbra::workflow {

namespace {

using dicom::SrError;
using Point = std::array<double, 3>;

double distance(const Point& a, const Point& b) {
  return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// The measurement's line on `image`, or nullopt (with a warning) when it is not on its plane.
void placeOnImage(dicom::SrLinearMeasurement& m, const dicom::ReferencedImage& image, int frame,
                  const Point& start, const Point& end, const QString& what,
                  QStringList& warnings) {
  const double tolerance = std::max(0.5, image.sliceThicknessMm / 2.0);
  double offStart = 0;
  double offEnd = 0;
  const dicom::SrPixelPoint a = dicom::patientToPixel(image.plane, start, &offStart);
  const dicom::SrPixelPoint b = dicom::patientToPixel(image.plane, end, &offEnd);
  if (std::max(offStart, offEnd) > tolerance) {
    warnings << QString(
                    "%1 lies %2 mm from the plane of image %3 (more than %4 mm): written "
                    "without image coordinates")
                    .arg(what)
                    .arg(std::max(offStart, offEnd), 0, 'f', 1)
                    .arg(QString::fromStdString(image.ref.sopInstanceUid))
                    .arg(tolerance, 0, 'f', 1);
    return;
  }
  m.image = image.ref;
  m.image->frame = image.numberOfFrames > 1 ? std::max(frame, 1) : 0;
  m.points = {a, b};
}

}  // namespace

std::vector<dicom::SrLesion> lesionsOfRead(const records::ReadContent& read,
                                           const ImageFinder& findImage, QStringList& warnings) {
  std::vector<dicom::SrLesion> out;
  for (const records::LesionMeasurement& l : read.lesions) {
    const QString name = "lesion '" + l.trackingId + "'";
    dicom::SrLesion s;
    s.trackingId = l.trackingId.toStdString();
    s.organText = l.organ.toStdString();
    s.isPrimary = l.isPrimary;
    s.isLymphNode = l.isLymphNode;
    s.isTarget = l.role == "target";
    s.mibgAvid = l.mibgAvid;
    s.fdgAvid = l.fdgAvid;
    s.isNew = l.isNew;
    s.sliceThicknessMm = l.sliceThicknessMm;
    s.findingSite = dicom::srcodes::findingSiteFor(s.organText, l.isLymphNode);
    s.laterality = dicom::srcodes::lateralityFor(s.organText);
    s.finding =
        l.isPrimary ? dicom::srcodes::primaryNeoplasm() : dicom::srcodes::secondaryNeoplasm();
    s.longAxis.lengthMm = l.longAxisMm;
    s.notEvaluable = l.notEvaluable;
    if (l.shortAxisMm) {
      s.shortAxis = dicom::SrLinearMeasurement{*l.shortAxisMm, std::nullopt, {}};
    }
    const bool shortLine = l.shortStartMm && l.shortEndMm;
    const bool hasLine = l.startMm && l.endMm;
    if (!l.sopInstanceUid.isEmpty() && (hasLine || shortLine)) {
      const int frame = l.frame.value_or(0);
      const std::optional<dicom::ReferencedImage> image =
          findImage(l.sopInstanceUid.toStdString(), frame);
      if (!image) {
        throw SrError(name.toStdString() + ": its image " + l.sopInstanceUid.toStdString() +
                      " is not in the image index (import the study first: nbra-cli index "
                      "FOLDER)");
      }
      if (hasLine) {
        placeOnImage(s.longAxis, *image, frame, *l.startMm, *l.endMm, name + ": the long axis",
                     warnings);
      }
      if (shortLine && s.shortAxis) {
        placeOnImage(*s.shortAxis, *image, frame, *l.shortStartMm, *l.shortEndMm,
                     name + ": the short axis", warnings);
      }
    } else if (!l.sopInstanceUid.isEmpty()) {
      warnings << name + ": tied to image " + l.sopInstanceUid +
                      " but without caliper ends: written without image coordinates";
    }
    out.push_back(std::move(s));
  }
  return out;
}

records::ReadContent readOfReport(const dicom::MeasurementReport& report,
                                  const ImageFinder& findImage, const std::string& file) {
  records::ReadContent content;
  content.ctDone = true;
  for (const dicom::SrLesion& s : report.lesions) {
    const std::string where = file + ": lesion '" + s.trackingId + "'";
    records::LesionMeasurement l;
    l.trackingId = QString::fromStdString(s.trackingId);
    l.organ = QString::fromStdString(s.organText);
    if (l.organ.isEmpty() && !s.findingSite.meaning.empty() &&
        s.findingSite.scheme != dicom::srcodes::kPrivateScheme) {
      // A report from another writer: the coded site in words.
      l.organ = QString::fromStdString(
          (s.laterality ? s.laterality->meaning + " " : std::string()) + s.findingSite.meaning);
      l.organ = l.organ.toLower();
    }
    l.isPrimary = s.isPrimary;
    l.isLymphNode = s.isLymphNode || s.findingSite == dicom::SrCode{"59441001", "SCT", ""};
    l.role = s.isTarget ? "target" : "non-target";
    l.longAxisMm = s.longAxis.lengthMm;
    if (s.shortAxis) {
      l.shortAxisMm = s.shortAxis->lengthMm;
    }
    l.mibgAvid = s.mibgAvid;
    l.fdgAvid = s.fdgAvid;
    l.isNew = s.isNew;
    l.notEvaluable = s.notEvaluable;

    std::optional<dicom::ReferencedImage> longImage;
    const auto imageOf = [&](const dicom::SrLinearMeasurement& m,
                             const char* axis) -> std::optional<dicom::ReferencedImage> {
      if (!m.image) {
        return std::nullopt;
      }
      auto image = findImage(m.image->sopInstanceUid, m.image->frame);
      if (!image) {
        throw SrError(where + ": the " + axis + " was measured on image " +
                      m.image->sopInstanceUid +
                      ", which is not in the image index (import the study first: nbra-cli "
                      "index FOLDER)");
      }
      if (m.points.size() != 2) {
        throw SrError(where + ": the " + axis + " has " + std::to_string(m.points.size()) +
                      " point(s); a line has 2");
      }
      return image;
    };
    if ((longImage = imageOf(s.longAxis, "long axis"))) {
      l.sopInstanceUid = QString::fromStdString(s.longAxis.image->sopInstanceUid);
      if (s.longAxis.image->frame > 0) {
        l.frame = s.longAxis.image->frame;
      }
      l.startMm = dicom::pixelToPatient(longImage->plane, s.longAxis.points[0]);
      l.endMm = dicom::pixelToPatient(longImage->plane, s.longAxis.points[1]);
      const double drawn = distance(*l.startMm, *l.endMm);
      if (std::abs(drawn - l.longAxisMm) > 0.5) {
        throw SrError(where + ": the long axis says " + std::to_string(l.longAxisMm) +
                      " mm but its line on the image is " + std::to_string(drawn) + " mm long");
      }
    }
    if (s.shortAxis) {
      if (const auto shortImage = imageOf(*s.shortAxis, "short axis")) {
        const Point start = dicom::pixelToPatient(shortImage->plane, s.shortAxis->points[0]);
        const Point end = dicom::pixelToPatient(shortImage->plane, s.shortAxis->points[1]);
        if (std::abs(distance(start, end) - *l.shortAxisMm) > 0.5) {
          throw SrError(where + ": the short axis says " + std::to_string(*l.shortAxisMm) +
                        " mm but its line on the image is " + std::to_string(distance(start, end)) +
                        " mm long");
        }
        l.shortStartMm = start;
        l.shortEndMm = end;
      }
    }
    if (s.sliceThicknessMm) {
      l.sliceThicknessMm = *s.sliceThicknessMm;
    } else if (longImage && longImage->sliceThicknessMm > 0) {
      l.sliceThicknessMm = longImage->sliceThicknessMm;  // as the image says
    } else {
      throw SrError(where +
                    ": no slice thickness (neither in the report nor from its image); "
                    "the measurability rule needs it");
    }
    if (l.organ.isEmpty() && !l.isLymphNode) {
      throw SrError(where +
                    ": no organ (neither NBRA's 'Organ as read' nor a coded finding "
                    "site); the target limits per organ need it");
    }
    content.lesions.push_back(l);
  }
  return content;
}

}  // namespace nbra::workflow
