#include "viewer/app/read/MarksJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace nbra::viewer {

namespace {

constexpr int kFormat = 1;

const char* kindName(MeasurementKind kind) {
  switch (kind) {
    case MeasurementKind::Caliper:
      return "caliper";
    case MeasurementKind::Bidirectional:
      return "bidirectional";
    case MeasurementKind::Point:
      return "point";
    case MeasurementKind::Roi:
      return "roi";
  }
  return "";
}

const char* statusKey(LesionStatus s) {
  switch (s) {
    case LesionStatus::Pending:
      return "pending";
    case LesionStatus::Measured:
      return "measured";
    case LesionStatus::NotMeasurable:
      return "not-measurable";
    case LesionStatus::TooSmall:
      return "too-small";
    case LesionStatus::Resolved:
      return "resolved";
  }
  return "";
}

QJsonArray vec(const Vec3& v) {
  return QJsonArray{v[0], v[1], v[2]};
}

// Reading back: every field is checked, a bad one names itself.
struct Reader {
  QString error;
  bool vec(const QJsonObject& o, const char* key, const QString& where, Vec3& out) {
    const QJsonArray a = o.value(key).toArray();
    if (a.size() != 3 || !a[0].isDouble() || !a[1].isDouble() || !a[2].isDouble()) {
      error = where + "." + key + ": expected three numbers (mm)";
      return false;
    }
    out = {a[0].toDouble(), a[1].toDouble(), a[2].toDouble()};
    return true;
  }
};

}  // namespace

