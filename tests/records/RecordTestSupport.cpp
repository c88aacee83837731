#include "tests/records/RecordTestSupport.h"

#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <cstdint>
#include <stdexcept>
#include <utility>

namespace nbra::records::testing {

bool usingPostgres() {
  const QString backend = qEnvironmentVariable("NBRA_TEST_RECORD_BACKEND");
  if (backend.isEmpty() || backend == "sqlite") {
    return false;
  }
  if (backend.startsWith("postgres:")) {
    return true;
  }
  throw std::runtime_error("NBRA_TEST_RECORD_BACKEND='" + backend.toStdString() +
                           "': expected sqlite or postgres:STATE_FILE");
}

namespace {

QString clusterUrl() {
  // One variable, "postgres:STATE_FILE": CTest test properties cannot carry a list reliably.
  const QString stateFile = qEnvironmentVariable("NBRA_TEST_RECORD_BACKEND").section(':', 1);
  QFile f(stateFile);
  if (stateFile.isEmpty() || !f.open(QIODevice::ReadOnly)) {
    throw std::runtime_error("PostgreSQL tests: no cluster state file '" + stateFile.toStdString() +
                             "' (the pg_cluster_start fixture did not run or failed)");
  }
  for (const QByteArray& line : f.readAll().split('\n')) {
    if (line.startsWith("PGURL=")) {
      return QString::fromUtf8(line.mid(6));
    }
  }
  throw std::runtime_error("PostgreSQL tests: the cluster state file has no URL");
}

}  // namespace

QString freshLocation(const QTemporaryDir& dir) {
  if (!usingPostgres()) {
    return dir.filePath("trial.sqlite");
  }
  QUrl url(clusterUrl());
  const QString name = "nbra_" + QUuid::createUuid().toString(QUuid::Id128);
  {
    QSqlDatabase admin = QSqlDatabase::addDatabase("QPSQL", name);
    admin.setHostName(url.host());
    admin.setPort(url.port());
    admin.setUserName(url.userName());
    admin.setDatabaseName("postgres");
    if (!admin.open() || !QSqlQuery(admin).exec("CREATE DATABASE " + name)) {
      throw std::runtime_error("PostgreSQL tests: cannot create a database: " +
                               admin.lastError().text().toStdString());
    }
    admin.close();
  }
  QSqlDatabase::removeDatabase(name);
  url.setPath("/" + name);
  return url.toString();
}

TestTrial::TestTrial() {
  if (!dir.isValid()) {
    throw std::runtime_error("cannot create a temporary folder");
  }
  location = freshLocation(dir);
  db = std::make_unique<RecordDatabase>(location);
  record = std::make_unique<TrialRecord>(*db, HashCost::Minimal);
  record->bootstrapAdministrator("admin", "Ada Admin", kPassword);
  record->createUser("coord", "Cora Coordinator", Role::Coordinator, kPassword);
  record->createUser("inv", "Ivan Investigator", Role::Investigator, kPassword);
  record->createUser("reader1", "Dr Rita Reader", Role::Reader, kPassword);
  record->createUser("reader2", "Dr Nils Nuclear", Role::Reader, kPassword);
  record->createUser("adj", "Dr Ada Adjudicator", Role::Adjudicator, kPassword);
  record->createUser("adj2", "Dr Otto Other", Role::Adjudicator, kPassword);
}

void TestTrial::populate() {
  as("coord");
  record->createSubject({"NB-001", "F", QDate(2019, 7, 1), std::nullopt});
  record->recordBodyMeasurement("NB-001", QDate(2026, 1, 10), 18.4, 110.0);
  record->recordBodyMeasurement("NB-001", QDate(2026, 1, 20), 18.2, std::nullopt);
  record->recordBodyMeasurement("NB-001", QDate(2026, 2, 10), 18.0, std::nullopt);
  record->recordBodyMeasurement("NB-001", QDate(2026, 3, 3), 17.9, std::nullopt);
  screeningEligibility = enrolEligible("NB-001", QDate(2026, 1, 15));
  const std::pair<QDate, std::int64_t> injections[] = {{QDate(2026, 1, 20), 91'000'000},
                                                       {QDate(2026, 2, 10), 90'000'000},
                                                       {QDate(2026, 3, 3), 89'500'000}};
  int number = 1;
  for (const auto& [given, cells] : injections) {
    prepareInjection(*record, "NB-001", number, given, cells);
    record->recordInjection("NB-001", number++, given, cells);
  }
  record->addTimepoint("NB-001", "baseline", "baseline", QDate(2026, 1, 12),
                       {"1.2.826.0.1.3680043.8.498.1"});
  record->addTimepoint("NB-001", "after injection 3", "follow-up", QDate(2026, 3, 30),
                       {"1.2.826.0.1.3680043.8.498.2", "1.2.826.0.1.3680043.8.498.3"});
}

qint64 TestTrial::enrolEligible(const QString& studyId, const QDate& enrolled,
                                const QString& site) {
  as("inv");
  const qint64 decision =
      record->confirmEligibility(studyId, true, "eligible at screening", kPassword);
  as("coord");
  answerPassingChecklist(*record, studyId, enrolled.addDays(-5));
  as("inv");
  record->signChecklist(studyId, enrolled, kChecklistSignReason, kPassword);
  as("coord");
  record->enrol(studyId, enrolled, site);
  return decision;
}

QDate todayUtc() {
  return QDateTime::currentDateTimeUtc().date();
}

namespace {

LesionMeasurement lesion(const char* id, const char* organ, bool primary, bool node, double la,
                         double sa, bool mibg) {
  LesionMeasurement l;
  l.trackingId = id;
  l.organ = organ;
  l.isPrimary = primary;
  l.isLymphNode = node;
  l.role = primary ? "non-target" : "target";
  l.longAxisMm = la;
  l.shortAxisMm = sa;
  l.sliceThicknessMm = 3.0;
  l.mibgAvid = mibg;
  return l;
}

}  // namespace

ReadContent baselineRead() {
  ReadContent c;
  c.ctDone = true;
  c.lesions = {lesion("P1", "left adrenal", true, false, 52.0, 38.0, true),
               lesion("L1", "liver", false, false, 31.0, 22.0, true),
               lesion("N1", "retroperitoneal node", false, true, 27.0, 19.0, true)};
  c.lesions[1].sopInstanceUid = "1.2.826.0.1.3680043.8.498.1.5.77";
  c.lesions[1].frame = 1;
  c.lesions[1].startMm = std::array<double, 3>{-40.5, 12.25, 101.0};
  c.lesions[1].endMm = std::array<double, 3>{-9.5, 12.25, 101.0};
  const int siopen[12] = {1, 2, 4, 4, 0, 0, 0, 0, 2, 0, 2, 0};
  for (int i = 0; i < 12; ++i) {
    c.mibg.push_back({"siopen", i, siopen[i], std::nullopt, false, 0});
  }
  c.mibg.push_back({"curie", 0, std::nullopt, 1, false, 0});
  c.mibgNewBoneSites = 0;
  c.marrow = {{"aspirate", 12.0, true}, {"biopsy", 15.0, true}};
  return c;
}

ReadContent followUpRead() {
  ReadContent c;
  c.ctDone = true;
  c.lesions = {lesion("P1", "left adrenal", true, false, 33.0, 25.0, true),
               lesion("L1", "liver", false, false, 14.0, 10.0, false),
               lesion("N1", "retroperitoneal node", false, true, 16.0, 11.0, true)};
  c.pet = PetFinding{2, 0, false};
  c.marrow = {{"aspirate", 0.0, false}, {"biopsy", 0.0, false}};
  return c;
}

void dropAuditGuard(RecordDatabase& db) {
  if (db.backend() == Backend::Sqlite) {
    db.run("DROP TRIGGER audit_log_no_update");
    db.run("DROP TRIGGER audit_log_no_delete");
  } else {
    db.run("DROP TRIGGER audit_log_append_only ON audit_log");
  }
}

qint64 auditCount(RecordDatabase& db) {
  QSqlQuery q = db.run("SELECT COUNT(*) FROM audit_log");
  return q.next() ? q.value(0).toLongLong() : -1;
}

qint64 auditCountWithoutSignIns(RecordDatabase& db) {
  QSqlQuery q = db.run("SELECT COUNT(*) FROM audit_log WHERE table_name <> 'sign_in_attempts'");
  return q.next() ? q.value(0).toLongLong() : -1;
}

}  // namespace nbra::records::testing
