#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QSqlQuery>

#include <fstream>

#include "records/database/RecordDatabase.h"
#include "tests/support/SyntheticDicom.h"

namespace nbra::records {
namespace {

QString pathIn(const nbra::testing::TempFolder& folder, const char* name) {
  return QString::fromStdString((folder.path() / name).string());
}

TEST(RecordDatabase, CreatesAndStampsANewRecord) {
  nbra::testing::TempFolder tmp;
  {
    RecordDatabase record(pathIn(tmp, "trial.sqlite"));
    EXPECT_EQ(record.schemaVersion(), RecordDatabase::kSchemaVersion);
  }
  RecordDatabase reopened(pathIn(tmp, "trial.sqlite"));
  EXPECT_EQ(reopened.schemaVersion(), RecordDatabase::kSchemaVersion);
}

TEST(RecordDatabase, RefusesARecordFromANewerVersionByName) {
  nbra::testing::TempFolder tmp;
  {
    RecordDatabase record(pathIn(tmp, "trial.sqlite"));
    QSqlQuery(record.connection())
        .exec("UPDATE record_meta SET value = '999' WHERE key = 'schema_version'");
  }
  try {
    RecordDatabase record(pathIn(tmp, "trial.sqlite"));
    FAIL() << "a newer record must not be opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("trial.sqlite"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST(RecordDatabase, RefusesAFileThatIsNotADatabase) {
  nbra::testing::TempFolder tmp;
  std::ofstream(tmp.path() / "trial.sqlite") << "plain text, certainly not SQLite, long enough";
  EXPECT_THROW(RecordDatabase(pathIn(tmp, "trial.sqlite")), std::runtime_error);
}

}  // namespace
}  // namespace nbra::records