QString toMarksJson(const SavedReading& reading) {
  QJsonArray marks;
  for (const Measurement& m : reading.marks) {
    QJsonObject o{{"id", m.id},
                  {"kind", kindName(m.kind)},
                  {"longStartMm", vec(m.longStartMm)},
                  {"longEndMm", vec(m.longEndMm)},
                  {"hasShortAxis", m.hasShortAxis},
                  {"shortStartMm", vec(m.shortStartMm)},
                  {"shortEndMm", vec(m.shortEndMm)},
                  {"planeNormal", vec(m.planeNormal)},
                  {"isLymphNode", m.isLymphNode},
                  {"frameOfReferenceUid", QString::fromStdString(m.frameOfReferenceUid)}};
    if (m.source) {
      o["source"] =
          QJsonObject{{"sopInstanceUid", QString::fromStdString(m.source->sopInstanceUid)},
                      {"frame", m.source->frame},
                      {"reformatted", m.source->reformatted}};
    }
    if (m.kind == MeasurementKind::Roi) {
      o["roiCentreMm"] = vec(m.roiCentreMm);
      o["roiSemiAxisAMm"] = vec(m.roiSemiAxisAMm);
      o["roiSemiAxisBMm"] = vec(m.roiSemiAxisBMm);
      o["roiSphere"] = m.roiSphere;
    }
    marks.append(o);
  }
  QJsonArray lesions;
  for (const TrackedLesion& l : reading.lesions) {
    QJsonObject o{{"trackingId", QString::fromStdString(l.trackingId)},
                  {"site", QString::fromStdString(l.site)},
                  {"isPrimary", l.isPrimary},
                  {"isLymphNode", l.isLymphNode},
                  {"isTarget", l.isTarget},
                  {"mibgAvid", l.mibgAvid},
                  {"fdgAvid", l.fdgAvid},
                  {"isNew", l.isNew},
                  {"status", statusKey(l.status)},
                  {"sliceThicknessMm", l.sliceThicknessMm}};
    if (l.markId)
      o["markId"] = *l.markId;
    lesions.append(o);
  }
  const QJsonObject root{{"format", kFormat},
                         {"followUp", reading.followUp},
                         {"sliceThicknessMm", reading.sliceThicknessMm},
                         {"marks", marks},
                         {"lesions", lesions}};
  return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

bool fromMarksJson(const QString& json, SavedReading& out, QString& error) {
  QJsonParseError parse{};
  const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parse);
  if (!doc.isObject()) {
    error = "the saved marks are not a JSON object: " + parse.errorString();
    return false;
  }
  const QJsonObject root = doc.object();
  if (root.value("format").toInt() != kFormat) {
    error = QString("the saved marks have format %1; this NBRA reads format %2")
                .arg(root.value("format").toVariant().toString())
                .arg(kFormat);
    return false;
  }
  SavedReading r;
  r.followUp = root.value("followUp").toBool();
  r.sliceThicknessMm = root.value("sliceThicknessMm").toDouble();
  Reader read;
  const QJsonArray marks = root.value("marks").toArray();
  for (qsizetype i = 0; i < marks.size(); ++i) {
    const QJsonObject o = marks[i].toObject();
    const QString where = QString("marks[%1]").arg(i);
    Measurement m;
    m.id = o.value("id").toInt();
    const QString kind = o.value("kind").toString();
    bool known = false;
    for (MeasurementKind k : {MeasurementKind::Caliper, MeasurementKind::Bidirectional,
                              MeasurementKind::Point, MeasurementKind::Roi}) {
      if (kind == kindName(k)) {
        m.kind = k;
        known = true;
      }
    }
    if (!known || m.id <= 0) {
      error = where + ": needs an id > 0 and a kind caliper, bidirectional, point or roi";
      return false;
    }
    if (!read.vec(o, "longStartMm", where, m.longStartMm) ||
        !read.vec(o, "longEndMm", where, m.longEndMm) ||
        !read.vec(o, "shortStartMm", where, m.shortStartMm) ||
        !read.vec(o, "shortEndMm", where, m.shortEndMm) ||
        !read.vec(o, "planeNormal", where, m.planeNormal)) {
      error = read.error;
      return false;
    }
    m.hasShortAxis = o.value("hasShortAxis").toBool();
    m.isLymphNode = o.value("isLymphNode").toBool();
    m.frameOfReferenceUid = o.value("frameOfReferenceUid").toString().toStdString();
    if (o.contains("source")) {
      const QJsonObject s = o.value("source").toObject();
      m.source = SourceImage{s.value("sopInstanceUid").toString().toStdString(),
                             s.value("frame").toInt(), s.value("reformatted").toBool()};
    }
    if (m.kind == MeasurementKind::Roi) {
      if (!read.vec(o, "roiCentreMm", where, m.roiCentreMm) ||
          !read.vec(o, "roiSemiAxisAMm", where, m.roiSemiAxisAMm) ||
          !read.vec(o, "roiSemiAxisBMm", where, m.roiSemiAxisBMm)) {
        error = read.error;
        return false;
      }
      m.roiSphere = o.value("roiSphere").toBool();
    }
    r.marks.push_back(m);
  }
  const QJsonArray lesions = root.value("lesions").toArray();
  for (qsizetype i = 0; i < lesions.size(); ++i) {
    const QJsonObject o = lesions[i].toObject();
    TrackedLesion l;
    l.trackingId = o.value("trackingId").toString().toStdString();
    if (l.trackingId.empty()) {
      error = QString("lesions[%1]: needs a trackingId").arg(i);
      return false;
    }
    l.site = o.value("site").toString().toStdString();
    l.isPrimary = o.value("isPrimary").toBool();
    l.isLymphNode = o.value("isLymphNode").toBool();
    l.isTarget = o.value("isTarget").toBool();
    l.mibgAvid = o.value("mibgAvid").toBool();
    l.fdgAvid = o.value("fdgAvid").toBool();
    l.isNew = o.value("isNew").toBool();
    if (o.contains("markId"))
      l.markId = o.value("markId").toInt();
    l.sliceThicknessMm = o.value("sliceThicknessMm").toDouble();
    const QString status = o.value("status").toString();
    bool known = false;
    for (LesionStatus s :
         {LesionStatus::Pending, LesionStatus::Measured, LesionStatus::NotMeasurable,
          LesionStatus::TooSmall, LesionStatus::Resolved}) {
      if (status == statusKey(s)) {
        l.status = s;
        known = true;
      }
    }
    if (!known) {
      error = QString("lesions[%1].status: '%2' is not a lesion status").arg(i).arg(status);
      return false;
    }
    r.lesions.push_back(l);
  }
  out = std::move(r);
  return true;
}

}  // namespace nbra::viewer
