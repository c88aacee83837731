#include "workflow/casefile/CaseJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

#include "workflow/casefile/DuplicateKeys.h"

namespace nbra::workflow {

namespace {

using scoring::Case;
using scoring::CurieSegmentEntry;
using scoring::FdgPetReading;
using scoring::Lesion;
using scoring::MarrowReading;
using scoring::MarrowSample;
using scoring::MibgReading;
using scoring::Settings;
using scoring::Timepoint;

QString typeName(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::Null:
      return "null";
    case QJsonValue::Bool:
      return "a boolean";
    case QJsonValue::Double:
      return "a number";
    case QJsonValue::String:
      return "a string";
    case QJsonValue::Array:
      return "an array";
    case QJsonValue::Object:
      return "an object";
    case QJsonValue::Undefined:
      return "nothing";
  }
  return "an unknown value";
}

QString join(const QString& path, const QString& key) {
  return path.isEmpty() ? key : path + "." + key;
}

// Reads typed fields and remembers the first error, with its path. Every getter returns false
// once an error is recorded, so parsing stops at the first problem.
class Reader {
 public:
  bool failed() const { return !error_.isEmpty(); }
  const QString& error() const { return error_; }

  bool fail(const QString& path, const QString& message) {
    if (error_.isEmpty()) {
      error_ = path + ": " + message;
    }
    return false;
  }

  bool onlyKnown(const QJsonObject& o, const QString& path, const QSet<QString>& known) {
    for (auto it = o.begin(); it != o.end(); ++it) {
      if (!known.contains(it.key())) {
        return fail(join(path, it.key()), "unknown field");
      }
    }
    return !failed();
  }

  bool object(const QJsonValue& v, const QString& path, QJsonObject& out) {
    if (!v.isObject()) {
      return fail(path, "expected an object, got " + typeName(v));
    }
    out = v.toObject();
    return true;
  }

  bool array(const QJsonValue& v, const QString& path, QJsonArray& out) {
    if (!v.isArray()) {
      return fail(path, "expected an array, got " + typeName(v));
    }
    out = v.toArray();
    return true;
  }

  bool string(const QJsonValue& v, const QString& path, std::string& out) {
    if (!v.isString()) {
      return fail(path, "expected a string, got " + typeName(v));
    }
    out = v.toString().toStdString();
    return true;
  }

  bool number(const QJsonValue& v, const QString& path, double& out) {
    if (!v.isDouble()) {
      return fail(path, "expected a number, got " + typeName(v));
    }
    out = v.toDouble();
    return true;
  }

  bool integer(const QJsonValue& v, const QString& path, int& out) {
    double d = 0.0;
    if (!number(v, path, d)) {
      return false;
    }
    if (std::floor(d) != d || std::fabs(d) > 1e9) {
      return fail(path, "expected a whole number, got " + QString::number(d));
    }
    out = static_cast<int>(d);
    return true;
  }

  bool boolean(const QJsonValue& v, const QString& path, bool& out) {
    if (!v.isBool()) {
      return fail(path, "expected true or false, got " + typeName(v));
    }
    out = v.toBool();
    return true;
  }

  // Field helpers: `required` fails when missing; optional ones leave `out` untouched.
  template <typename T, typename F>
  bool field(const QJsonObject& o, const QString& path, const char* key, T& out, bool required,
             F read) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
      return required ? fail(join(path, key), "is missing") : !failed();
    }
    return (this->*read)(v, join(path, key), out);
  }

 private:
  QString error_;
};

template <typename E>
bool enumField(Reader& r, const QJsonObject& o, const QString& path, const char* key,
               std::initializer_list<std::pair<const char*, E>> choices, E& out,
               bool required = false) {
  std::string text;
  if (!o.contains(QLatin1String(key))) {
    return r.field(o, path, key, text, required, &Reader::string);
  }
  if (!r.field(o, path, key, text, true, &Reader::string)) {
    return false;
  }
  // An empty string is a value like any other: it must be one of the choices, never a silent
  // fallback to the default.
  QStringList names;
  for (const auto& [name, value] : choices) {
    if (text == name) {
      out = value;
      return true;
    }
    names << QString("'%1'").arg(name);
  }
  return r.fail(
      join(path, key),
      QString("'%1' is not one of %2").arg(QString::fromStdString(text), names.join(", ")));
}

