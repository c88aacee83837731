// The reading design and who reads each timepoint (docs/adjudication.md): single read, or two
// blinded readers whose signed reads are compared, a discordant timepoint going to an
// adjudicator. The rules' comparison itself is the workflow's (it needs the clinical rules run on
// each read); the record keeps it and works out each timepoint's read of record from the rows.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <cmath>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"
#include "scoring/adjudication/ReaderDraw.h"

namespace nbra::records {

using detail::fail;

namespace {

QString settingsJson(const scoring::DiscordanceSettings& s) {
  QJsonObject o{{"overallResponse", s.overallResponse},
                {"eligibility", s.eligibility},
                {"extraDoses", s.extraDoses},
                {"newLesion", s.newLesion}};
  if (s.sumOfDiametersThresholdMm) {
    o["sumOfDiametersThresholdMm"] = *s.sumOfDiametersThresholdMm;
  }
  if (s.curieThreshold) {
    o["curieThreshold"] = *s.curieThreshold;
  }
  if (s.siopenThreshold) {
    o["siopenThreshold"] = *s.siopenThreshold;
  }
  return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

scoring::DiscordanceSettings settingsFrom(const QString& json) {
  const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
  scoring::DiscordanceSettings s;
  s.overallResponse = o.value("overallResponse").toBool(true);
  s.eligibility = o.value("eligibility").toBool(true);
  s.extraDoses = o.value("extraDoses").toBool(true);
  s.newLesion = o.value("newLesion").toBool(true);
  if (o.contains("sumOfDiametersThresholdMm")) {
    s.sumOfDiametersThresholdMm = o.value("sumOfDiametersThresholdMm").toDouble();
  }
  if (o.contains("curieThreshold")) {
    s.curieThreshold = o.value("curieThreshold").toInt();
  }
  if (o.contains("siopenThreshold")) {
    s.siopenThreshold = o.value("siopenThreshold").toInt();
  }
  return s;
}

bool isReaderDuty(const QString& duty) {
  return duty == kReader1 || duty == kReader2;
}

QString dutyText(const QString& duty) {
  return duty == kReader1 ? "reader 1" : duty == kReader2 ? "reader 2" : "the adjudicator";
}

QString variableNames(const QStringList& keys) {
  QStringList names;
  for (const QString& k : keys) {
    const auto v = scoring::variableFromKey(k.toStdString());
    names << (v ? QString::fromStdString(scoring::variableName(*v)) : k);
  }
  return names.join(", ");
}

// A reader's newest read of a timepoint: its id and whether it is signed.
std::optional<std::pair<qint64, bool>> newestRead(RecordDatabase& db, qint64 timepointId,
                                                  qint64 userId) {
  QSqlQuery q = db.run(
      "SELECT id, status FROM reads WHERE timepoint_id = ? AND reader_id = ? ORDER BY version "
      "DESC LIMIT 1",
      {timepointId, userId});
  if (!q.next()) {
    return std::nullopt;
  }
  return std::make_pair(q.value(0).toLongLong(), q.value(1).toString() == "signed");
}

ComparisonRecord comparisonFrom(QSqlQuery& q) {
  // Columns: id, read_a_id, read_b_id, discordant, triggering, comparison_json, created_utc.
  ComparisonRecord c;
  c.id = q.value(0).toLongLong();
  c.readAId = q.value(1).toLongLong();
  c.readBId = q.value(2).toLongLong();
  c.discordant = q.value(3).toInt() != 0;
  c.triggering = q.value(4).toString().split(',', Qt::SkipEmptyParts);
  c.comparisonJson = q.value(5).toString();
  c.createdUtc = q.value(6).toString();
  return c;
}

}  // namespace

ReadingDesign TrialRecord::readingDesign() {
  actor();  // signed in
  QSqlQuery q = db_.run(
      "SELECT d.id, d.design, d.settings_json, d.reason, d.created_utc, u.full_name FROM "
      "reading_designs d JOIN users u ON u.id = d.created_by ORDER BY d.id DESC LIMIT 1");
  ReadingDesign d;
  if (q.next()) {
    d.id = q.value(0).toLongLong();
    d.design = q.value(1).toString();
    d.discordance = settingsFrom(q.value(2).toString());
    d.reason = q.value(3).toString();
    d.setUtc = q.value(4).toString();
    d.setByName = q.value(5).toString();
  }
  return d;
}

qint64 TrialRecord::setReadingDesign(const QString& design,
                                     const scoring::DiscordanceSettings& settings,
                                     const QString& reason) {
  require(Permission::SetReadingDesign);
  if (design != kSingleRead && design != kDoubleRead) {
    fail(RecordErrorKind::BadInput, QString("the reading design is '%1' or '%2', not '%3'")
                                        .arg(kSingleRead, kDoubleRead, design));
  }
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "a change of the reading design needs a reason");
  }
  const std::vector<std::string> problems = scoring::validateDiscordanceSettings(settings);
  if (!problems.empty()) {
    QStringList texts;
    for (const std::string& p : problems) {
      texts << QString::fromStdString(p);
    }
    fail(RecordErrorKind::BadInput, "discordance settings refused: " + texts.join("; "));
  }
  Transaction t(db_);
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert("reading_designs",
                                  {{"design", design},
                                   {"settings_json", settingsJson(settings)},
                                   {"reason", reason.trimmed()},
                                   {"created_utc", detail::nowUtc()},
                                   {"created_by", actor().id}},
                                  "reading design: " + design + " (" + reason.trimmed() + ")");
  t.commit();
  return id;
}

