#include "dicom/index/ImageIndex.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "dicom/sqlite/Sqlite.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;

// Bump when the schema changes. The index is a cache, so an index of another version is simply
// rebuilt (the files are re-read on the next import).
constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS patient(
  id INTEGER PRIMARY KEY,
  patient_key TEXT NOT NULL UNIQUE,
  patient_id TEXT, issuer TEXT, patient_name TEXT, birth_date TEXT, sex TEXT);
CREATE TABLE IF NOT EXISTS study(
  id INTEGER PRIMARY KEY,
  study_uid TEXT NOT NULL UNIQUE,
  patient_ref INTEGER NOT NULL REFERENCES patient(id),
  study_date TEXT, study_time TEXT, description TEXT, accession TEXT);
CREATE TABLE IF NOT EXISTS series(
  id INTEGER PRIMARY KEY,
  series_uid TEXT NOT NULL UNIQUE,
  study_ref INTEGER NOT NULL REFERENCES study(id),
  modality TEXT, series_number INTEGER, description TEXT, body_part TEXT,
  series_date TEXT, series_time TEXT);
CREATE TABLE IF NOT EXISTS instance(
  id INTEGER PRIMARY KEY,
  sop_instance_uid TEXT NOT NULL UNIQUE,
  series_ref INTEGER NOT NULL REFERENCES series(id),
  sop_class_uid TEXT, instance_number INTEGER, number_of_frames INTEGER, image_type TEXT,
  acquisition_date TEXT, acquisition_time TEXT, rows INTEGER, columns INTEGER,
  transfer_syntax_uid TEXT,
  file_path TEXT NOT NULL UNIQUE, file_size INTEGER NOT NULL, file_mtime_ns INTEGER NOT NULL,
  missing INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS instance_series ON instance(series_ref);
CREATE INDEX IF NOT EXISTS series_study ON series(study_ref);
CREATE INDEX IF NOT EXISTS study_patient ON study(patient_ref);
CREATE TABLE IF NOT EXISTS skipped_file(
  file_path TEXT PRIMARY KEY, file_size INTEGER NOT NULL, file_mtime_ns INTEGER NOT NULL,
  reason TEXT NOT NULL);
)sql";

std::string patientKey(const InstanceHeader& h) {
  if (!h.patientId.empty()) {
    return "id:" + h.issuerOfPatientId + "|" + h.patientId;
  }
  return "name:" + h.patientName + "|" + h.patientBirthDate;
}

// The smallest string greater than every string that starts with `prefix` (byte order).
std::string prefixUpperBound(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) {
    prefix.pop_back();
  }
  if (!prefix.empty()) {
    prefix.back() = static_cast<char>(prefix.back() + 1);
  }
  return prefix;
}

}  // namespace

std::string defaultIndexPath() {
  if (const char* explicitPath = std::getenv("NBRA_INDEX"); explicitPath && *explicitPath) {
    return explicitPath;
  }
  fs::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".local" / "share";
  } else {
    base = fs::temp_directory_path();
  }
  return (base / "nbra" / "index.sqlite").string();
}

ImageIndex::ImageIndex(const std::string& path) : path_(path) {
  std::error_code ec;
  const fs::path parent = fs::absolute(fs::path(path)).parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    throw std::runtime_error("cannot create the folder for the image index " + parent.string() +
                             ": " + ec.message());
  }
  try {
    db_ = std::make_unique<sqlite::Database>(path);
    db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    createSchema();
  } catch (const sqlite::Error& error) {
    throw std::runtime_error("image index " + path + " cannot be used: " + error.what());
  }
}

ImageIndex::~ImageIndex() = default;

void ImageIndex::createSchema() {
  db_->exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  auto version = db_->prepare("SELECT value FROM meta WHERE key='schema_version'");
  const bool hasVersion = version.step();
  if (hasVersion && version.text(0) != std::to_string(kSchemaVersion)) {
    db_->exec(
        "DROP TABLE IF EXISTS instance; DROP TABLE IF EXISTS series; DROP TABLE IF EXISTS study;"
        "DROP TABLE IF EXISTS patient; DROP TABLE IF EXISTS skipped_file;");
  }
  db_->exec(kSchema);
  db_->prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)")
      .bind(1, std::to_string(kSchemaVersion))
      .run();
}

