#include "records/schema/Migrations.h"

namespace nbra::records {
namespace {

// Version 1 was the foundation's stamp only (record_meta, created at open). Version 2 is the
// whole trial record. Booleans are INTEGER 0/1 on both backends so that the audit trail stores
// the same text for the same value everywhere. Dates are ISO text (yyyy-MM-dd), times ISO UTC.
Migration version2() {
  return {2,
          {
              R"(CREATE TABLE users(
  id {PK}, user_name TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, role TEXT NOT NULL,
  password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_utc TEXT NOT NULL))",
              R"(CREATE TABLE subjects(
  id {PK}, study_id TEXT NOT NULL UNIQUE, sex TEXT NOT NULL, birth_date TEXT,
  age_years {REAL}, created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id)))",
              R"(CREATE TABLE body_measurements(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), measured_date TEXT NOT NULL,
  weight_kg {REAL} NOT NULL, height_cm {REAL}, recorded_utc TEXT NOT NULL,
  recorded_by {BIGINT} NOT NULL REFERENCES users(id), UNIQUE(subject_id, measured_date)))",
              R"(CREATE TABLE enrolments(
  id {PK}, subject_id {BIGINT} NOT NULL UNIQUE REFERENCES subjects(id), enrolled_date TEXT NOT NULL,
  site TEXT NOT NULL, recorded_utc TEXT NOT NULL,
  recorded_by {BIGINT} NOT NULL REFERENCES users(id)))",
              R"(CREATE TABLE injections(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), number INTEGER NOT NULL,
  given_date TEXT NOT NULL, weight_kg {REAL} NOT NULL, dose_cells {BIGINT} NOT NULL,
  cells_given {BIGINT} NOT NULL, recorded_utc TEXT NOT NULL,
  recorded_by {BIGINT} NOT NULL REFERENCES users(id), UNIQUE(subject_id, number)))",
              R"(CREATE TABLE timepoints(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), label TEXT NOT NULL,
  kind TEXT NOT NULL, scan_date TEXT NOT NULL, created_utc TEXT NOT NULL,
  created_by {BIGINT} NOT NULL REFERENCES users(id), UNIQUE(subject_id, label)))",
              R"(CREATE TABLE timepoint_studies(
  id {PK}, timepoint_id {BIGINT} NOT NULL REFERENCES timepoints(id),
  study_instance_uid TEXT NOT NULL, UNIQUE(timepoint_id, study_instance_uid)))",
              // A read is one reader's reading of one timepoint. Versions: a correction of a
              // signed read is a new row with supersedes_id and a reason; the signed row stays.
              R"(CREATE TABLE reads(
  id {PK}, timepoint_id {BIGINT} NOT NULL REFERENCES timepoints(id),
  reader_id {BIGINT} NOT NULL REFERENCES users(id), version INTEGER NOT NULL,
  supersedes_id {BIGINT} REFERENCES reads(id), correction_reason TEXT, status TEXT NOT NULL,
  ct_done INTEGER NOT NULL, mibg_new_bone_sites INTEGER, source_json TEXT NOT NULL,
  created_utc TEXT NOT NULL, updated_utc TEXT NOT NULL, UNIQUE(timepoint_id, reader_id, version)))",
              R"(CREATE TABLE lesion_measurements(
  id {PK}, read_id {BIGINT} NOT NULL REFERENCES reads(id), tracking_id TEXT NOT NULL,
  organ TEXT NOT NULL, is_primary INTEGER NOT NULL, is_lymph_node INTEGER NOT NULL,
  role TEXT NOT NULL, long_axis_mm {REAL} NOT NULL, short_axis_mm {REAL},
  slice_thickness_mm {REAL} NOT NULL, mibg_avid INTEGER NOT NULL, fdg_avid INTEGER NOT NULL,
  is_new INTEGER NOT NULL, sop_instance_uid TEXT, frame INTEGER,
  start_x_mm {REAL}, start_y_mm {REAL}, start_z_mm {REAL},
  end_x_mm {REAL}, end_y_mm {REAL}, end_z_mm {REAL}, UNIQUE(read_id, tracking_id)))",
              R"(CREATE TABLE mibg_segments(
  id {PK}, read_id {BIGINT} NOT NULL REFERENCES reads(id), scale TEXT NOT NULL,
  segment INTEGER NOT NULL, score INTEGER, marks INTEGER, diffuse INTEGER NOT NULL,
  primary_marks INTEGER NOT NULL, UNIQUE(read_id, scale, segment)))",
              R"(CREATE TABLE pet_findings(
  id {PK}, read_id {BIGINT} NOT NULL UNIQUE REFERENCES reads(id),
  avid_bone_lesions INTEGER NOT NULL, new_avid_bone_lesions INTEGER NOT NULL,
  new_lesions_confirmed INTEGER NOT NULL))",
              R"(CREATE TABLE marrow_results(
  id {PK}, read_id {BIGINT} NOT NULL REFERENCES reads(id), sample_number INTEGER NOT NULL,
  kind TEXT NOT NULL, infiltration_percent {REAL} NOT NULL,
  pathology_confirmed INTEGER NOT NULL, UNIQUE(read_id, sample_number)))",
              R"(CREATE TABLE assessments(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id),
  timepoint_id {BIGINT} NOT NULL REFERENCES timepoints(id), rule_set_version TEXT NOT NULL,
  overall_response TEXT, eligible INTEGER NOT NULL, extra_doses TEXT NOT NULL,
  read_ids TEXT NOT NULL, output_json TEXT NOT NULL, created_utc TEXT NOT NULL,
  created_by {BIGINT} NOT NULL REFERENCES users(id)))",
              R"(CREATE TABLE eligibility_confirmations(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), eligible INTEGER NOT NULL,
  assessment_id {BIGINT} REFERENCES assessments(id), reason TEXT NOT NULL,
  supersedes_id {BIGINT} REFERENCES eligibility_confirmations(id), created_utc TEXT NOT NULL,
  created_by {BIGINT} NOT NULL REFERENCES users(id)))",
              R"(CREATE TABLE extra_dose_decisions(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), approved INTEGER NOT NULL,
  assessment_id {BIGINT} REFERENCES assessments(id), reason TEXT NOT NULL,
  supersedes_id {BIGINT} REFERENCES extra_dose_decisions(id), created_utc TEXT NOT NULL,
  created_by {BIGINT} NOT NULL REFERENCES users(id)))",
              R"(CREATE TABLE signatures(
  id {PK}, table_name TEXT NOT NULL, record_id {BIGINT} NOT NULL,
  signer_id {BIGINT} NOT NULL REFERENCES users(id), signer_name TEXT NOT NULL,
  meaning TEXT NOT NULL, signed_utc TEXT NOT NULL, UNIQUE(table_name, record_id)))",
              // The audit trail. seq is assigned by the writer (head + 1) inside the
              // transaction, so a gap means a deleted entry.
              R"(CREATE TABLE audit_log(
  seq {BIGINT} PRIMARY KEY, at_utc TEXT NOT NULL, user_name TEXT NOT NULL, action TEXT NOT NULL,
  table_name TEXT NOT NULL, record_id TEXT NOT NULL, old_values TEXT NOT NULL,
  new_values TEXT NOT NULL, reason TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL))",
              "CREATE INDEX reads_by_timepoint ON reads(timepoint_id, reader_id)",
              "CREATE INDEX lesions_by_read ON lesion_measurements(read_id)",
              "CREATE INDEX assessments_by_subject ON assessments(subject_id, timepoint_id)",
          },
          {},
          {}};
}

