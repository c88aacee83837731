#include "records/audit/AuditReplay.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <cmath>
#include <map>

namespace nbra::records {
namespace {

using Rows = std::map<qint64, QJsonObject>;

QJsonObject parsed(const QString& json) {
  return QJsonDocument::fromJson(json.toUtf8()).object();
}

void merge(QJsonObject& row, const QJsonObject& changes) {
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    row.insert(it.key(), it.value());
  }
}

// Does the stored value `v` equal the trail's `j`? The trail holds what NBRA bound (JSON), the
// record what the backend gives back: numbers may come back as text from a TEXT column, and
// booleans are 0/1 on both backends.
bool sameValue(const QJsonValue& j, const QVariant& v) {
  if (j.isNull() || j.isUndefined()) {
    return v.isNull();
  }
  if (v.isNull()) {
    return false;
  }
  if (j.isDouble()) {
    bool ok = false;
    const double stored = v.toDouble(&ok);
    const double expected = j.toDouble();
    return ok && std::abs(stored - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
  }
  if (j.isBool()) {
    return v.toInt() == (j.toBool() ? 1 : 0);
  }
  return v.toString() == j.toString();
}

QString shown(const QVariant& v) {
  return v.isNull() ? QString("null") : "'" + v.toString() + "'";
}

QString shown(const QJsonValue& j) {
  if (j.isNull() || j.isUndefined()) {
    return "null";
  }
  if (j.isDouble()) {
    return QString::number(j.toDouble(), 'g', 15);
  }
  if (j.isBool()) {
    return j.toBool() ? "1" : "0";
  }
  return "'" + j.toString() + "'";
}

}  // namespace

const std::vector<QString>& replayedTables() {
  static const std::vector<QString> tables{"users",
                                           "subjects",
                                           "body_measurements",
                                           "enrolments",
                                           "injections",
                                           "timepoints",
                                           "timepoint_studies",
                                           "reads",
                                           "lesion_measurements",
                                           "mibg_segments",
                                           "pet_findings",
                                           "marrow_results",
                                           "assessments",
                                           "eligibility_confirmations",
                                           "extra_dose_decisions",
                                           "signatures",
                                           "allocation_lists",
                                           "allocation_slots",
                                           "subject_arms",
                                           "unmaskings",
                                           "checklist_answers",
                                           "checklist_signoffs",
                                           "chemotherapy_courses",
                                           "product_lots",
                                           "thaw_checks",
                                           "reading_designs",
                                           "read_assignments",
                                           "read_comparisons",
                                           "adjudications",
                                           "sign_in_attempts",
                                           "account_unlocks"};
  return tables;
}

RowCheck checkRowsAgainstTrail(RecordDatabase& db, const std::vector<AuditEntry>& entries) {
  std::map<QString, Rows> expected;
  for (const QString& t : replayedTables()) {
    expected[t];
  }
  for (const AuditEntry& e : entries) {
    const auto table = expected.find(e.tableName);
    bool numeric = false;
    const qint64 id = e.recordId.toLongLong(&numeric);
    if (table == expected.end() || !numeric) {
      continue;  // notes about events, not rows (refused sign-ins name the user, not an id)
    }
    if (e.action == "insert") {
      table->second[id] = parsed(e.newValues);
    } else if (e.action == "update" || e.action == "password changed") {
      merge(table->second[id], parsed(e.newValues));
    } else if (e.action == "delete") {
      table->second.erase(id);
    }
  }
  RowCheck check;
  for (const QString& table : replayedTables()) {
    Rows& rows = expected[table];
    QSqlQuery q = db.run("SELECT * FROM " + table + " ORDER BY id");
    while (q.next()) {
      const QSqlRecord r = q.record();
      const qint64 id = r.value("id").toLongLong();
      ++check.rowsChecked;
      const auto it = rows.find(id);
      const QString name = QString("%1 #%2").arg(table).arg(id);
      if (it == rows.end()) {
        check.mismatches.push_back(
            {table, id, name + " has no audit entry: it was written outside NBRA"});
        continue;
      }
      const QJsonObject want = it->second;
      rows.erase(it);
      for (int i = 0; i < r.count(); ++i) {
        const QString column = r.fieldName(i);
        if (column == "id") {
          continue;
        }
        const QVariant value = r.value(i);
        if (column == "password_hash") {
          // The trail keeps the hash's fingerprint, never the hash (schema 7 on); older entries
          // hold a placeholder, which cannot be checked.
          const QString fingerprint = want.value(column).toString();
          if (!fingerprint.startsWith(kPasswordFingerprintPrefix)) {
            ++check.hashesUnchecked;
          } else if (passwordFingerprint(value.toString()) != fingerprint) {
            check.mismatches.push_back(
                {table, id,
                 name + ": the password hash is not the one the trail last recorded for it "
                        "(changed outside NBRA)"});
          }
          continue;
        }
        // A column the trail never named (added by a later schema) must still be empty.
        const QJsonValue w = want.value(column);
        if (!sameValue(w, value)) {
          check.mismatches.push_back({table, id,
                                      QString("%1: %2 is %3 in the record but %4 by the trail")
                                          .arg(name, column, shown(value), shown(w))});
        }
      }
    }
    for (const auto& [id, row] : rows) {
      check.mismatches.push_back(
          {table, id,
           QString("%1 #%2 is in the audit trail but not in the record: it was deleted outside "
                   "NBRA")
               .arg(table)
               .arg(id)});
    }
  }
  return check;
}

}  // namespace nbra::records
