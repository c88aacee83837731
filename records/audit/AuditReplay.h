#pragma once

#include <QString>
#include <vector>

#include "records/audit/AuditTrail.h"
#include "records/database/RecordDatabase.h"

namespace nbra::records {

// The chain proves that the trail was not edited; it says nothing about the rows themselves.
// Every row NBRA writes goes through AuditedWriter, so replaying the trail's inserts, updates and
// deletes (and password changes) gives each row's expected current values. A row that differs,
// that has no entry, or that the trail has but the record lacks, was changed outside NBRA.
struct RowMismatch {
  QString table;
  qint64 id = 0;
  QString message;  // "users #3: role is 'administrator' in the record but 'reader' by the trail"
};

struct RowCheck {
  qint64 rowsChecked = 0;
  // Rows whose password hash cannot be checked: created and never re-set since the trail began
  // keeping a hash's fingerprint (schema 7). They are checked in every other column.
  qint64 hashesUnchecked = 0;
  std::vector<RowMismatch> mismatches;  // in table order, then by id
};

// The tables whose rows are re-derived: every table NBRA writes through AuditedWriter.
const std::vector<QString>& replayedTables();

// Compares the current rows with the replay of `entries` (the whole, verified chain, in order).
// Reads only; run it inside the same read snapshot as the chain walk.
RowCheck checkRowsAgainstTrail(RecordDatabase& db, const std::vector<AuditEntry>& entries);

}  // namespace nbra::records