// Version 3: the database itself refuses to change what must never change, so that a bug in
// NBRA or a stray SQL session cannot rewrite history without first dropping these guards (which
// the audit chain still detects afterwards). Append-only: the audit trail, signatures,
// assessments and decisions. Signed reads: no update, no delete.
const char* const kAppendOnly[] = {"audit_log", "signatures", "assessments",
                                   "eligibility_confirmations", "extra_dose_decisions"};
const char* const kReadContent[] = {"lesion_measurements", "mibg_segments", "pet_findings",
                                    "marrow_results"};

Migration version3() {
  Migration m{3, {}, {}, {}};
  for (const char* table : kAppendOnly) {
    for (const char* op : {"UPDATE", "DELETE"}) {
      m.sqliteStatements << QString(
                                "CREATE TRIGGER %1_no_%2 BEFORE %3 ON %1 BEGIN SELECT "
                                "RAISE(ABORT, 'the %1 table is append-only'); END")
                                .arg(table, QString(op).toLower(), op);
    }
  }
  for (const char* op : {"UPDATE", "DELETE"}) {
    m.sqliteStatements << QString(
                              "CREATE TRIGGER reads_signed_no_%1 BEFORE %2 ON reads WHEN "
                              "OLD.status = 'signed' BEGIN SELECT RAISE(ABORT, 'a signed "
                              "read never changes; correct it with a new version'); END")
                              .arg(QString(op).toLower(), op);
  }
  // A signed read's content (lesions, MIBG segments, PET, marrow) is as fixed as the read.
  for (const char* table : kReadContent) {
    for (const char* op : {"INSERT", "UPDATE", "DELETE"}) {
      m.sqliteStatements << QString(
                                "CREATE TRIGGER %1_signed_no_%2 BEFORE %3 ON %1 WHEN (SELECT "
                                "status FROM reads WHERE id = %4.read_id) = 'signed' BEGIN "
                                "SELECT RAISE(ABORT, 'a signed read never changes; correct "
                                "it with a new version'); END")
                                .arg(table, QString(op).toLower(), op,
                                     QString(op) == "INSERT" ? "NEW" : "OLD");
    }
  }
  m.postgresStatements << R"(CREATE FUNCTION nbra_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the % table is append-only', TG_TABLE_NAME;
END $$ LANGUAGE plpgsql)"
                       << R"(CREATE FUNCTION nbra_signed_read_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'a signed read never changes; correct it with a new version';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql)";
  m.postgresStatements << R"(CREATE FUNCTION nbra_signed_read_content() RETURNS trigger AS $$