bool readSettings(Reader& r, const QJsonObject& o, const QString& path, Settings& s) {
  if (!r.onlyKnown(o, path,
                   {"curieSoftTissueIncludesPrimary", "boneScoreMethod", "bonePrBelowOneTenth",
                    "warnOnRiseFromNadir", "marrowGapIsMinimalDisease", "marrowPdFromNegative",
                    "marrowCrNeedsTwoBiopsiesTwoAspirates", "crNodeShortAxisLimitMm",
                    "eligibilityRequiresCoLocalisedUptake", "eligibilityNodeSize",
                    "eligibilityBoneOnlyMibgCounts", "extraDosesMrQualifies",
                    "extraDosesSdQualifies", "extraDosesFdgReplacesMibg"})) {
    return false;
  }
  using scoring::BoneScoreMethod;
  using scoring::EligibilityNodeSize;
  using scoring::MarrowPdFromNegative;
  r.field(o, path, "curieSoftTissueIncludesPrimary", s.curieSoftTissueIncludesPrimary, false,
          &Reader::boolean);
  enumField<BoneScoreMethod>(
      r, o, path, "boneScoreMethod",
      {{"curie", BoneScoreMethod::Curie}, {"siopen", BoneScoreMethod::Siopen}}, s.boneScoreMethod);
  r.field(o, path, "bonePrBelowOneTenth", s.bonePrBelowOneTenth, false, &Reader::boolean);
  r.field(o, path, "warnOnRiseFromNadir", s.warnOnRiseFromNadir, false, &Reader::boolean);
  r.field(o, path, "marrowGapIsMinimalDisease", s.marrowGapIsMinimalDisease, false,
          &Reader::boolean);
  enumField<MarrowPdFromNegative>(
      r, o, path, "marrowPdFromNegative",
      {{"above-5-percent", MarrowPdFromNegative::AboveFivePercent},
       {"at-least-5-percent", MarrowPdFromNegative::AtLeastFivePercent}},
      s.marrowPdFromNegative);
  r.field(o, path, "marrowCrNeedsTwoBiopsiesTwoAspirates", s.marrowCrNeedsTwoBiopsiesTwoAspirates,
          false, &Reader::boolean);
  r.field(o, path, "crNodeShortAxisLimitMm", s.crNodeShortAxisLimitMm, false, &Reader::integer);
  r.field(o, path, "eligibilityRequiresCoLocalisedUptake", s.eligibilityRequiresCoLocalisedUptake,
          false, &Reader::boolean);
  enumField<EligibilityNodeSize>(
      r, o, path, "eligibilityNodeSize",
      {{"any-axis-10-mm", EligibilityNodeSize::AnyAxisTenMm},
       {"recist-short-axis-15-mm", EligibilityNodeSize::RecistShortAxisFifteenMm}},
      s.eligibilityNodeSize);
  r.field(o, path, "eligibilityBoneOnlyMibgCounts", s.eligibilityBoneOnlyMibgCounts, false,
          &Reader::boolean);
  r.field(o, path, "extraDosesMrQualifies", s.extraDosesMrQualifies, false, &Reader::boolean);
  r.field(o, path, "extraDosesSdQualifies", s.extraDosesSdQualifies, false, &Reader::boolean);
  r.field(o, path, "extraDosesFdgReplacesMibg", s.extraDosesFdgReplacesMibg, false,
          &Reader::boolean);
  return !r.failed();
}