std::vector<ReadAssignmentRecord> TrialRecord::currentAssignments(qint64 timepointId) {
  // The newest row of each duty is the one in force (a change supersedes the previous one).
  QSqlQuery q = db_.run(
      "SELECT a.id, s.study_id, t.label, a.duty, u.user_name, u.full_name, a.method, a.reason, "
      "a.supersedes_id, a.created_utc, c.full_name FROM read_assignments a "
      "JOIN timepoints t ON t.id = a.timepoint_id JOIN subjects s ON s.id = t.subject_id "
      "JOIN users u ON u.id = a.user_id JOIN users c ON c.id = a.created_by "
      "WHERE a.timepoint_id = ? AND NOT EXISTS (SELECT 1 FROM read_assignments n WHERE "
      "n.supersedes_id = a.id) ORDER BY a.duty",
      {timepointId});
  std::vector<ReadAssignmentRecord> out;
  while (q.next()) {
    ReadAssignmentRecord r;
    r.id = q.value(0).toLongLong();
    r.studyId = q.value(1).toString();
    r.timepointLabel = q.value(2).toString();
    r.duty = q.value(3).toString();
    r.userName = q.value(4).toString();
    r.fullName = q.value(5).toString();
    r.method = q.value(6).toString();
    r.reason = q.value(7).toString();
    if (!q.value(8).isNull()) {
      r.supersedesId = q.value(8).toLongLong();
    }
    r.createdUtc = q.value(9).toString();
    r.createdByName = q.value(10).toString();
    out.push_back(r);
  }
  return out;
}