DECLARE
  rid BIGINT;
BEGIN
  IF TG_OP = 'INSERT' THEN rid := NEW.read_id; ELSE rid := OLD.read_id; END IF;
  IF (SELECT status FROM reads WHERE id = rid) = 'signed' THEN
    RAISE EXCEPTION 'a signed read never changes; correct it with a new version';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql)";
  for (const char* table : kReadContent) {
    m.postgresStatements << QString(
                                "CREATE TRIGGER %1_signed_immutable BEFORE INSERT OR UPDATE OR "
                                "DELETE ON %1 FOR EACH ROW EXECUTE FUNCTION "
                                "nbra_signed_read_content()")
                                .arg(table);
  }
  for (const char* table : kAppendOnly) {
    m.postgresStatements << QString(
                                "CREATE TRIGGER %1_append_only BEFORE UPDATE OR DELETE ON %1 "
                                "FOR EACH ROW EXECUTE FUNCTION nbra_append_only()")
                                .arg(table);
  }
  m.postgresStatements << "CREATE TRIGGER reads_signed_immutable BEFORE UPDATE OR DELETE ON reads "
                          "FOR EACH ROW EXECUTE FUNCTION nbra_signed_read_immutable()";
  return m;
}

// Version 4: version 3 checked only the row's old read, so a draft's rows could be re-pointed
// (UPDATE ... SET read_id) at a signed read, changing it without touching it. The content
// tables now also refuse an update whose new read is signed.
Migration version4() {
  Migration m{4, {}, {}, {}};
  for (const char* table : kReadContent) {
    m.sqliteStatements << QString(
                              "CREATE TRIGGER %1_signed_no_move_in BEFORE UPDATE ON %1 WHEN "
                              "(SELECT status FROM reads WHERE id = NEW.read_id) = 'signed' "
                              "BEGIN SELECT RAISE(ABORT, 'a signed read never changes; "
                              "correct it with a new version'); END")
                              .arg(table);
  }
  m.postgresStatements << R"(CREATE FUNCTION nbra_signed_read_target() RETURNS trigger AS $$
BEGIN
  IF (SELECT status FROM reads WHERE id = NEW.read_id) = 'signed' THEN
    RAISE EXCEPTION 'a signed read never changes; correct it with a new version';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql)";
  for (const char* table : kReadContent) {
    m.postgresStatements << QString(
                                "CREATE TRIGGER %1_signed_no_move_in BEFORE UPDATE ON %1 FOR "
                                "EACH ROW EXECUTE FUNCTION nbra_signed_read_target()")
                                .arg(table);
  }
  return m;
}