bool readLesion(Reader& r, const QJsonValue& v, const QString& path, Lesion& l) {
  QJsonObject o;
  if (!r.object(v, path, o) ||
      !r.onlyKnown(o, path,
                   {"trackingId", "organ", "isPrimary", "isLymphNode", "longAxisMm", "shortAxisMm",
                    "sliceThicknessMm", "role", "mibgAvid", "fdgAvid", "isNew", "biopsyProven",
                    "notEvaluable"})) {
    return false;
  }
  r.field(o, path, "trackingId", l.trackingId, true, &Reader::string);
  r.field(o, path, "organ", l.organ, false, &Reader::string);
  r.field(o, path, "isPrimary", l.isPrimary, false, &Reader::boolean);
  r.field(o, path, "isLymphNode", l.isLymphNode, false, &Reader::boolean);
  r.field(o, path, "notEvaluable", l.notEvaluable, false, &Reader::boolean);
  // A lesion that could not be measured has no length to give.
  r.field(o, path, "longAxisMm", l.longAxisMm, !l.notEvaluable, &Reader::number);
  double shortAxis = 0.0;
  if (o.contains("shortAxisMm") &&
      r.field(o, path, "shortAxisMm", shortAxis, true, &Reader::number)) {
    l.shortAxisMm = shortAxis;
  }
  r.field(o, path, "sliceThicknessMm", l.sliceThicknessMm, true, &Reader::number);
  enumField<scoring::LesionRole>(
      r, o, path, "role",
      {{"target", scoring::LesionRole::Target}, {"non-target", scoring::LesionRole::NonTarget}},
      l.role);
  r.field(o, path, "mibgAvid", l.mibgAvid, false, &Reader::boolean);
  r.field(o, path, "fdgAvid", l.fdgAvid, false, &Reader::boolean);
  r.field(o, path, "isNew", l.isNew, false, &Reader::boolean);
  r.field(o, path, "biopsyProven", l.biopsyProven, false, &Reader::boolean);
  return !r.failed();
}

bool readCurieEntry(Reader& r, const QJsonValue& v, const QString& path, CurieSegmentEntry& e) {
  if (v.isDouble()) {
    int score = 0;
    if (r.integer(v, path, score)) {
      e.score = score;
    }
    return !r.failed();
  }
  QJsonObject o;
  if (!v.isObject()) {
    return r.fail(
        path, "expected a score (0-3) or an object {\"marks\", \"diffuse\"}, got " + typeName(v));
  }
  o = v.toObject();
  if (!r.onlyKnown(o, path, {"score", "marks", "diffuse", "primaryMarks"})) {
    return false;
  }
  int value = 0;
  if (o.contains("score") && r.field(o, path, "score", value, true, &Reader::integer)) {
    e.score = value;
  }
  if (o.contains("marks") && r.field(o, path, "marks", value, true, &Reader::integer)) {
    e.lesionMarks = value;
  }
  r.field(o, path, "diffuse", e.diffuse, false, &Reader::boolean);
  r.field(o, path, "primaryMarks", e.primaryMarks, false, &Reader::integer);
  return !r.failed();
}

template <std::size_t N, typename T, typename F>
bool fixedArray(Reader& r, const QJsonValue& v, const QString& path, std::array<T, N>& out,
                F readOne) {
  QJsonArray a;
  if (!r.array(v, path, a)) {
    return false;
  }
  if (static_cast<std::size_t>(a.size()) != N) {
    return r.fail(path, QString("expected %1 segments, got %2").arg(N).arg(a.size()));
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (!readOne(a.at(static_cast<qsizetype>(i)), path + QString("[%1]").arg(i), out[i])) {
      return false;
    }
  }
  return true;
}

