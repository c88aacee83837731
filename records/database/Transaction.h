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

}  // namespace nbra::records