// Version 5: the subject's history is append-only too. The application only ever inserts into
// these tables (a wrong weight or injection is a new row, never an edit), so an UPDATE or DELETE
// can only be a bug or tampering. Not guarded: users (deactivation, password change), reads and
// their content (drafts are rewritten; signed ones are guarded since version 3), record_meta.
const char* const kSubjectHistory[] = {"subjects",   "enrolments", "body_measurements",
                                       "injections", "timepoints", "timepoint_studies"};

// The guards that make `tables` append-only on both backends, added to `m`. The statements are
// those version 5 first wrote (kept byte for byte: a released migration never changes).
template <std::size_t N>
void addAppendOnlyGuards(Migration& m, const char* const (&tables)[N]) {
  for (const char* table : tables) {
    for (const char* op : {"UPDATE", "DELETE"}) {
      m.sqliteStatements << QString(
                                "CREATE TRIGGER %1_no_%2 BEFORE %3 ON %1 BEGIN SELECT "
                                "RAISE(ABORT, 'the %1 table is append-only'); END")
                                .arg(table, QString(op).toLower(), op);
    }
    // nbra_append_only() is version 3's: it names the table in its refusal.
    m.postgresStatements << QString(
                                "CREATE TRIGGER %1_append_only BEFORE UPDATE OR DELETE ON %1 "
                                "FOR EACH ROW EXECUTE FUNCTION nbra_append_only()")
                                .arg(table);
  }
}

Migration version5() {
  Migration m{5, {}, {}, {}};
  addAppendOnlyGuards(m, kSubjectHistory);
  return m;
}

// Version 6: a read restores exactly what the reader drew. reads.marks_json holds the
// workstation's marks (points in mm, plane normal, source image, kind, flags) and lesion table;
// it is a column of reads, so the audit trail records it with the other columns and version 3's
// guards keep a signed read's marks fixed. lesion_measurements gets the short axis end points
// (DICOM SR exports both axes as SCOORDs).
Migration version6() {
  Migration m{6, {"ALTER TABLE reads ADD COLUMN marks_json TEXT"}, {}, {}};
  for (const char* end : {"start", "end"}) {
    for (const char* axis : {"x", "y", "z"}) {
      m.statements << QString("ALTER TABLE lesion_measurements ADD COLUMN short_%1_%2_mm {REAL}")
                          .arg(end, axis);
    }
  }
  return m;
}

// Version 7: accounts and decisions.
// - users: NBRA changes only `active` and `password_hash` (both audited; `audit verify`
//   re-derives them from the trail). Who an account is -- user name, full name (the name that
//   signs), role, creation time -- never changes, and an account is never deleted; the database
//   now refuses both, as it does for the rest of history since version 3.
// - decisions: one current decision per subject. The first decision of a subject has no
//   supersedes_id, every later one corrects exactly one earlier one, so the decisions of a
//   subject form one line. The application checked this in a read-then-insert, which two
//   PostgreSQL sessions (read committed) could both pass; these unique indexes make the second
//   insert fail instead, on both backends.
const char* const kDecisionTables[] = {"eligibility_confirmations", "extra_dose_decisions"};

Migration version7() {
  Migration m{7, {}, {}, {}};
  for (const char* table : kDecisionTables) {
    m.statements
        << QString(
               "CREATE UNIQUE INDEX %1_one_first ON %1(subject_id) WHERE "
               "supersedes_id IS NULL")
               .arg(table)
        << QString("CREATE UNIQUE INDEX %1_one_correction ON %1(supersedes_id)").arg(table);
  }
  m.sqliteStatements
      << "CREATE TRIGGER users_identity_fixed BEFORE UPDATE ON users WHEN NEW.id IS NOT OLD.id "
         "OR NEW.user_name IS NOT OLD.user_name OR NEW.full_name IS NOT OLD.full_name OR "
         "NEW.role IS NOT OLD.role OR NEW.created_utc IS NOT OLD.created_utc BEGIN SELECT "
         "RAISE(ABORT, 'an account''s user name, full name, role and creation time never "
         "change'); END"
      << "CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'an "
         "account is deactivated, never deleted'); END";
  m.postgresStatements << R"(CREATE FUNCTION nbra_user_identity_fixed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'an account is deactivated, never deleted';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.user_name IS DISTINCT FROM OLD.user_name
     OR NEW.full_name IS DISTINCT FROM OLD.full_name OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.created_utc IS DISTINCT FROM OLD.created_utc THEN
    RAISE EXCEPTION 'an account''s user name, full name, role and creation time never change';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql)"
                       << "CREATE TRIGGER users_identity_fixed BEFORE UPDATE OR DELETE ON users "
                          "FOR EACH ROW EXECUTE FUNCTION nbra_user_identity_fixed()";
  return m;
}

