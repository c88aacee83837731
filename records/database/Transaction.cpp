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

}  // namespace nbra::records