std::unordered_map<std::string, KnownFile> ImageIndex::knownFiles() {
  std::unordered_map<std::string, KnownFile> files;
  auto instances =
      db_->prepare("SELECT id, file_path, file_size, file_mtime_ns, missing FROM instance");
  while (instances.step()) {
    KnownFile f;
    f.instanceId = instances.integer(0);
    f.stamp = {instances.text(1), static_cast<std::uintmax_t>(instances.integer(2)),
               instances.integer(3)};
    f.missing = instances.integer(4) != 0;
    files.emplace(f.stamp.path, f);
  }
  auto skipped = db_->prepare("SELECT file_path, file_size, file_mtime_ns, reason FROM skipped_file");
  while (skipped.step()) {
    KnownFile f;
    f.stamp = {skipped.text(0), static_cast<std::uintmax_t>(skipped.integer(1)),
               skipped.integer(2)};
    f.skipReason = skipped.text(3);
    files.emplace(f.stamp.path, f);
  }
  return files;
}

void ImageIndex::beginBatch() { db_->exec("BEGIN IMMEDIATE"); }
void ImageIndex::commitBatch() { db_->exec("COMMIT"); }
void ImageIndex::rollbackBatch() {
  db_->exec("ROLLBACK");
  seriesIds_.clear();  // rows written in the batch are gone
}

std::int64_t ImageIndex::upsertPatient(const InstanceHeader& h) {
  auto& s = db_->cached(
      "INSERT INTO patient(patient_key, patient_id, issuer, patient_name, birth_date, sex) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(patient_key) DO UPDATE SET "
      "patient_name = coalesce(nullif(excluded.patient_name, ''), patient_name), "
      "birth_date = coalesce(nullif(excluded.birth_date, ''), birth_date), "
      "sex = coalesce(nullif(excluded.sex, ''), sex) RETURNING id");
  s.bind(1, patientKey(h)).bind(2, h.patientId).bind(3, h.issuerOfPatientId);
  s.bind(4, h.patientName).bind(5, h.patientBirthDate).bind(6, h.patientSex);
  s.step();
  const std::int64_t id = s.integer(0);
  s.reset();
  return id;
}

std::int64_t ImageIndex::upsertStudy(const InstanceHeader& h, std::int64_t patientId) {
  auto& s = db_->cached(
      "INSERT INTO study(study_uid, patient_ref, study_date, study_time, description, accession) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(study_uid) DO UPDATE SET "
      "study_date = coalesce(nullif(excluded.study_date, ''), study_date), "
      "study_time = coalesce(nullif(excluded.study_time, ''), study_time), "
      "description = coalesce(nullif(excluded.description, ''), description), "
      "accession = coalesce(nullif(excluded.accession, ''), accession) RETURNING id");
  s.bind(1, h.studyInstanceUid).bind(2, patientId).bind(3, h.studyDate).bind(4, h.studyTime);
  s.bind(5, h.studyDescription).bind(6, h.accessionNumber);
  s.step();
  const std::int64_t id = s.integer(0);
  s.reset();
  return id;
}

std::int64_t ImageIndex::upsertSeries(const InstanceHeader& h, std::int64_t studyId) {
  auto& s = db_->cached(
      "INSERT INTO series(series_uid, study_ref, modality, series_number, description, body_part,"
      " series_date, series_time) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT(series_uid) DO UPDATE SET "
      "modality = coalesce(nullif(excluded.modality, ''), modality), "
      "description = coalesce(nullif(excluded.description, ''), description), "
      "body_part = coalesce(nullif(excluded.body_part, ''), body_part) RETURNING id");
  s.bind(1, h.seriesInstanceUid).bind(2, studyId).bind(3, h.modality).bind(4, h.seriesNumber);
  s.bind(5, h.seriesDescription).bind(6, h.bodyPartExamined).bind(7, h.seriesDate);
  s.bind(8, h.seriesTime);
  s.step();
  const std::int64_t id = s.integer(0);
  s.reset();
  return id;
}