// Version 8: a read has one source of truth, its rows. lesion_measurements gains what the rules
// need and the rows lacked: not_evaluable (present but not measured: its lengths mean nothing)
// and biopsy_proven. Both are NULL in rows written before version 8: such rows are left as the
// audit trail wrote them (an UPDATE would break the row replay), and reads.source_json, which
// older versions filled with the case timepoint, stays as their witness. NBRA no longer writes
// source_json (an empty text from version 8 on); `audit verify` compares an older read's
// source_json with its rows and names the read when they disagree.
Migration version8() {
  return {8,
          {"ALTER TABLE lesion_measurements ADD COLUMN not_evaluable INTEGER",
           "ALTER TABLE lesion_measurements ADD COLUMN biopsy_proven INTEGER"},
          {},
          {}};
}

// Version 9: arms and masking (docs/results.md). subject_arms holds every arm a subject was given,
// a change being a new row that supersedes the last (a subject's arms form one line, as the
// decisions do since version 7); allocation_lists and allocation_slots are NBRA's own seeded list,
// a slot given at most once; unmaskings says who has seen the arms, since when and why. All four
// are append-only: what was allocated or seen is never rewritten.
const char* const kArmTables[] = {"allocation_lists", "allocation_slots", "subject_arms",
                                  "unmaskings"};

Migration version9() {
  Migration m{9,
              {R"(CREATE TABLE allocation_lists(
  id {PK}, seed TEXT NOT NULL, block_size INTEGER NOT NULL, length INTEGER NOT NULL,
  created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id)))",
               R"(CREATE TABLE allocation_slots(
  id {PK}, list_id {BIGINT} NOT NULL REFERENCES allocation_lists(id), seq INTEGER NOT NULL,
  arm TEXT NOT NULL, UNIQUE(list_id, seq)))",
               R"(CREATE TABLE subject_arms(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), arm TEXT NOT NULL,
  source TEXT NOT NULL, slot_id {BIGINT} UNIQUE REFERENCES allocation_slots(id),
  supersedes_id {BIGINT} UNIQUE REFERENCES subject_arms(id), reason TEXT NOT NULL,
  recorded_utc TEXT NOT NULL, recorded_by {BIGINT} NOT NULL REFERENCES users(id)))",
               R"(CREATE TABLE unmaskings(
  id {PK}, user_id {BIGINT} NOT NULL UNIQUE REFERENCES users(id), reason TEXT NOT NULL,
  created_utc TEXT NOT NULL))",
               // A subject's first arm has no supersedes_id: at most one such row per subject.
               "CREATE UNIQUE INDEX subject_arms_first ON subject_arms(subject_id) WHERE "
               "supersedes_id IS NULL"},
              {},
              {}};
  addAppendOnlyGuards(m, kArmTables);
  return m;
}

// Version 10: the trial around the images (docs/protocol.md). checklist_answers holds every answer
// of the eligibility checklist, a change being a new row that supersedes the last with a reason;
// checklist_signoffs the investigator's signed verdicts, each freezing the evaluation it signed
// and the answers it read; chemotherapy_courses the end date of each course (a correction is a
// new row); product_lots and thaw_checks the NK-cell product. injections gains the lot, the
// thaw check and the timing against the course it follows (NULL in rows written before 10).
// All new tables are append-only.
const char* const kProtocolTables[] = {"checklist_answers", "checklist_signoffs",
                                       "chemotherapy_courses", "product_lots", "thaw_checks"};