bool readMibg(Reader& r, const QJsonValue& v, const QString& path, MibgReading& m) {
  QJsonObject o;
  if (!r.object(v, path, o) || !r.onlyKnown(o, path, {"curie", "siopen", "newBoneSites"})) {
    return false;
  }
  if (o.contains("curie")) {
    std::array<CurieSegmentEntry, scoring::kCurieSegmentCount> entries{};
    if (fixedArray(r, o.value("curie"), join(path, "curie"), entries,
                   [&](const QJsonValue& e, const QString& p, CurieSegmentEntry& out) {
                     return readCurieEntry(r, e, p, out);
                   })) {
      m.curie = entries;
    }
  }
  if (o.contains("siopen")) {
    std::array<int, scoring::kSiopenSegmentCount> segments{};
    if (fixedArray(r, o.value("siopen"), join(path, "siopen"), segments,
                   [&](const QJsonValue& e, const QString& p, int& out) {
                     return r.integer(e, p, out);
                   })) {
      m.siopen = segments;
    }
  }
  r.field(o, path, "newBoneSites", m.newBoneSites, false, &Reader::integer);
  return !r.failed();
}

bool readFdg(Reader& r, const QJsonValue& v, const QString& path, FdgPetReading& f) {
  QJsonObject o;
  if (!r.object(v, path, o) ||
      !r.onlyKnown(o, path, {"avidBoneLesions", "newAvidBoneLesions", "newBoneLesionsConfirmed"})) {
    return false;
  }
  r.field(o, path, "avidBoneLesions", f.avidBoneLesions, true, &Reader::integer);
  r.field(o, path, "newAvidBoneLesions", f.newAvidBoneLesions, false, &Reader::integer);
  r.field(o, path, "newBoneLesionsConfirmed", f.newBoneLesionsConfirmed, false, &Reader::boolean);
  return !r.failed();
}

bool readMarrow(Reader& r, const QJsonValue& v, const QString& path, MarrowReading& m) {
  QJsonObject o;
  if (!r.object(v, path, o) || !r.onlyKnown(o, path, {"samples", "pathologyConfirmed"})) {
    return false;
  }
  QJsonArray samples;
  const QString samplesPath = join(path, "samples");
  if (!o.contains("samples")) {
    return r.fail(samplesPath, "is missing");
  }
  if (!r.array(o.value("samples"), samplesPath, samples)) {
    return false;
  }
  for (qsizetype i = 0; i < samples.size(); ++i) {
    const QString at = samplesPath + QString("[%1]").arg(i);
    QJsonObject so;
    if (!r.object(samples.at(i), at, so) || !r.onlyKnown(so, at, {"kind", "infiltrationPercent"})) {
      return false;
    }
    MarrowSample s;
    enumField<scoring::MarrowSampleKind>(r, so, at, "kind",
                                         {{"aspirate", scoring::MarrowSampleKind::Aspirate},
                                          {"biopsy", scoring::MarrowSampleKind::Biopsy}},
                                         s.kind, true);
    r.field(so, at, "infiltrationPercent", s.infiltrationPercent, true, &Reader::number);
    m.samples.push_back(s);
  }
  r.field(o, path, "pathologyConfirmed", m.pathologyConfirmed, false, &Reader::boolean);
  return !r.failed();
}