StoreOutcome ImageIndex::storeInstance(const InstanceHeader& h, const FileStamp& stamp) {
  StoreOutcome outcome;
  auto& existing =
      db_->cached("SELECT id, file_path, missing FROM instance WHERE sop_instance_uid = ?");
  existing.bind(1, h.sopInstanceUid);
  const bool known = existing.step();
  std::int64_t rowId = known ? existing.integer(0) : 0;
  const std::string oldPath = known ? existing.text(1) : std::string();
  const bool oldMissing = known && existing.integer(2) != 0;
  existing.reset();
  if (known && oldPath != stamp.path) {
    std::error_code ec;
    if (!oldMissing && fs::exists(oldPath, ec)) {
      // Two files with one SOP Instance UID: keep the first, report the second.
      outcome.kind = StoreKind::Duplicate;
      outcome.duplicateOf = oldPath;
      outcome.instanceId = rowId;
      return outcome;
    }
    outcome.kind = StoreKind::Moved;
  } else {
    outcome.kind = known ? StoreKind::Updated : StoreKind::New;
  }
  if (!known || outcome.kind == StoreKind::Moved) {
    // A different instance used to live at this path: that file was replaced by this one.
    db_->cached("DELETE FROM instance WHERE file_path = ?1 AND id <> ?2")
        .bind(1, stamp.path)
        .bind(2, rowId)
        .run();
  }

  // Patient, study and series are written once per series per connection: the first instance
  // of a series speaks for it, and an import of 100 slices does not upsert them 100 times.
  auto series = seriesIds_.find(h.seriesInstanceUid);
  if (series == seriesIds_.end()) {
    series = seriesIds_
                 .emplace(h.seriesInstanceUid, upsertSeries(h, upsertStudy(h, upsertPatient(h))))
                 .first;
  }
  const std::int64_t seriesId = series->second;
  auto& s = db_->cached(known ? "UPDATE instance SET series_ref=?2, sop_class_uid=?3, "
                                "instance_number=?4, number_of_frames=?5, image_type=?6, "
                                "acquisition_date=?7, acquisition_time=?8, rows=?9, columns=?10, "
                                "transfer_syntax_uid=?11, file_path=?12, file_size=?13, "
                                "file_mtime_ns=?14, missing=0 WHERE id=?1"
                              : "INSERT INTO instance(sop_instance_uid, series_ref, sop_class_uid,"
                                " instance_number, number_of_frames, image_type, acquisition_date,"
                                " acquisition_time, rows, columns, transfer_syntax_uid, file_path,"
                                " file_size, file_mtime_ns) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                " ?9, ?10, ?11, ?12, ?13, ?14)");
  if (known) {
    s.bind(1, rowId);
  } else {
    s.bind(1, h.sopInstanceUid);
  }
  s.bind(2, seriesId).bind(3, h.sopClassUid).bind(4, h.instanceNumber).bind(5, h.numberOfFrames);
  s.bind(6, h.imageType).bind(7, h.acquisitionDate).bind(8, h.acquisitionTime).bind(9, h.rows);
  s.bind(10, h.columns).bind(11, h.transferSyntaxUid).bind(12, stamp.path);
  s.bind(13, static_cast<std::int64_t>(stamp.sizeBytes)).bind(14, stamp.modifiedNs);
  s.run();
  if (!known) {
    rowId = db_->lastInsertRowId();
  }
  forgetSkipped(stamp.path);
  outcome.instanceId = rowId;
  return outcome;
}

void ImageIndex::storeSkipped(const FileStamp& stamp, const std::string& reason) {
  db_->cached("DELETE FROM instance WHERE file_path = ?").bind(1, stamp.path).run();
  db_->cached(
         "INSERT OR REPLACE INTO skipped_file(file_path, file_size, file_mtime_ns, reason) "
         "VALUES(?, ?, ?, ?)")
      .bind(1, stamp.path)
      .bind(2, static_cast<std::int64_t>(stamp.sizeBytes))
      .bind(3, stamp.modifiedNs)
      .bind(4, reason)
      .run();
}