qint64 TrialRecord::assignReader(const QString& studyId, const QString& label, const QString& duty,
                                 const QString& userName, const QString& reason) {
  require(Permission::AssignReaders);
  if (!isReaderDuty(duty) && duty != kAdjudicatorDuty) {
    fail(RecordErrorKind::BadInput, QString("a timepoint's duties are %1, %2 and %3, not '%4'")
                                        .arg(kReader1, kReader2, kAdjudicatorDuty, duty));
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  const QString where = QString("subject '%1', timepoint '%2'").arg(studyId, label);
  QSqlQuery u =
      db_.run("SELECT id, full_name, role, active FROM users WHERE user_name = ?", {userName});
  if (!u.next()) {
    fail(RecordErrorKind::NotFound, where + ": there is no user '" + userName + "'");
  }
  const qint64 userId = u.value(0).toLongLong();
  const QString fullName = u.value(1).toString();
  const QString role = u.value(2).toString();
  const bool active = u.value(3).toInt() != 0;
  u.finish();
  if (!active) {
    fail(RecordErrorKind::Refused, where + ": user '" + userName + "' is deactivated");
  }
  const QString needed = isReaderDuty(duty) ? roleName(Role::Reader) : roleName(Role::Adjudicator);
  if (role != needed) {
    const std::optional<Role> r = roleFromName(role);
    fail(RecordErrorKind::Refused,
         QString("%1: user '%2' is %3 and cannot be %4 (that duty needs %5 account; a reader "
                 "never adjudicates a timepoint)")
             .arg(where, userName, r ? roleWithArticle(*r) : role, dutyText(duty),
                  roleWithArticle(isReaderDuty(duty) ? Role::Reader : Role::Adjudicator)));
  }
  std::optional<ReadAssignmentRecord> replaced;
  for (const ReadAssignmentRecord& a : currentAssignments(tp.id)) {
    if (a.duty == duty) {
      replaced = a;
      continue;
    }
    if (a.userName == userName || a.fullName == fullName) {
      fail(RecordErrorKind::Refused,
           QString("%1: %2 (%3) is already %4 of this timepoint; its two readers and its "
                   "adjudicator are three different people")
               .arg(where, userName, fullName, dutyText(a.duty)));
    }
  }
  if (replaced) {
    if (replaced->userName == userName) {
      fail(RecordErrorKind::Conflict,
           QString("%1: %2 is already %3").arg(where, userName, dutyText(duty)));
    }
    if (reason.trimmed().isEmpty()) {
      fail(RecordErrorKind::BadInput, QString("%1: %2 is %3; a change of assignment needs a reason")
                                          .arg(where, replaced->userName, dutyText(duty)));
    }
    QSqlQuery started = db_.run(
        "SELECT 1 FROM reads r JOIN users u ON u.id = r.reader_id WHERE r.timepoint_id = ? AND "
        "u.user_name = ?",
        {tp.id, replaced->userName});
    if (started.next()) {
      fail(RecordErrorKind::Refused,
           QString("%1: %2 has already started a read of it as %3; that read stays the "
                   "timepoint's, so the assignment is not changed")
               .arg(where, replaced->userName, dutyText(duty)));
    }
    // The adjudicator of a standing adjudication stays; once a correction has reopened the
    // timepoint, another may take the new adjudication.
    if (duty == kAdjudicatorDuty && statusOf(tp.id).state == "adjudicated") {
      fail(RecordErrorKind::Refused, where + ": already adjudicated; the adjudicator stays");
    }
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id =
      writer.insert("read_assignments",
                    {{"timepoint_id", tp.id},
                     {"duty", duty},
                     {"user_id", userId},
                     {"method", "manual"},
                     {"seed", QStringLiteral("")},
                     {"reason", detail::text(reason.trimmed())},
                     {"supersedes_id", replaced ? QVariant(replaced->id) : QVariant()},
                     {"created_utc", detail::nowUtc()},
                     {"created_by", actor().id}},
                    QString("%1 assigned as %2 of %3, timepoint %4")
                        .arg(userName, dutyText(duty), studyId, label));
  t.commit();
  return id;
}

std::vector<UserRecord> TrialRecord::assignableUsers(Role role) {
  if (!roleAllows(actor().role, Permission::ManageUsers)) {
    require(Permission::AssignReaders);
  }
  if (role != Role::Reader && role != Role::Adjudicator) {
    fail(RecordErrorKind::BadInput, "only readers and adjudicators take a timepoint's duties");
  }
  QSqlQuery q = db_.run(
      "SELECT id, user_name, full_name, role FROM users WHERE role = ? AND active = 1 ORDER BY "
      "user_name",
      {roleName(role)});
  std::vector<UserRecord> out;
  while (q.next()) {
    out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                   q.value(3).toString(), true});
  }
  return out;
}