Migration version10() {
  Migration m{
      10,
      {R"(CREATE TABLE checklist_answers(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), item_key TEXT NOT NULL,
  answer_yes INTEGER, value {REAL}, unit TEXT NOT NULL, answered_date TEXT NOT NULL,
  source_document TEXT NOT NULL, supersedes_id {BIGINT} UNIQUE REFERENCES checklist_answers(id),
  reason TEXT NOT NULL, recorded_utc TEXT NOT NULL,
  recorded_by {BIGINT} NOT NULL REFERENCES users(id)))",
       R"(CREATE TABLE checklist_signoffs(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), eligible INTEGER NOT NULL,
  judged_date TEXT NOT NULL, reason TEXT NOT NULL, evaluation_json TEXT NOT NULL,
  answer_ids TEXT NOT NULL, imaging_decision_id {BIGINT} REFERENCES eligibility_confirmations(id),
  supersedes_id {BIGINT} UNIQUE REFERENCES checklist_signoffs(id), created_utc TEXT NOT NULL,
  created_by {BIGINT} NOT NULL REFERENCES users(id)))",
       R"(CREATE TABLE chemotherapy_courses(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), number INTEGER NOT NULL,
  end_date TEXT NOT NULL, supersedes_id {BIGINT} UNIQUE REFERENCES chemotherapy_courses(id),
  reason TEXT NOT NULL, recorded_utc TEXT NOT NULL,
  recorded_by {BIGINT} NOT NULL REFERENCES users(id)))",
       R"(CREATE TABLE product_lots(
  id {PK}, lot_code TEXT NOT NULL UNIQUE, donor_code TEXT NOT NULL, apheresis_date TEXT NOT NULL,
  separation_date TEXT NOT NULL, cryopreserved_date TEXT NOT NULL,
  storage_temperature_c {REAL} NOT NULL, sterility TEXT NOT NULL, viable_cells {BIGINT} NOT NULL,
  viability_percent {REAL} NOT NULL, purity_percent {REAL} NOT NULL,
  active_phenotype_percent {REAL} NOT NULL, recorded_utc TEXT NOT NULL,
  recorded_by {BIGINT} NOT NULL REFERENCES users(id)))",
       R"(CREATE TABLE thaw_checks(
  id {PK}, subject_id {BIGINT} NOT NULL REFERENCES subjects(id), injection_number INTEGER NOT NULL,
  lot_id {BIGINT} NOT NULL REFERENCES product_lots(id), thaw_date TEXT NOT NULL,
  viability_percent {REAL} NOT NULL, viable_cells {BIGINT} NOT NULL, sterility TEXT NOT NULL,
  recorded_utc TEXT NOT NULL, recorded_by {BIGINT} NOT NULL REFERENCES users(id)))",
       "ALTER TABLE injections ADD COLUMN lot_id {BIGINT} REFERENCES product_lots(id)",
       "ALTER TABLE injections ADD COLUMN thaw_check_id {BIGINT} REFERENCES thaw_checks(id)",
       "ALTER TABLE injections ADD COLUMN timing TEXT",
       "ALTER TABLE injections ADD COLUMN days_from_due INTEGER",
       // One first row per item, course and subject (later rows supersede): a second
       // session passing the same "not yet answered" check is refused, not added.
       "CREATE UNIQUE INDEX checklist_answers_first ON checklist_answers(subject_id, "
       "item_key) WHERE supersedes_id IS NULL",
       "CREATE UNIQUE INDEX chemotherapy_courses_first ON chemotherapy_courses("
       "subject_id, number) WHERE supersedes_id IS NULL",
       "CREATE UNIQUE INDEX checklist_signoffs_first ON checklist_signoffs(subject_id) "
       "WHERE supersedes_id IS NULL"},
      {},
      {}};
  addAppendOnlyGuards(m, kProtocolTables);
  return m;
}

// Version 11: blinded double reading with adjudication (docs/adjudication.md). reading_designs
// holds the trial's design (single, or double with adjudication) and the discordance settings,
// the newest row being in force; read_assignments who reads and who adjudicates each timepoint
// (a change supersedes with a reason); read_comparisons the rules' outcome of two signed reads
// compared (one row per pair of read versions); adjudications the adjudicator's signed choice
// (one per comparison: a timepoint is never adjudicated twice on the same reads). All
// append-only.
const char* const kReadingTables[] = {"reading_designs", "read_assignments", "read_comparisons",
                                      "adjudications"};