void ImageIndex::setMissing(std::int64_t instanceId, bool missing) {
  db_->cached("UPDATE instance SET missing = ? WHERE id = ?")
      .bind(1, missing ? 1 : 0)
      .bind(2, instanceId)
      .run();
}

void ImageIndex::forgetSkipped(const std::string& path) {
  db_->cached("DELETE FROM skipped_file WHERE file_path = ?").bind(1, path).run();
}

std::vector<KnownFile> ImageIndex::filesUnder(const std::string& folder) {
  std::string prefix = folder;
  if (prefix.empty() || prefix.back() != '/') {
    prefix.push_back('/');
  }
  const std::string upper = prefixUpperBound(prefix);
  std::vector<KnownFile> files;
  auto instances = db_->prepare(
      "SELECT id, file_path, file_size, file_mtime_ns FROM instance "
      "WHERE missing = 0 AND file_path >= ?1 AND file_path < ?2");
  instances.bind(1, prefix).bind(2, upper);
  while (instances.step()) {
    KnownFile f;
    f.instanceId = instances.integer(0);
    f.stamp = {instances.text(1), static_cast<std::uintmax_t>(instances.integer(2)),
               instances.integer(3)};
    files.push_back(f);
  }
  auto skipped = db_->prepare(
      "SELECT file_path, file_size, file_mtime_ns, reason FROM skipped_file "
      "WHERE file_path >= ?1 AND file_path < ?2");
  skipped.bind(1, prefix).bind(2, upper);
  while (skipped.step()) {
    KnownFile f;
    f.stamp = {skipped.text(0), static_cast<std::uintmax_t>(skipped.integer(1)),
               skipped.integer(2)};
    f.skipReason = skipped.text(3);
    files.push_back(f);
  }
  return files;
}

IndexCounts ImageIndex::countWhere(const std::string& instanceFilter) {
  IndexCounts counts;
  const std::string from =
      " FROM instance i JOIN series se ON i.series_ref = se.id"
      " JOIN study st ON se.study_ref = st.id WHERE " +
      instanceFilter;
  auto totals = db_->prepare("SELECT COUNT(DISTINCT st.patient_ref), COUNT(DISTINCT st.id),"
                             " COUNT(DISTINCT se.id), COUNT(*)" +
                             from);
  if (totals.step()) {
    counts.patients = static_cast<int>(totals.integer(0));
    counts.studies = static_cast<int>(totals.integer(1));
    counts.series = static_cast<int>(totals.integer(2));
    counts.instances = static_cast<int>(totals.integer(3));
  }
  auto modalities = db_->prepare("SELECT coalesce(nullif(se.modality, ''), '(none)'),"
                                 " COUNT(DISTINCT se.id), COUNT(*)" +
                                 from + " GROUP BY 1 ORDER BY 1");
  while (modalities.step()) {
    counts.byModality[modalities.text(0)] = {static_cast<int>(modalities.integer(1)),
                                             static_cast<int>(modalities.integer(2))};
  }
  return counts;
}

IndexCounts ImageIndex::countInstances(const std::vector<std::int64_t>& instanceIds) {
  db_->exec("CREATE TEMP TABLE IF NOT EXISTS selected(id INTEGER PRIMARY KEY); DELETE FROM selected;");
  {
    sqlite::Transaction transaction(*db_);
    auto insert = db_->prepare("INSERT OR IGNORE INTO selected(id) VALUES(?)");
    for (const std::int64_t id : instanceIds) {
      insert.bind(1, id).run();
    }
    transaction.commit();
  }
  return countWhere("i.id IN (SELECT id FROM selected)");
}

IndexCounts ImageIndex::countAll() { return countWhere("i.missing = 0"); }