bool readDate(Reader& r, const QJsonObject& o, const QString& path,
              std::chrono::year_month_day& out) {
  std::string text;
  if (!r.field(o, path, "date", text, true, &Reader::string)) {
    return false;
  }
  static const QRegularExpression iso(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  const auto match = iso.match(QString::fromStdString(text));
  if (!match.hasMatch()) {
    return r.fail(
        join(path, "date"),
        QString("'%1' is not a date in the form YYYY-MM-DD").arg(QString::fromStdString(text)));
  }
  // Left to the scoring validation to reject impossible dates such as 2026-02-30.
  out = std::chrono::year{match.captured(1).toInt()} /
        std::chrono::month{match.captured(2).toUInt()} /
        std::chrono::day{match.captured(3).toUInt()};
  return true;
}

bool readTimepoint(Reader& r, const QJsonValue& v, const QString& path, Timepoint& t) {
  QJsonObject o;
  if (!r.object(v, path, o) || !r.onlyKnown(o, path,
                                            {"label", "kind", "date", "injectionsBefore", "lesions",
                                             "mibg", "fdgPet", "marrow"})) {
    return false;
  }
  r.field(o, path, "label", t.label, false, &Reader::string);
  enumField<scoring::TimepointKind>(r, o, path, "kind",
                                    {{"baseline", scoring::TimepointKind::Baseline},
                                     {"follow-up", scoring::TimepointKind::FollowUp}},
                                    t.kind, true);
  readDate(r, o, path, t.date);
  r.field(o, path, "injectionsBefore", t.injectionsBefore, true, &Reader::integer);
  if (r.failed()) {
    return false;
  }
  if (o.contains("lesions")) {
    QJsonArray lesions;
    if (!r.array(o.value("lesions"), join(path, "lesions"), lesions)) {
      return false;
    }
    std::vector<Lesion> list;
    for (qsizetype i = 0; i < lesions.size(); ++i) {
      Lesion l;
      if (!readLesion(r, lesions.at(i), join(path, "lesions") + QString("[%1]").arg(i), l)) {
        return false;
      }
      list.push_back(l);
    }
    t.lesions = list;
  }
  if (o.contains("mibg")) {
    MibgReading m;
    if (!readMibg(r, o.value("mibg"), join(path, "mibg"), m)) {
      return false;
    }
    t.mibg = m;
  }
  if (o.contains("fdgPet")) {
    FdgPetReading f;
    if (!readFdg(r, o.value("fdgPet"), join(path, "fdgPet"), f)) {
      return false;
    }
    t.fdgPet = f;
  }
  if (o.contains("marrow")) {
    MarrowReading m;
    if (!readMarrow(r, o.value("marrow"), join(path, "marrow"), m)) {
      return false;
    }
    t.marrow = m;
  }
  return !r.failed();
}

}  // namespace

CaseParseResult parseCase(const QByteArray& json) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    return {std::nullopt, QString("not valid JSON at character %1: %2")
                              .arg(parseError.offset)
                              .arg(parseError.errorString())};
  }
  if (!doc.isObject()) {
    return {std::nullopt, "the case must be a JSON object"};
  }
  if (const QString duplicate = firstDuplicateKey(json); !duplicate.isEmpty()) {
    return {std::nullopt, duplicate};
  }
  Reader r;
  const QJsonObject root = doc.object();
  Case c;
  if (!r.onlyKnown(root, "", {"$schema", "subject", "settings", "timepoints"})) {
    return {std::nullopt, r.error()};
  }
  QJsonObject subject;
  if (!root.contains("subject")) {
    return {std::nullopt, "subject: is missing"};
  }
  if (r.object(root.value("subject"), "subject", subject) &&
      r.onlyKnown(subject, "subject", {"id", "weightKg", "ageYears"})) {
    r.field(subject, "subject", "id", c.subject.id, true, &Reader::string);
    double number = 0.0;
    if (subject.contains("weightKg") &&
        r.field(subject, "subject", "weightKg", number, true, &Reader::number)) {
      c.subject.weightKg = number;
    }
    if (subject.contains("ageYears") &&
        r.field(subject, "subject", "ageYears", number, true, &Reader::number)) {
      c.subject.ageYears = number;
    }
  }
  if (!r.failed() && root.contains("settings")) {
    QJsonObject settings;
    if (r.object(root.value("settings"), "settings", settings)) {
      readSettings(r, settings, "settings", c.settings);
    }
  }
  if (!r.failed()) {
    QJsonArray timepoints;
    if (!root.contains("timepoints")) {
      r.fail("timepoints", "is missing");
    } else if (r.array(root.value("timepoints"), "timepoints", timepoints)) {
      for (qsizetype i = 0; i < timepoints.size() && !r.failed(); ++i) {
        Timepoint t;
        if (readTimepoint(r, timepoints.at(i), QString("timepoints[%1]").arg(i), t)) {
          c.timepoints.push_back(t);
        }
      }
    }
  }
  if (r.failed()) {
    return {std::nullopt, r.error()};
  }
  return {c, {}};
}

}  // namespace nbra::workflow
