#include "workflow/reads/ReadConsistency.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>

#include "records/store/StoredReads.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/casefile/CaseWriter.h"
#include "workflow/reads/ReadModel.h"

namespace nbra::workflow {

namespace {

// The rules' view of a read, without what the record (not the read) decides.
QJsonObject rulesView(const scoring::Timepoint& t) {
  QJsonObject o = timepointToJson(t);
  for (const char* key : {"label", "kind", "date", "injectionsBefore"}) {
    o.remove(key);
  }
  return o;
}

void compareLegacyCase(const records::ReadContent& read, QStringList& out) {
  if (read.legacyCaseJson.trimmed().isEmpty()) {
    return;
  }
  const QJsonDocument stored = QJsonDocument::fromJson(read.legacyCaseJson.toUtf8());
  if (!stored.isObject()) {
    out << "its stored case timepoint (source_json) is not a JSON object";
    return;
  }
  QJsonObject tp = stored.object();
  // The stored timepoint lacks what the record supplied at assessment time.
  tp["kind"] = tp.value("kind").toString("follow-up");
  tp["date"] = tp.value("date").toString("2000-01-01");
  tp["injectionsBefore"] = tp.value("injectionsBefore").toInt(0);
  if (!tp.contains("label")) {
    tp["label"] = "read";
  }
  const QJsonObject kase{{"subject", QJsonObject{{"id", "check"}, {"weightKg", 20.0}}},
                         {"timepoints", QJsonArray{tp}}};
  const CaseParseResult parsed = parseCase(QJsonDocument(kase).toJson(QJsonDocument::Compact));
  if (!parsed.value || parsed.value->timepoints.size() != 1) {
    out << "its stored case timepoint (source_json) is not a valid case: " + parsed.error;
    return;
  }
  const QJsonObject fromCase = rulesView(parsed.value->timepoints.front());
  const QJsonObject fromRows = rulesView(timepointOfRead(read));
  for (const QString& key :
       {QString("lesions"), QString("mibg"), QString("fdgPet"), QString("marrow")}) {
    if (fromCase.value(key) != fromRows.value(key)) {
      out << QString(
                 "its %1 in the stored case timepoint (source_json) differ from its rows: %2 "
                 "vs %3")
                 .arg(key,
                      QString::fromUtf8(QJsonDocument(QJsonObject{{key, fromCase.value(key)}})
                                            .toJson(QJsonDocument::Compact)),
                      QString::fromUtf8(QJsonDocument(QJsonObject{{key, fromRows.value(key)}})
                                            .toJson(QJsonDocument::Compact)));
    }
  }
}

void compareLesionTable(const records::ReadContent& read, QStringList& out) {
  if (read.marksJson.trimmed().isEmpty()) {
    return;
  }
  const QJsonDocument saved = QJsonDocument::fromJson(read.marksJson.toUtf8());
  if (!saved.isObject()) {
    out << "its workstation marks (marks_json) are not a JSON object";
    return;
  }
  const QJsonObject marks = saved.object();
  if (!marks.contains("lesions")) {
    return;  // marks of the MIBG scoring only: no lesion table
  }
  std::map<QString, const records::LesionMeasurement*> rows;
  for (const records::LesionMeasurement& l : read.lesions) {
    rows[l.trackingId] = &l;
  }
  for (const QJsonValue& v : marks.value("lesions").toArray()) {
    const QJsonObject t = v.toObject();
    const QString id = t.value("trackingId").toString();
    const QString status = t.value("status").toString();
    const auto row = rows.find(id);
    if (status == "pending") {
      if (row != rows.end()) {
        out << "lesion " + id + " is still to measure in the lesion table but has a row";
        rows.erase(row);
      }
      continue;
    }
    if (row == rows.end()) {
      out << "lesion " + id + " (" + status + ") is in the lesion table but has no row";
      continue;
    }
    const records::LesionMeasurement& l = *row->second;
    const auto differs = [&](const QString& what, bool table, bool stored) {
      if (table != stored) {
        out << QString("lesion %1: %2 is %3 in the lesion table but %4 in its row")
                   .arg(id, what, table ? "yes" : "no", stored ? "yes" : "no");
      }
    };
    differs("not evaluable", status == "not-measurable", l.notEvaluable);
    differs("primary", t.value("isPrimary").toBool(), l.isPrimary);
    differs("lymph node", t.value("isLymphNode").toBool(), l.isLymphNode);
    differs("target", t.value("isTarget").toBool() && !l.isPrimary, l.role == "target");
    differs("MIBG-avid", t.value("mibgAvid").toBool(), l.mibgAvid);
    differs("FDG-avid", t.value("fdgAvid").toBool(), l.fdgAvid);
    differs("new", t.value("isNew").toBool(), l.isNew);
    if (t.value("site").toString() != l.organ) {
      out << QString("lesion %1: its site is '%2' in the lesion table but '%3' in its row")
                 .arg(id, t.value("site").toString(), l.organ);
    }
    if (status == "resolved" && l.longAxisMm != 0.0) {
      out << QString("lesion %1 is resolved in the lesion table but %2 mm in its row")
                 .arg(id)
                 .arg(l.longAxisMm);
    }
    rows.erase(row);
  }
  for (const auto& [id, row] : rows) {
    out << "lesion " + id + " has a row but is not in the lesion table";
  }
}

}  // namespace

QStringList readDisagreements(const records::ReadContent& read) {
  QStringList out;
  compareLegacyCase(read, out);
  compareLesionTable(read, out);
  return out;
}

QString ReadCheck::describe() const {
  return QString("read %1 (subject %2, timepoint %3, %4 version %5): %6")
      .arg(readId)
      .arg(studyId, timepointLabel, readerUserName)
      .arg(version)
      .arg(disagreements.join("; "));
}

std::vector<ReadCheck> checkStoredReads(records::RecordDatabase& db) {
  std::vector<ReadCheck> out;
  for (const records::StoredRead& r : records::storedReads(db)) {
    out.push_back({r.id, r.studyId, r.timepointLabel, r.readerUserName, r.version,
                   readDisagreements(r.content)});
  }
  return out;
}

}  // namespace nbra::workflow