Migration version11() {
  Migration m{11,
              {R"(CREATE TABLE reading_designs(
  id {PK}, design TEXT NOT NULL, settings_json TEXT NOT NULL, reason TEXT NOT NULL,
  created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id)))",
               R"(CREATE TABLE read_assignments(
  id {PK}, timepoint_id {BIGINT} NOT NULL REFERENCES timepoints(id), duty TEXT NOT NULL,
  user_id {BIGINT} NOT NULL REFERENCES users(id), method TEXT NOT NULL, seed TEXT NOT NULL,
  reason TEXT NOT NULL, supersedes_id {BIGINT} UNIQUE REFERENCES read_assignments(id),
  created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id)))",
               R"(CREATE TABLE read_comparisons(
  id {PK}, timepoint_id {BIGINT} NOT NULL REFERENCES timepoints(id),
  read_a_id {BIGINT} NOT NULL REFERENCES reads(id), read_b_id {BIGINT} NOT NULL REFERENCES reads(id),
  discordant INTEGER NOT NULL, triggering TEXT NOT NULL, comparison_json TEXT NOT NULL,
  created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id),
  UNIQUE(read_a_id, read_b_id)))",
               R"(CREATE TABLE adjudications(
  id {PK}, timepoint_id {BIGINT} NOT NULL REFERENCES timepoints(id),
  comparison_id {BIGINT} NOT NULL UNIQUE REFERENCES read_comparisons(id),
  chosen_read_id {BIGINT} NOT NULL REFERENCES reads(id), reason TEXT NOT NULL,
  created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id)))",
               // One first assignment per duty of a timepoint (later ones supersede it).
               "CREATE UNIQUE INDEX read_assignments_first ON read_assignments(timepoint_id, duty) "
               "WHERE supersedes_id IS NULL"},
              {},
              {}};
  addAppendOnlyGuards(m, kReadingTables);
  return m;
}

// Version 12: sign-in and lock-out (docs/records.md, "Sign-in, lock-out and unlock").
// sign_in_attempts holds every sign-in attempt on an existing account, refused or not (an
// unknown name has no account to hold it: a note in the trail says so); account_unlocks each
// administrator's unlock, with its reason and the newest attempt it clears. An account's count
// of failures is derived from these rows (wrong passwords since its last successful sign-in and
// its last unlock), never stored, so both tables are append-only and `audit verify` re-derives
// them like every other table.
const char* const kSignInTables[] = {"sign_in_attempts", "account_unlocks"};

Migration version12() {
  Migration m{12,
              {R"(CREATE TABLE sign_in_attempts(
  id {PK}, user_id {BIGINT} NOT NULL REFERENCES users(id), user_name TEXT NOT NULL,
  succeeded INTEGER NOT NULL, reason TEXT NOT NULL, at_utc TEXT NOT NULL))",
               R"(CREATE TABLE account_unlocks(
  id {PK}, user_id {BIGINT} NOT NULL REFERENCES users(id), user_name TEXT NOT NULL,
  cleared_failures INTEGER NOT NULL,
  last_attempt_id {BIGINT} NOT NULL REFERENCES sign_in_attempts(id), reason TEXT NOT NULL,
  created_utc TEXT NOT NULL, created_by {BIGINT} NOT NULL REFERENCES users(id)))",
               "CREATE INDEX sign_in_attempts_by_user ON sign_in_attempts(user_id, id)",
               "CREATE INDEX account_unlocks_by_user ON account_unlocks(user_id, id)"},
              {},
              {}};
  addAppendOnlyGuards(m, kSignInTables);
  return m;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all{version2(),  version3(), version4(), version5(),
                                          version6(),  version7(), version8(), version9(),
                                          version10(), version11(), version12()};
  return all;
}

QString dialect(const QString& statement, Backend backend) {
  const bool sqlite = backend == Backend::Sqlite;
  QString s = statement;
  s.replace("{PK}", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  s.replace("{REAL}", sqlite ? "REAL" : "DOUBLE PRECISION");
  s.replace("{BIGINT}", sqlite ? "INTEGER" : "BIGINT");
  return s;
}

}  // namespace nbra::records
