// The results' exchange form: what `nbra-cli record results` prints and nbra-plot reads.
#include <QJsonArray>
#include <cmath>

#include "records/database/RecordError.h"
#include "workflow/results/TrialResults.h"

namespace nbra::workflow {

namespace {

[[noreturn]] void bad(const QString& what) {
  throw records::RecordError(records::RecordErrorKind::BadInput,
                             ("results JSON: " + what).toStdString());
}

template <typename T>
QJsonValue optional(const std::optional<T>& v) {
  return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue rateJson(const std::optional<RateWithInterval>& r) {
  if (!r) {
    return QJsonValue();
  }
  return QJsonObject{{"responders", r->responders},
                     {"assessed", r->assessed},
                     {"rate", r->rate},
                     {"lower", r->lower},
                     {"upper", r->upper}};
}

// Members are read strictly: a wrong type is refused by name rather than read as 0.
const QJsonValue& member(const QJsonObject& o, const QString& key, QJsonValue& holder,
                         const QString& where) {
  holder = o.value(key);
  if (holder.isUndefined()) {
    bad(where + " has no '" + key + "'");
  }
  return holder;
}

QString text(const QJsonObject& o, const QString& key, const QString& where) {
  QJsonValue h;
  const QJsonValue& v = member(o, key, h, where);
  if (!v.isString()) {
    bad(where + "." + key + " must be a text");
  }
  return v.toString();
}

double number(const QJsonObject& o, const QString& key, const QString& where) {
  QJsonValue h;
  const QJsonValue& v = member(o, key, h, where);
  if (!v.isDouble()) {
    bad(where + "." + key + " must be a number");
  }
  return v.toDouble();
}

// A whole number within +-10^9 (days, counts, scores): checked before the conversion, which is
// undefined for a double out of int's range.
int integer(const QJsonObject& o, const QString& key, const QString& where) {
  const double d = number(o, key, where);
  if (!(d >= -1e9 && d <= 1e9) || d != std::floor(d)) {
    bad(where + "." + key + " must be a whole number (at most 10^9 in size)");
  }
  return static_cast<int>(d);
}

std::optional<double> optionalNumber(const QJsonObject& o, const QString& key,
                                     const QString& where) {
  const QJsonValue v = o.value(key);
  if (v.isUndefined() || v.isNull()) {
    return std::nullopt;
  }
  if (!v.isDouble()) {
    bad(where + "." + key + " must be a number or null");
  }
  return v.toDouble();
}

std::optional<QString> optionalText(const QJsonObject& o, const QString& key,
                                    const QString& where) {
  const QJsonValue v = o.value(key);
  if (v.isUndefined() || v.isNull()) {
    return std::nullopt;
  }
  if (!v.isString()) {
    bad(where + "." + key + " must be a text or null");
  }
  return v.toString();
}

QJsonArray array(const QJsonObject& o, const QString& key, const QString& where) {
  QJsonValue h;
  const QJsonValue& v = member(o, key, h, where);
  if (!v.isArray()) {
    bad(where + "." + key + " must be an array");
  }
  return v.toArray();
}

QJsonObject object(const QJsonValue& v, const QString& where) {
  if (!v.isObject()) {
    bad(where + " must be an object");
  }
  return v.toObject();
}

QDate date(const QJsonObject& o, const QString& key, const QString& where) {
  const QString t = text(o, key, where);
  if (t.isEmpty()) {
    return {};
  }
  const QDate d = QDate::fromString(t, Qt::ISODate);
  if (!d.isValid()) {
    bad(where + "." + key + " '" + t + "' is not a date (YYYY-MM-DD)");
  }
  return d;
}

std::optional<RateWithInterval> rateFrom(const QJsonObject& o, const QString& key,
                                         const QString& where) {
  const QJsonValue v = o.value(key);
  if (v.isUndefined() || v.isNull()) {
    return std::nullopt;
  }
  const QJsonObject r = object(v, where + "." + key);
  const QString w = where + "." + key;
  RateWithInterval out{integer(r, "responders", w), integer(r, "assessed", w), number(r, "rate", w),
                       number(r, "lower", w), number(r, "upper", w)};
  if (out.assessed <= 0 || out.responders < 0 || out.responders > out.assessed ||
      !(out.lower >= 0 && out.lower <= out.rate && out.rate <= out.upper && out.upper <= 1)) {
    bad(w + " is not a rate with its interval (0 <= lower <= rate <= upper <= 1)");
  }
  return out;
}

}  // namespace

QJsonObject resultsToJson(const TrialResults& results) {
  QJsonArray subjects;
  for (const SubjectResult& s : results.subjects) {
    QJsonArray points;
    for (const ResultPoint& p : s.points) {
      points.append(
          QJsonObject{{"label", p.label},
                      {"date", p.date.toString(Qt::ISODate)},
                      {"dayOnStudy", p.dayOnStudy},
                      {"response", optional(p.response)},
                      {"sumOfDiametersMm", optional(p.sumOfDiametersMm)},
                      {"sumOfDiametersChangePercent", optional(p.sumOfDiametersChangePercent)},
                      {"curieTotal", optional(p.curieTotal)},
                      {"curieChangePercent", optional(p.curieChangePercent)}});
    }
    QJsonArray injections;
    for (int d : s.injectionDays) {
      injections.append(d);
    }
    subjects.append(QJsonObject{
        {"studyId", s.studyId},
        {"armCode", s.armCode},
        {"armName", s.armName},
        {"start", s.start.toString(Qt::ISODate)},
        {"daysOnStudy", s.daysOnStudy},
        {"injectionDays", injections},
        {"points", points},
        {"bestResponse", optional(s.bestResponse)},
        {"bestSumOfDiametersChangePercent", optional(s.bestSumOfDiametersChangePercent)},
        {"bestCurieChangePercent", optional(s.bestCurieChangePercent)}});
  }
  QJsonArray arms;
  for (const ArmSummary& a : results.arms) {
    QJsonObject counts;
    for (const auto& [category, n] : a.bestResponseCounts) {
      counts.insert(category, n);
    }
    arms.append(
        QJsonObject{{"armCode", a.armCode},
                    {"armName", a.armName},
                    {"subjects", a.subjects},
                    {"assessed", a.assessed},
                    {"bestResponseCounts", counts},
                    {"objectiveResponse", rateJson(a.objectiveResponse)},
                    {"objectiveResponseWithMinor", rateJson(a.objectiveResponseWithMinor)}});
  }
  return QJsonObject{{"settings", QJsonObject{{"confidence", results.settings.confidence},
                                              {"bestResponseStopsAtProgression",
                                               results.settings.bestResponseStopsAtProgression}}},
                     {"subjects", subjects},
                     {"arms", arms},
                     {"notes", QJsonArray::fromStringList(results.notes)},
                     {"ruleSetVersion", results.ruleSetVersion},
                     {"auditHeadSeq", results.auditHeadSeq},
                     {"madeUtc", results.madeUtc}};
}

TrialResults resultsFromJson(const QJsonObject& json) {
  TrialResults out;
  const QJsonObject settings = object(json.value("settings"), "settings");
  out.settings.confidence = number(settings, "confidence", "settings");
  const QJsonValue stops = settings.value("bestResponseStopsAtProgression");
  if (!stops.isBool()) {
    bad("settings.bestResponseStopsAtProgression must be true or false");
  }
  out.settings.bestResponseStopsAtProgression = stops.toBool();
  const QJsonArray subjects = array(json, "subjects", "results");
  for (qsizetype i = 0; i < subjects.size(); ++i) {
    const QString w = QString("subjects[%1]").arg(i);
    const QJsonObject o = object(subjects[i], w);
    SubjectResult s;
    s.studyId = text(o, "studyId", w);
    s.armCode = text(o, "armCode", w);
    s.armName = text(o, "armName", w);
    s.start = date(o, "start", w);
    s.daysOnStudy = integer(o, "daysOnStudy", w);
    if (s.daysOnStudy < 0) {
      bad(w + ".daysOnStudy is negative");
    }
    const QJsonArray injections = array(o, "injectionDays", w);
    for (qsizetype k = 0; k < injections.size(); ++k) {
      s.injectionDays.push_back(integer(QJsonObject{{"day", injections[k]}}, "day",
                                        QString("%1.injectionDays[%2]").arg(w).arg(k)));
    }
    const QJsonArray points = array(o, "points", w);
    for (qsizetype k = 0; k < points.size(); ++k) {
      const QString pw = QString("%1.points[%2]").arg(w).arg(k);
      const QJsonObject po = object(points[k], pw);
      ResultPoint p;
      p.label = text(po, "label", pw);
      p.date = date(po, "date", pw);
      p.dayOnStudy = integer(po, "dayOnStudy", pw);
      p.response = optionalText(po, "response", pw);
      p.sumOfDiametersMm = optionalNumber(po, "sumOfDiametersMm", pw);
      p.sumOfDiametersChangePercent = optionalNumber(po, "sumOfDiametersChangePercent", pw);
      if (!po.value("curieTotal").isNull() && !po.value("curieTotal").isUndefined()) {
        p.curieTotal = integer(po, "curieTotal", pw);
      }
      p.curieChangePercent = optionalNumber(po, "curieChangePercent", pw);
      s.points.push_back(p);
    }
    s.bestResponse = optionalText(o, "bestResponse", w);
    s.bestSumOfDiametersChangePercent = optionalNumber(o, "bestSumOfDiametersChangePercent", w);
    s.bestCurieChangePercent = optionalNumber(o, "bestCurieChangePercent", w);
    out.subjects.push_back(s);
  }
  const QJsonArray arms = array(json, "arms", "results");
  for (qsizetype i = 0; i < arms.size(); ++i) {
    const QString w = QString("arms[%1]").arg(i);
    const QJsonObject o = object(arms[i], w);
    ArmSummary a;
    a.armCode = text(o, "armCode", w);
    a.armName = text(o, "armName", w);
    a.subjects = integer(o, "subjects", w);
    a.assessed = integer(o, "assessed", w);
    if (a.assessed < 0 || a.assessed > a.subjects) {
      bad(w + ".assessed must be between 0 and subjects");
    }
    const QJsonObject counts = object(o.value("bestResponseCounts"), w + ".bestResponseCounts");
    for (auto it = counts.begin(); it != counts.end(); ++it) {
      const int n = integer(counts, it.key(), w + ".bestResponseCounts");
      if (n < 0) {
        bad(w + ".bestResponseCounts." + it.key() + " must be a count");
      }
      a.bestResponseCounts[it.key()] = n;
    }
    a.objectiveResponse = rateFrom(o, "objectiveResponse", w);
    a.objectiveResponseWithMinor = rateFrom(o, "objectiveResponseWithMinor", w);
    out.arms.push_back(a);
  }
  for (const QJsonValue& n : array(json, "notes", "results")) {
    if (!n.isString()) {
      bad("notes must hold texts");
    }
    out.notes << n.toString();
  }
  out.ruleSetVersion = text(json, "ruleSetVersion", "results");
  out.auditHeadSeq = integer(json, "auditHeadSeq", "results");
  out.madeUtc = text(json, "madeUtc", "results");
  return out;
}

}  // namespace nbra::workflow
