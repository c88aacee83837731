// The eligibility checklist: the coordinator enters the protocol's inclusion and exclusion items
// from the source documents, the rules judge them (scoring/checklist), the investigator signs the
// verdict, and enrolment waits for both signed verdicts (this one and the imaging eligibility).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <cmath>
#include <map>
#include <stdexcept>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/DateConversion.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::dateText;
using detail::fail;

namespace {

const char* const kAnswerColumns =
    "a.id, a.item_key, a.answer_yes, a.value, a.unit, a.answered_date, a.source_document, "
    "a.supersedes_id, a.reason, a.recorded_utc, u.full_name";

ChecklistAnswerRecord answerFrom(const QSqlQuery& q) {
  ChecklistAnswerRecord r;
  r.id = q.value(0).toLongLong();
  r.answer.key = q.value(1).toString();
  if (!q.value(2).isNull()) {
    r.answer.yes = q.value(2).toInt() != 0;
  }
  r.answer.value = detail::optionalDouble(q.value(3));
  r.answer.unit = q.value(4).toString();
  r.answer.date = detail::dateFrom(q.value(5)).value_or(QDate());
  r.answer.sourceDocument = q.value(6).toString();
  if (!q.value(7).isNull()) {
    r.supersedesId = q.value(7).toLongLong();
  }
  r.reason = q.value(8).toString();
  r.recordedUtc = q.value(9).toString();
  r.recordedByName = q.value(10).toString();
  return r;
}

// The subject's answers matching `condition` (on the row `a`), oldest first.
std::vector<ChecklistAnswerRecord> answersWhere(RecordDatabase& db, qint64 subject,
                                                const QString& condition) {
  QSqlQuery q = db.run(QString("SELECT %1 FROM checklist_answers a JOIN users u ON u.id = "
                               "a.recorded_by WHERE a.subject_id = ? %2 ORDER BY a.id")
                           .arg(kAnswerColumns, condition),
                       {subject});
  std::vector<ChecklistAnswerRecord> out;
  while (q.next()) {
    out.push_back(answerFrom(q));
  }
  return out;
}

// The newest answer per item: an answer is current when no later answer supersedes it.
std::vector<ChecklistAnswerRecord> currentAnswers(RecordDatabase& db, qint64 subject) {
  return answersWhere(db, subject,
                      "AND NOT EXISTS (SELECT 1 FROM checklist_answers b WHERE b.supersedes_id = "
                      "a.id)");
}

scoring::ChecklistAnswer toRuleAnswer(const ChecklistAnswerInput& a) {
  scoring::ChecklistAnswer r;
  r.key = a.key.toStdString();
  r.yes = a.yes;
  r.value = a.value;
  r.unit = a.unit.toStdString();
  r.date = a.date.isValid() ? detail::toChronoDate(a.date) : scoring::Date{};
  r.sourceDocument = a.sourceDocument.toStdString();
  return r;
}

QString idList(const std::vector<qint64>& ids) {
  QStringList parts;
  for (qint64 id : ids) {
    parts << QString::number(id);
  }
  return parts.join(',');
}

QJsonObject settingsJson(const scoring::ChecklistSettings& s) {
  return {
      {"minAgeYears", s.minAgeYears},
      {"maxAgeYears", s.maxAgeYears},
      {"ageLimit", s.ageLimit == scoring::AgeLimitReading::CompletedYears ? "completed-years"
                                                                          : "up-to-upper-birthday"},
      {"minInductionCycles", s.minInductionCycles},
      {"minLifeExpectancyMonths", s.minLifeExpectancyMonths},
      {"raisedCatecholaminesTimesUln", s.raisedCatecholaminesTimesUln},
      {"excludedCatecholaminesTimesUln", s.excludedCatecholaminesTimesUln},
      {"catecholamines", s.catecholamines == scoring::CatecholamineReading::Literal
                             ? "literal"
                             : "limit-only-without-pathology"},
      {"minShorteningFractionPercent", s.minShorteningFractionPercent},
      {"minEjectionFractionPercent", s.minEjectionFractionPercent},
      {"minSpO2Percent", s.minSpO2Percent},
      {"steroidDoseMgPerKgPerDay", s.steroidDoseMgPerKgPerDay},
      {"steroidDays", s.steroidDays},
      {"maxDiarrhoeaGrade", s.maxDiarrhoeaGrade},
      {"maxOrganToxicityGrade", s.maxOrganToxicityGrade},
  };
}

// What a signature freezes: the verdict, each criterion with its reasons, the notes, the answers
// read (by id) and the settings the rules ran with.
QString evaluationJson(const ChecklistReview& review, const scoring::ChecklistSettings& settings) {
  QJsonArray criteria;
  for (const scoring::CriterionResult& c : review.result.criteria) {
    QJsonArray reasons;
    for (const std::string& r : c.reasons) {
      reasons.append(QString::fromStdString(r));
    }
    criteria.append(QJsonObject{
        {"id", QString::fromStdString(c.id)},
        {"kind", c.kind == scoring::CriterionKind::Inclusion ? "inclusion" : "exclusion"},
        {"title", QString::fromStdString(c.title)},
        {"status", QString::fromStdString(std::string(scoring::criterionStatusCode(c.status)))},
        {"reasons", reasons}});
  }
  QJsonArray notes;
  for (const std::string& n : review.result.notes) {
    notes.append(QString::fromStdString(n));
  }
  QJsonArray answers;
  for (const ChecklistAnswerRecord& a : review.answers) {
    QJsonObject o{{"id", a.id},
                  {"key", a.answer.key},
                  {"date", dateText(a.answer.date)},
                  {"source", a.answer.sourceDocument}};
    if (a.answer.yes) {
      o["yes"] = *a.answer.yes;
    }
    if (a.answer.value) {
      o["value"] = *a.answer.value;
      o["unit"] = a.answer.unit;
    }
    answers.append(o);
  }
  QJsonObject root{{"judgedOn", dateText(review.judgedOn)},
                   {"complete", review.result.complete},
                   {"eligible", review.result.eligible},
                   {"criteria", criteria},
                   {"notes", notes},
                   {"answers", answers},
                   {"settings", settingsJson(settings)}};
  if (review.imagingDecisionId) {
    root["imagingDecisionId"] = *review.imagingDecisionId;
  }
  return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

}  // namespace

// On PostgreSQL two sessions can both pass a read-then-insert check (SQLite's transactions are
// BEGIN IMMEDIATE, so it serialises them already): every write of the subject's protocol history
// (answers, signatures, enrolment, courses, thaw checks, injections) locks the subject's row first,
// so an enrolment never commits beside an answer change it did not see.
void TrialRecord::lockSubject(qint64 subject) {
  if (db_.backend() == Backend::Postgres) {
    db_.run("SELECT id FROM subjects WHERE id = ? FOR UPDATE", {subject});
  }
}

void TrialRecord::requireProtocolView() const {
  const Actor& a = actor();
  if (!roleAllows(a.role, Permission::EnterChecklist) &&
      !roleAllows(a.role, Permission::SignChecklist)) {
    fail(RecordErrorKind::Refused,
         QString("refused: user '%1' is %2 and may not see the checklist, the injection "
                 "calendar or the NK-cell product (allowed roles: coordinator or investigator)")
             .arg(a.userName, roleWithArticle(a.role)));
  }
}

// The subject's newest signed imaging eligibility decision: its id and whether it says eligible.
std::optional<std::pair<qint64, bool>> TrialRecord::latestImagingDecision(qint64 subject) {
  QSqlQuery q = db_.run(
      "SELECT d.id, d.eligible FROM eligibility_confirmations d JOIN signatures s ON "
      "s.table_name = 'eligibility_confirmations' AND s.record_id = d.id WHERE d.subject_id = ? "
      "ORDER BY d.id DESC LIMIT 1",
      {subject});
  if (!q.next()) {
    return std::nullopt;
  }
  return std::pair{q.value(0).toLongLong(), q.value(1).toInt() != 0};
}

qint64 TrialRecord::recordChecklistAnswer(const QString& studyId, const ChecklistAnswerInput& input,
                                          const QString& reason) {
  return recordChecklistAnswers(studyId, {input}, reason).front();
}

// All answers in one transaction: a file with one bad answer writes none of them.
std::vector<qint64> TrialRecord::recordChecklistAnswers(
    const QString& studyId, const std::vector<ChecklistAnswerInput>& inputs,
    const QString& reason) {
  require(Permission::EnterChecklist);
  const SubjectRecord s = subject(studyId);
  const auto birth =
      s.birthDate ? std::optional<scoring::Date>(detail::toChronoDate(*s.birthDate)) : std::nullopt;
  for (const ChecklistAnswerInput& input : inputs) {
    try {
      scoring::validateChecklistAnswer(toRuleAnswer(input), birth,
                                       detail::toChronoDate(QDate::currentDate()));
    } catch (const std::invalid_argument& e) {
      fail(RecordErrorKind::BadInput,
           QString("subject '%1', checklist: %2").arg(studyId, QString::fromUtf8(e.what())));
    }
  }
  Transaction t(db_);
  lockSubject(s.id);
  AuditedWriter writer(db_, actor().userName);
  std::vector<qint64> ids;
  // The current answer of each item, read once and kept up to date as the file is written.
  std::map<QString, qint64> current;
  for (const ChecklistAnswerRecord& a : currentAnswers(db_, s.id)) {
    current[a.answer.key] = a.id;
  }
  for (const ChecklistAnswerInput& input : inputs) {
    const auto found = current.find(input.key);
    const std::optional<qint64> previous =
        found == current.end() ? std::nullopt : std::optional<qint64>(found->second);
    if (previous && reason.trimmed().isEmpty()) {
      fail(RecordErrorKind::BadInput,
           QString("subject '%1', checklist: '%2' is already answered (answer %3); changing it "
                   "needs a reason; nothing was saved")
               .arg(studyId, input.key)
               .arg(*previous));
    }
    // The reason belongs to a change; a first answer has none.
    const QString why = previous ? reason.trimmed() : QString();
    ids.push_back(writer.insert(
        "checklist_answers",
        {{"subject_id", s.id},
         {"item_key", input.key},
         {"answer_yes", input.yes ? QVariant(int(*input.yes)) : QVariant()},
         {"value", detail::orNull(input.value)},
         {"unit", detail::text(input.value ? input.unit : QString())},
         {"answered_date", dateText(input.date)},
         {"source_document", detail::text(input.sourceDocument.trimmed())},
         {"supersedes_id", detail::orNull(previous)},
         {"reason", detail::text(why)},
         {"recorded_utc", detail::nowUtc()},
         {"recorded_by", actor().id}},
        previous ? "checklist answer changed: " + why : "checklist answer " + input.key));
    current[input.key] = ids.back();
  }
  t.commit();
  return ids;
}

std::vector<ChecklistAnswerRecord> TrialRecord::checklistHistory(const QString& studyId) {
  requireProtocolView();
  return answersWhere(db_, subjectId(studyId), QString());
}

ChecklistReview TrialRecord::reviewOf(qint64 subject, const QString& studyId,
                                      const QDate& judgedOn) {
  if (!judgedOn.isValid()) {
    fail(RecordErrorKind::BadInput,
         "subject '" + studyId + "', checklist: the date it is judged for is not a valid date");
  }
  const SubjectRecord s = this->subject(studyId);
  ChecklistReview review;
  review.judgedOn = judgedOn;
  review.answers = currentAnswers(db_, subject);
  scoring::ChecklistInput in;
  if (s.birthDate) {
    in.birthDate = detail::toChronoDate(*s.birthDate);
  }
  in.recordedAgeYears = s.ageYears;
  in.enrolmentDate = detail::toChronoDate(judgedOn);
  if (const auto imaging = latestImagingDecision(subject)) {
    review.imagingDecisionId = imaging->first;
    in.imagingEligible = imaging->second;
  }
  for (const ChecklistAnswerRecord& a : review.answers) {
    in.answers.push_back(toRuleAnswer(a.answer));
  }
  try {
    review.result = scoring::evaluateChecklist(in, protocol_.checklist);
  } catch (const std::invalid_argument& e) {
    // Only an item key the rules no longer know can get here (answers are validated on entry).
    fail(RecordErrorKind::Conflict,
         QString("subject '%1', checklist: %2").arg(studyId, QString::fromUtf8(e.what())));
  }
  review.evaluationJson = evaluationJson(review, protocol_.checklist);
  return review;
}

ChecklistReview TrialRecord::checklistReview(const QString& studyId, const QDate& judgedOn) {
  requireProtocolView();
  return reviewOf(subjectId(studyId), studyId, judgedOn);
}

qint64 TrialRecord::signChecklist(const QString& studyId, const QDate& judgedOn,
                                  const QString& reason, const QString& password) {
  require(Permission::SignChecklist);
  if (reason.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput,
         "subject '" + studyId + "': signing the checklist needs a reason (what was reviewed)");
  }
  checkPassword(password, "eligibility checklist for subject '" + studyId + "'");
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  const ChecklistReview review = reviewOf(subject, studyId, judgedOn);
  // The evidence must exist on the day judged: an answer dated later cannot have been known.
  for (const ChecklistAnswerRecord& a : review.answers) {
    if (a.answer.date > judgedOn) {
      fail(RecordErrorKind::Conflict,
           QString("subject '%1': the answer to %2 is dated %3, after the day the checklist is "
                   "judged for (%4); judge it for %3 or later")
               .arg(studyId, a.answer.key, dateText(a.answer.date), dateText(judgedOn)));
    }
  }
  if (!review.result.complete) {
    QStringList missing;
    for (const scoring::CriterionResult& c : review.result.criteria) {
      if (c.status == scoring::CriterionStatus::Missing) {
        missing << QString::fromStdString(c.id);
      }
    }
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': the checklist cannot be signed while criteria are missing (%2)")
             .arg(studyId, missing.join(", ")));
  }
  QSqlQuery latest = db_.run(
      "SELECT id FROM checklist_signoffs WHERE subject_id = ? ORDER BY id DESC LIMIT 1", {subject});
  const std::optional<qint64> previous =
      latest.next() ? std::optional<qint64>(latest.value(0).toLongLong()) : std::nullopt;
  latest.finish();
  std::vector<qint64> answerIds;
  for (const ChecklistAnswerRecord& a : review.answers) {
    answerIds.push_back(a.id);
  }
  const bool eligible = review.result.eligible;
  AuditedWriter writer(db_, actor().userName);
  const qint64 id =
      writer.insert("checklist_signoffs",
                    {{"subject_id", subject},
                     {"eligible", int(eligible)},
                     {"judged_date", dateText(judgedOn)},
                     {"reason", detail::text(reason.trimmed())},
                     {"evaluation_json", review.evaluationJson},
                     {"answer_ids", idList(answerIds)},
                     {"imaging_decision_id", detail::orNull(review.imagingDecisionId)},
                     {"supersedes_id", detail::orNull(previous)},
                     {"created_utc", detail::nowUtc()},
                     {"created_by", actor().id}},
                    reason.trimmed());
  writeSignature(
      writer, "checklist_signoffs", id,
      eligible ? "eligibility checklist: eligible" : "eligibility checklist: not eligible");
  t.commit();
  return id;
}

