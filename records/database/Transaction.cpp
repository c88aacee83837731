#include "records/database/Transaction.h"

#include <QSqlError>

namespace nbra::records {

Transaction::Transaction(RecordDatabase& db) : db_(db) {
  db_.run(db_.backend() == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  open_ = true;
}

Transaction::~Transaction() {
  if (open_) {
    QSqlQuery q(db_.connection());
    q.exec("ROLLBACK");  // nothing to report from a destructor: the action already failed
  }
}

void Transaction::commit() {
  db_.run("COMMIT");
  open_ = false;
}

ReadSnapshot::ReadSnapshot(RecordDatabase& db) : db_(db) {
  db_.run(db_.backend() == Backend::Sqlite ? "BEGIN DEFERRED"
                                           : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

ReadSnapshot::~ReadSnapshot() {
  QSqlQuery q(db_.connection());
  q.exec("ROLLBACK");  // nothing was written; ending the snapshot cannot lose anything
}

}  // namespace nbra::records
