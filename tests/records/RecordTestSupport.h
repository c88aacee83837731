#pragma once

// Shared by the trial-record tests: a fresh record on the backend chosen by the environment
// (NBRA_TEST_RECORD_BACKEND=postgres:<pg_cluster.sh state file>, or SQLite by default), and a cast
// of users.

#include <QString>
#include <QTemporaryDir>
#include <memory>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/records/ProtocolPreparation.h"

namespace nbra::records::testing {

inline constexpr const char* kPassword = "correct horse 7";

bool usingPostgres();

// A new, empty record location: an SQLite file in `dir`, or a new database on the test cluster.
// Fails the test (throws) when PostgreSQL was asked for but is not there.
QString freshLocation(const QTemporaryDir& dir);

// An open record with users admin, coord, inv, reader1 and reader2 (readers), and adj and adj2
// (adjudicators), all with password kPassword.
struct TestTrial {
  QTemporaryDir dir;
  QString location;
  std::unique_ptr<RecordDatabase> db;
  std::unique_ptr<TrialRecord> record;

  TestTrial();
  void as(const QString& user) { record->signIn(user, kPassword); }
  // A subject NB-001 with weights, a signed imaging eligibility and eligibility checklist,
  // enrolment, three injections (each after its chemotherapy course, from a thawed lot) and a
  // baseline and a follow-up timepoint. Leaves the coordinator signed in.
  void populate();
  // populate()'s signed eligibility confirmation (enrolment and injection 1 need one); correct
  // it, not add.
  qint64 screeningEligibility = 0;
  // What enrolment needs, then enrolment (docs/protocol.md): the investigator confirms imaging
  // eligibility ("eligible at screening"), the coordinator answers the checklist so that every
  // criterion passes (dated 5 days before `enrolled`), the investigator signs it judged on
  // `enrolled`, the coordinator enrols. Returns the eligibility decision's id; leaves the
  // coordinator signed in.
  qint64 enrolEligible(const QString& studyId, const QDate& enrolled,
                       const QString& site = "Site 01");
};

// Today's date in UTC: an extra-dose approval is signed now, and injection 4 cannot predate it.
QDate todayUtc();

// A reading of the example subject (scoring/schema/examples/responder.json), baseline or
// follow-up, in the form the record stores.
ReadContent baselineRead();
ReadContent followUpRead();

// Drops the database's append-only guard of audit_log, as a forger would before editing it.
void dropAuditGuard(RecordDatabase& db);

// The number of audit entries.
qint64 auditCount(RecordDatabase& db);
// The number of audit entries other than sign-in attempts (schema 12: every sign-in writes
// one): what the actions wrote, for a test that signs in between its two counts.
qint64 auditCountWithoutSignIns(RecordDatabase& db);

}  // namespace nbra::records::testing