QString TrialRecord::signoffStaleness(qint64 subject, const ChecklistSignoffRecord& signoff,
                                      bool includeImaging) {
  QStringList why;
  std::map<qint64, QString> signedAnswers;
  for (qint64 id : signoff.answerIds) {
    signedAnswers[id] = {};
  }
  for (const ChecklistAnswerRecord& a : currentAnswers(db_, subject)) {
    if (signedAnswers.erase(a.id) == 0) {
      why << QString("the answer to %1 changed (answer %2)").arg(a.answer.key).arg(a.id);
    }
  }
  const auto imaging = latestImagingDecision(subject);
  const std::optional<qint64> imagingId =
      imaging ? std::optional<qint64>(imaging->first) : std::nullopt;
  if (includeImaging && imagingId != signoff.imagingDecisionId) {
    why << "the imaging eligibility decision changed";
  }
  return why.join("; ");
}

std::optional<ChecklistSignoffRecord> TrialRecord::checklistSignoff(const QString& studyId) {
  requireProtocolView();
  const qint64 subject = subjectId(studyId);
  QSqlQuery q = db_.run(
      "SELECT id, eligible, judged_date, reason, evaluation_json, answer_ids, "
      "imaging_decision_id, supersedes_id FROM checklist_signoffs WHERE subject_id = ? ORDER BY "
      "id DESC LIMIT 1",
      {subject});
  if (!q.next()) {
    return std::nullopt;
  }
  ChecklistSignoffRecord r;
  r.id = q.value(0).toLongLong();
  r.eligible = q.value(1).toInt() != 0;
  r.judgedOn = detail::dateFrom(q.value(2)).value_or(QDate());
  r.reason = q.value(3).toString();
  r.evaluationJson = q.value(4).toString();
  for (const QString& id : q.value(5).toString().split(',', Qt::SkipEmptyParts)) {
    r.answerIds.push_back(id.toLongLong());
  }
  if (!q.value(6).isNull()) {
    r.imagingDecisionId = q.value(6).toLongLong();
  }
  if (!q.value(7).isNull()) {
    r.supersedesId = q.value(7).toLongLong();
  }
  q.finish();
  r.signature = signatureOf("checklist_signoffs", r.id);
  r.stale = signoffStaleness(subject, r);
  return r;
}