std::vector<ReadAssignmentRecord> TrialRecord::drawReaders(const QString& studyId,
                                                           const QString& label,
                                                           std::uint64_t seed) {
  require(Permission::AssignReaders);
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  std::vector<std::string> pool;
  std::vector<std::string> excluded;
  QStringList assignedPeople;  // full names: one person may hold accounts of two roles
  for (const ReadAssignmentRecord& a : currentAssignments(tp.id)) {
    if (isReaderDuty(a.duty)) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1', timepoint '%2' already has %3 (%4); change an assignment by "
                   "name, with a reason")
               .arg(studyId, label, dutyText(a.duty), a.userName));
    }
    excluded.push_back(a.userName.toStdString());  // the adjudicator never reads
    assignedPeople << a.fullName;
  }
  QSqlQuery q = db_.run("SELECT user_name, full_name FROM users WHERE role = ? AND active = 1",
                        {roleName(Role::Reader)});
  while (q.next()) {
    const std::string name = q.value(0).toString().toStdString();
    pool.push_back(name);
    // The adjudicator under a reader account is the same person: never drawn to read (as
    // assignReader refuses them by full name).
    if (assignedPeople.contains(q.value(1).toString())) {
      excluded.push_back(name);
    }
  }
  q.finish();
  std::pair<std::string, std::string> drawn;
  try {
    drawn = scoring::drawTwoReaders(pool, excluded, seed, (studyId + "/" + label).toStdString());
  } catch (const std::invalid_argument& e) {
    fail(RecordErrorKind::Refused, QString("subject '%1', timepoint '%2': %3")
                                       .arg(studyId, label, QString::fromUtf8(e.what())));
  }
  AuditedWriter writer(db_, actor().userName);
  for (const auto& [duty, name] :
       {std::pair{kReader1, drawn.first}, std::pair{kReader2, drawn.second}}) {
    QSqlQuery u =
        db_.run("SELECT id FROM users WHERE user_name = ?", {QString::fromStdString(name)});
    u.next();
    const qint64 userId = u.value(0).toLongLong();
    u.finish();
    writer.insert("read_assignments",
                  {{"timepoint_id", tp.id},
                   {"duty", duty},
                   {"user_id", userId},
                   {"method", "random"},
                   {"seed", QString::number(seed)},
                   {"reason", QStringLiteral("")},
                   {"supersedes_id", QVariant()},
                   {"created_utc", detail::nowUtc()},
                   {"created_by", actor().id}},
                  QString("%1 drawn as %2 of %3, timepoint %4 (seed %5)")
                      .arg(QString::fromStdString(name), dutyText(duty), studyId, label)
                      .arg(seed));
  }
  std::vector<ReadAssignmentRecord> out = currentAssignments(tp.id);
  t.commit();
  return out;
}

std::vector<ReadAssignmentRecord> TrialRecord::assignments(const QString& studyId,
                                                           const QString& label) {
  require(Permission::ViewSubjects);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  std::vector<ReadAssignmentRecord> out = currentAssignments(tp.id);
  // Who read is hidden from the adjudicator (and from a reader, who would learn who else reads).
  if (actorIsAdjudicator() || actorIsBlinded()) {
    for (ReadAssignmentRecord& a : out) {
      if (a.userName != actor().userName) {
        a.userName.clear();
        a.fullName.clear();
      }
    }
  }
  return out;
}

std::vector<ReadAssignmentRecord> TrialRecord::myAssignments() {
  const Actor& me = actor();
  QSqlQuery q = db_.run(
      "SELECT a.timepoint_id FROM read_assignments a WHERE a.user_id = ? AND NOT EXISTS "
      "(SELECT 1 FROM read_assignments n WHERE n.supersedes_id = a.id) ORDER BY a.id",
      {me.id});
  std::vector<qint64> timepoints;
  while (q.next()) {
    timepoints.push_back(q.value(0).toLongLong());
  }
  q.finish();
  std::vector<ReadAssignmentRecord> out;
  for (qint64 tp : timepoints) {
    for (const ReadAssignmentRecord& a : currentAssignments(tp)) {
      if (a.userName == me.userName) {
        out.push_back(a);
      }
    }
  }
  return out;
}

void TrialRecord::requireAssignedReader(qint64 timepointId, const QString& studyId,
                                        const QString& label) {
  bool anyReaderAssigned = false;
  for (const ReadAssignmentRecord& a : currentAssignments(timepointId)) {
    if (!isReaderDuty(a.duty)) {
      continue;
    }
    anyReaderAssigned = true;
    if (a.userName == actor().userName) {
      return;
    }
  }
  if (anyReaderAssigned) {
    fail(RecordErrorKind::Refused,
         QString("refused: subject '%1', timepoint '%2' is read by its assigned readers; user "
                 "'%3' is not one of them")
             .arg(studyId, label, actor().userName));
  }
  if (readingDesign().design == kDoubleRead) {
    fail(RecordErrorKind::Refused,
         QString("refused: subject '%1', timepoint '%2' is read twice, blinded, and has no "
                 "readers assigned yet; the coordinator assigns them")
             .arg(studyId, label));
  }
}

