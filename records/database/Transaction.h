#pragma once

#include "records/database/RecordDatabase.h"

namespace nbra::records {

// One user action = one transaction. Rolls back unless commit() is reached, so an exception
// anywhere in an action leaves nothing half-written (and no audit entry without its change).
// On SQLite it takes the write lock up front (BEGIN IMMEDIATE): a reader that later tried to
// write could otherwise fail halfway with SQLITE_BUSY.
class Transaction {
 public:
  explicit Transaction(RecordDatabase& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  RecordDatabase& db_;
  bool open_ = false;
};

// A read-only snapshot: every query until it ends sees the same committed state, whatever other
// sessions commit meanwhile (SQLite: a deferred transaction in WAL mode, whose snapshot starts at
// the first read; PostgreSQL: REPEATABLE READ READ ONLY). Ends (without writing) on destruction.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(RecordDatabase& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  RecordDatabase& db_;
};

}  // namespace nbra::records
