#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "records/database/RecordDatabase.h"

namespace nbra::records {

// One forward step of the schema: the statements that take a record from version `to - 1` to
// `to`. Statements are written once for both backends; {PK}, {REAL} and {BIGINT} are replaced by
// the dialect's spelling. Migrations are only ever appended, never edited once released.
struct Migration {
  int to = 0;
  QStringList statements;
  QStringList sqliteStatements;    // run after `statements` on SQLite only
  QStringList postgresStatements;  // run after `statements` on PostgreSQL only
};

const std::vector<Migration>& migrations();

// The statement with the dialect placeholders filled in for `backend`.
QString dialect(const QString& statement, Backend backend);

}  // namespace nbra::records