std::vector<PatientEntry> ImageIndex::browse() {
  std::vector<PatientEntry> patients;
  auto rows = db_->prepare(
      "SELECT p.id, p.patient_id, p.patient_name, p.birth_date, p.sex,"
      "       st.id, st.study_uid, st.study_date, st.study_time, st.description, st.accession,"
      "       se.id, se.series_uid, se.modality, se.series_number, se.description, se.body_part,"
      "       se.series_date,"
      "       SUM(i.missing = 0), SUM(CASE WHEN i.missing = 0 THEN i.number_of_frames END),"
      "       SUM(i.missing = 1)"
      " FROM patient p JOIN study st ON st.patient_ref = p.id"
      " JOIN series se ON se.study_ref = st.id JOIN instance i ON i.series_ref = se.id"
      " GROUP BY se.id"
      " ORDER BY p.patient_name, p.patient_id, p.id, st.study_date, st.study_time, st.id,"
      "          se.series_number, se.id");
  while (rows.step()) {
    if (patients.empty() || patients.back().id != rows.integer(0)) {
      patients.push_back({rows.integer(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4), {}});
    }
    auto& studies = patients.back().studies;
    if (studies.empty() || studies.back().id != rows.integer(5)) {
      studies.push_back({rows.integer(5), rows.text(6), rows.text(7), rows.text(8), rows.text(9),
                         rows.text(10), {}});
    }
    SeriesEntry series;
    series.id = rows.integer(11);
    series.seriesInstanceUid = rows.text(12);
    series.modality = rows.text(13);
    series.seriesNumber = static_cast<int>(rows.integer(14));
    series.description = rows.text(15);
    series.bodyPart = rows.text(16);
    series.seriesDate = rows.text(17);
    series.instanceCount = static_cast<int>(rows.integer(18));
    series.frameCount = static_cast<int>(rows.integer(19));
    series.missingCount = static_cast<int>(rows.integer(20));
    studies.back().series.push_back(series);
  }
  return patients;
}

std::vector<InstanceFile> ImageIndex::seriesFiles(std::int64_t seriesId) {
  std::vector<InstanceFile> files;
  auto rows = db_->prepare(
      "SELECT file_path, instance_number, number_of_frames, sop_instance_uid FROM instance"
      " WHERE series_ref = ? AND missing = 0 ORDER BY instance_number, file_path");
  rows.bind(1, seriesId);
  while (rows.step()) {
    files.push_back({rows.text(0), static_cast<int>(rows.integer(1)),
                     static_cast<int>(rows.integer(2)), rows.text(3)});
  }
  return files;
}

int ImageIndex::removeSeriesWhere(const std::string& seriesFilter, std::int64_t id) {
  sqlite::Transaction transaction(*db_);
  const std::string chosen = "SELECT se.id FROM series se JOIN study st ON se.study_ref = st.id"
                             " WHERE " + seriesFilter;
  db_->prepare("DELETE FROM instance WHERE series_ref IN (" + chosen + ")").bind(1, id).run();
  const int removed = db_->changes();
  db_->prepare("DELETE FROM series WHERE id IN (" + chosen + ")").bind(1, id).run();
  // Parents left empty would show as patients and studies without images.
  db_->exec(
      "DELETE FROM study WHERE NOT EXISTS (SELECT 1 FROM series se WHERE se.study_ref = study.id);"
      "DELETE FROM patient WHERE NOT EXISTS (SELECT 1 FROM study st WHERE st.patient_ref = "
      "patient.id);");
  transaction.commit();
  // This connection's series cache may name rows that are gone.
  seriesIds_.clear();
  return removed;
}

int ImageIndex::removeSeries(std::int64_t seriesId) { return removeSeriesWhere("se.id = ?1", seriesId); }

int ImageIndex::removeStudy(std::int64_t studyId) { return removeSeriesWhere("st.id = ?1", studyId); }

int ImageIndex::removePatient(std::int64_t patientId) {
  return removeSeriesWhere("st.patient_ref = ?1", patientId);
}

}  // namespace nbra::dicom