ReadingStatus TrialRecord::statusOf(qint64 timepointId) {
  ReadingStatus s;
  s.design = readingDesign().design;
  if (s.design != kDoubleRead) {
    s.state = "open";
    s.text = "single reading";
    QSqlQuery q = db_.run(
        "SELECT r.id FROM reads r WHERE r.timepoint_id = ? AND r.status = 'signed' AND NOT "
        "EXISTS (SELECT 1 FROM reads n WHERE n.supersedes_id = r.id)",
        {timepointId});
    std::vector<qint64> ids;
    while (q.next()) {
      ids.push_back(q.value(0).toLongLong());
    }
    if (ids.size() == 1) {
      s.readOfRecordId = ids.front();
    }
    return s;
  }
  std::optional<qint64> readerIds[2];
  for (const ReadAssignmentRecord& a : currentAssignments(timepointId)) {
    if (isReaderDuty(a.duty)) {
      QSqlQuery u = db_.run("SELECT id FROM users WHERE user_name = ?", {a.userName});
      u.next();
      readerIds[a.duty == kReader1 ? 0 : 1] = u.value(0).toLongLong();
    }
  }
  if (!readerIds[0] || !readerIds[1]) {
    s.state = "awaiting-assignment";
    s.text = "awaiting assignment of two readers";
    return s;
  }
  QStringList waiting;
  std::optional<qint64> signedIds[2];
  for (int i = 0; i < 2; ++i) {
    const auto newest = newestRead(db_, timepointId, *readerIds[i]);
    if (newest && newest->second) {
      signedIds[i] = newest->first;
    } else {
      waiting << QString("reader %1 (%2)").arg(i + 1).arg(newest ? "draft" : "not started");
    }
  }
  if (!waiting.isEmpty()) {
    s.state = "awaiting-reads";
    s.text = "awaiting reads: " + waiting.join(", ");
    return s;
  }
  s.readAId = signedIds[0];
  s.readBId = signedIds[1];
  QSqlQuery c = db_.run(
      "SELECT id, read_a_id, read_b_id, discordant, triggering, comparison_json, created_utc "
      "FROM read_comparisons WHERE read_a_id = ? AND read_b_id = ?",
      {*s.readAId, *s.readBId});
  if (!c.next()) {
    s.state = "awaiting-comparison";
    s.text = "both reads signed; awaiting comparison";
    return s;
  }
  s.comparison = comparisonFrom(c);
  c.finish();
  if (!s.comparison->discordant) {
    s.state = "concordant";
    s.readOfRecordId = s.readAId;
    s.text = "concordant: reader 1's read is the read of record";
    return s;
  }
  QSqlQuery a = db_.run(
      "SELECT a.id, a.chosen_read_id, a.reason, u.full_name FROM adjudications a JOIN users u ON "
      "u.id = a.created_by WHERE a.comparison_id = ?",
      {s.comparison->id});
  if (!a.next()) {
    s.state = "awaiting-adjudication";
    s.text = "awaiting adjudication: " + variableNames(s.comparison->triggering) + " differ" +
             (s.comparison->triggering.size() == 1 ? "s" : "");
    return s;
  }
  AdjudicationRecord adj;
  adj.id = a.value(0).toLongLong();
  adj.comparisonId = s.comparison->id;
  adj.chosenReadId = a.value(1).toLongLong();
  adj.chosenRead = adj.chosenReadId == *s.readAId ? "A" : "B";
  adj.reason = a.value(2).toString();
  adj.adjudicatorName = a.value(3).toString();
  a.finish();
  adj.signature = signatureOf("adjudications", adj.id);
  s.adjudication = adj;
  s.state = "adjudicated";
  s.readOfRecordId = adj.chosenReadId;
  s.text = QString("adjudicated: read %1 (reader %2's) is the read of record")
               .arg(adj.chosenReadId)
               .arg(adj.chosenRead == "A" ? 1 : 2);
  return s;
}

ReadingStatus TrialRecord::readingStatus(const QString& studyId, const QString& label) {
  require(Permission::ViewSubjects);
  const qint64 subject = subjectId(studyId);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  // Under double reading a reader never learns how the other read compares (a correction made
  // to agree would end the readers' independence); under single reading, after signing.
  if (actorIsBlinded() && (readingDesign().design == kDoubleRead || !actorHasSignedReadOf(tp.id))) {
    fail(RecordErrorKind::Refused,
         QString("refused: user '%1' reads subject '%2', timepoint '%3' blinded and does not see "
                 "how the reads compare")
             .arg(actor().userName, studyId, label));
  }
  return statusOf(tp.id);
}