// Eligibility is judged once, at enrolment, but a later change of the checklist's evidence (consent
// withdrawn, a new exclusion) must reach the treatment: every injection needs the latest signed
// checklist to say eligible and to still cover the answers. Age is not judged again (the limit is
// for enrolment), nor the imaging decision: injection 1 needs it signed "eligible" on its own
// (requireEligible), and after that the imaging reading decides through the extra-dose decision.
void TrialRecord::requireChecklistStillEligible(qint64 subject, const QString& studyId,
                                                int number) {
  const auto signoff = checklistSignoff(studyId);
  if (!signoff || !signoff->signature || !signoff->eligible) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection %2 needs the eligibility checklist signed 'eligible' by "
                 "an investigator")
             .arg(studyId)
             .arg(number));
  }
  const QString stale = signoffStaleness(subject, *signoff, false);
  if (!stale.isEmpty()) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection %2 is refused: since the eligibility checklist was "
                 "signed, %3; the investigator must review and sign it again")
             .arg(studyId)
             .arg(number)
             .arg(stale));
  }
}

// Enrolment is the moment both verdicts must hold: the imaging eligibility and the checklist,
// both signed "eligible", the checklist's signature still covering today's answers and imaging
// decision, and the checklist still eligible on the enrolment day itself (age moves on).
void TrialRecord::requireChecklistSigned(qint64 subject, const QString& studyId,
                                         const QDate& enrolled) {
  const auto imaging = latestImagingDecision(subject);
  if (!imaging || !imaging->second) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': enrolment needs the imaging eligibility signed 'eligible' by an "
                 "investigator or coordinator (inclusion 5)")
             .arg(studyId));
  }
  const auto signoff = checklistSignoff(studyId);
  if (!signoff || !signoff->signature) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': enrolment needs the eligibility checklist signed by an "
                 "investigator")
             .arg(studyId));
  }
  if (!signoff->eligible) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': the signed eligibility checklist says not eligible (signed %2); "
                 "enrolment is refused")
             .arg(studyId, signoff->signature->signedUtc));
  }
  if (!signoff->stale.isEmpty()) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': the eligibility checklist was signed before %2; the investigator "
                 "must review and sign it again")
             .arg(studyId, signoff->stale));
  }
  if (enrolled < signoff->judgedOn) {
    fail(RecordErrorKind::Conflict,
         QString("subject '%1': enrolment on %2 is before the day the checklist was judged for "
                 "(%3)")
             .arg(studyId, dateText(enrolled), dateText(signoff->judgedOn)));
  }
  const ChecklistReview onTheDay = reviewOf(subject, studyId, enrolled);
  if (!onTheDay.result.eligible) {
    QStringList why;
    for (const scoring::CriterionResult& c : onTheDay.result.criteria) {
      if (c.status == scoring::CriterionStatus::NotMet ||
          c.status == scoring::CriterionStatus::Excludes ||
          c.status == scoring::CriterionStatus::Missing) {
        for (const std::string& r : c.reasons) {
          why << QString::fromStdString(r);
        }
      }
    }
    fail(RecordErrorKind::Refused,
         QString("subject '%1': on %2 the checklist no longer says eligible: %3")
             .arg(studyId, dateText(enrolled), why.join("; ")));
  }
}

}  // namespace nbra::records