qint64 TrialRecord::recordComparison(const QString& studyId, const QString& label,
                                     const ComparisonInput& c) {
  require(Permission::ViewSubjects);
  const QString where = QString("subject '%1', timepoint '%2'").arg(studyId, label);
  for (const QString& key : c.triggering) {
    if (!scoring::variableFromKey(key.toStdString())) {
      fail(RecordErrorKind::BadInput, where + ": no discordance variable '" + key + "'");
    }
  }
  if (c.discordant == c.triggering.isEmpty()) {
    fail(RecordErrorKind::BadInput,
         where + ": a comparison is discordant exactly when some variable triggers");
  }
  // A reader is a party to the comparison: it is made by those who act on it (the
  // adjudicator, the investigator, the coordinator), never by one of the two readers. The
  // refusal says nothing of the timepoint, whose state would tell how the other reader got on.
  if (actorIsBlinded()) {
    fail(RecordErrorKind::Refused,
         QString("refused: user '%1' is a reader; the two reads of subject '%2', timepoint '%3' "
                 "are compared by the adjudicator, the investigator or the coordinator")
             .arg(actor().userName, studyId, label));
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  const TimepointRecord tp = timepoint(subject, studyId, label);
  const ReadingStatus s = statusOf(tp.id);
  if (s.comparison && s.comparison->readAId == c.readAId && s.comparison->readBId == c.readBId) {
    return s.comparison->id;  // already compared: the kept comparison stands
  }
  if (s.state != "awaiting-comparison" || s.readAId != c.readAId || s.readBId != c.readBId) {
    fail(RecordErrorKind::Conflict,
         QString("%1: reads %2 and %3 are not the two current signed reads to compare (%4)")
             .arg(where)
             .arg(c.readAId)
             .arg(c.readBId)
             .arg(s.text));
  }
  AuditedWriter writer(db_, actor().userName);
  qint64 id = 0;
  try {
    id = writer.insert(
        "read_comparisons",
        {{"timepoint_id", tp.id},
         {"read_a_id", c.readAId},
         {"read_b_id", c.readBId},
         {"discordant", int(c.discordant)},
         {"triggering", c.triggering.isEmpty() ? QStringLiteral("") : c.triggering.join(",")},
         {"comparison_json", detail::text(c.comparisonJson)},
         {"created_utc", detail::nowUtc()},
         {"created_by", actor().id}},
        c.discordant ? "reads compared: discordant on " + c.triggering.join(", ")
                     : QStringLiteral("reads compared: concordant"));
  } catch (const RecordError& e) {
    if (e.kind() != RecordErrorKind::Conflict) {
      throw;
    }
    // Schema 11's one comparison per pair of reads: another session compared them first.
    fail(RecordErrorKind::Conflict,
         where + ": the reads were compared at the same moment by another session; look again");
  }
  t.commit();
  return id;
}

std::vector<ReadingHistoryRow> TrialRecord::readingHistory() {
  require(Permission::ViewReaderMetrics);
  QSqlQuery q = db_.run(
      "SELECT c.id, c.read_a_id, c.read_b_id, c.discordant, c.triggering, c.comparison_json, "
      "c.created_utc, s.study_id, t.label, ua.user_name, ub.user_name, a.chosen_read_id, "
      "(SELECT COUNT(*) FROM reads n WHERE n.supersedes_id IN (c.read_a_id, c.read_b_id)) "
      "FROM read_comparisons c JOIN timepoints t ON t.id = c.timepoint_id "
      "JOIN subjects s ON s.id = t.subject_id JOIN reads ra ON ra.id = c.read_a_id "
      "JOIN reads rb ON rb.id = c.read_b_id JOIN users ua ON ua.id = ra.reader_id "
      "JOIN users ub ON ub.id = rb.reader_id LEFT JOIN adjudications a ON a.comparison_id = c.id "
      "ORDER BY c.id");
  std::vector<ReadingHistoryRow> out;
  while (q.next()) {
    ReadingHistoryRow r;
    r.comparison = comparisonFrom(q);
    r.studyId = q.value(7).toString();
    r.timepointLabel = q.value(8).toString();
    r.readerA = q.value(9).toString();
    r.readerB = q.value(10).toString();
    if (!q.value(11).isNull()) {
      r.chosenRead = q.value(11).toLongLong() == r.comparison.readAId ? "A" : "B";
    }
    r.current = q.value(12).toInt() == 0;
    out.push_back(r);
  }
  return out;
}

}  // namespace nbra::records
