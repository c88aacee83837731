#pragma once

#include <QString>
#include <optional>
#include <vector>

#include "records/database/RecordDatabase.h"
#include "records/store/AccountRecords.h"
#include "records/store/ProtocolRecords.h"
#include "records/store/ReadingRecords.h"
#include "records/store/RecordTypes.h"
#include "records/users/PasswordHash.h"
#include "records/users/Role.h"

namespace nbra::records {

// The one meaning of a read signature. Decisions have their own fixed meanings ("eligibility
// confirmed" / "not eligible", "extra doses approved" / "extra doses refused").
inline const QString kReadSignatureMeaning = QStringLiteral("read complete");

// The signed-in user every write is attributed to.
struct Actor {
  qint64 id = 0;
  QString userName;
  QString fullName;
  Role role = Role::Reader;
};

// The trial record as the people of the trial use it. Each public write is one user action: it
// checks the actor's role first, then runs in one transaction together with its audit entries.
// Every failure is a RecordError whose message names the subject, timepoint, user or role.
class TrialRecord {
 public:
  explicit TrialRecord(RecordDatabase& db, HashCost newHashCost = HashCost::Interactive);

  // The named settings of the protocol's rules (checklist thresholds, injection window, release
  // limits); the defaults of docs/protocol.md until set.
  void setProtocolSettings(const ProtocolSettings& settings);
  const ProtocolSettings& protocolSettings() const;

  // How many consecutive wrong passwords lock an account (default 5). Refused below 1 or
  // above 100.
  void setAccountSettings(const AccountSettings& settings);
  const AccountSettings& accountSettings() const;

  // --- accounts ---------------------------------------------------------------------------
  bool hasUsers();
  // Creates the first administrator of an empty record (and signs it in). Refused once any
  // account exists.
  void bootstrapAdministrator(const QString& userName, const QString& fullName,
                              const QString& password);
  // Checks the password and makes the user the actor (TrialRecordSignIn.cpp). Every attempt on
  // an account is written (sign_in_attempts, audited), an unknown name as a note in the trail.
  // Refused for an unknown name, a wrong password (saying how many attempts are left, or that
  // the account is now locked), a locked account (even with the right password) and a
  // deactivated one. A successful sign-in resets the account's count of failures.
  void signIn(const QString& userName, const QString& password);
  // Administrator: clears the account's failures (locked or not) with a reason, audited.
  // Refused when there is nothing to clear.
  void unlockUser(const QString& userName, const QString& reason);
  // An administrator, or the signed-in user for their own account: failures since the last
  // successful sign-in or unlock, and whether the account is locked.
  SignInState signInState(const QString& userName);
  const Actor& actor() const;
  // Throws the role refusal unless the actor may do `permission` (for callers that prepare
  // work before the write, so a refused user is told before any of it is done).
  void require(Permission permission) const;
  qint64 createUser(const QString& userName, const QString& fullName, Role role,
                    const QString& password);
  std::vector<UserRecord> users();
  // Administrator: an account is deactivated, never deleted (its signatures stay meaningful).
  void setUserActive(const QString& userName, bool active, const QString& reason);
  // Own password, or (administrator) anyone's.
  void setPassword(const QString& userName, const QString& newPassword, const QString& reason);

  // --- subjects (coordinator) ---------------------------------------------------------------
  qint64 createSubject(const SubjectInput& subject);
  void recordBodyMeasurement(const QString& studyId, const QDate& measured, double weightKg,
                             std::optional<double> heightCm);
  // Refused unless the imaging eligibility and the eligibility checklist are both signed
  // "eligible", the checklist's signature is current (no answer and no imaging decision changed
  // since) and the checklist still says eligible on `enrolled` (age is judged that day).
  void enrol(const QString& studyId, const QDate& enrolled, const QString& site);
  // The dose is computed from the weight measured on `given` (5 x 10^6 NK cells per kg);
  // refused when no weight was measured that day, when the cells given differ from that dose by
  // more than the tolerance (10 %), for injection 1 without a signed "eligible" confirmation, for
  // injections 4-5 without a signed extra-dose approval (injection 4 not dated before its
  // signing), without the end of the chemotherapy course it follows, before its window opens,
  // and without a thaw check of a released lot that passes (TrialRecordProduct.cpp).
  InjectionRecord recordInjection(const QString& studyId, int number, const QDate& given,
                                  std::int64_t cellsGiven);

  // --- eligibility checklist (TrialRecordChecklist.cpp, docs/protocol.md) -------------------
  // Coordinator: one answer. Changing an item already answered needs a reason and supersedes
  // the earlier answer. Refused by name for an answer the rules call impossible.
  qint64 recordChecklistAnswer(const QString& studyId, const ChecklistAnswerInput& answer,
                               const QString& reason = {});
  // Several answers (a file of them) in one transaction: one refused answer saves none. `reason`
  // is kept on the answers that change an earlier one.
  std::vector<qint64> recordChecklistAnswers(const QString& studyId,
                                             const std::vector<ChecklistAnswerInput>& answers,
                                             const QString& reason = {});
  // Every answer ever given, oldest first (corrections included).
  std::vector<ChecklistAnswerRecord> checklistHistory(const QString& studyId);
  // Coordinator or investigator: the rules' verdict on the latest answers, judged on `judgedOn`.
  ChecklistReview checklistReview(const QString& studyId, const QDate& judgedOn);
  // Investigator: signs the verdict the rules give (password again). Refused while any
  // criterion is missing, or an answer is dated after `judgedOn`. A new signature supersedes the
  // previous one.
  qint64 signChecklist(const QString& studyId, const QDate& judgedOn, const QString& reason,
                       const QString& password);
  // The latest signed checklist, with `stale` saying what changed since (empty when current).
  std::optional<ChecklistSignoffRecord> checklistSignoff(const QString& studyId);

  // --- chemotherapy courses and the injection calendar (TrialRecordSchedule.cpp) ------------
  // Coordinator: the end date of course `number` (1..5). A correction needs a reason and is
  // refused once the injection that follows the course was given.
  qint64 recordCourseEnd(const QString& studyId, int number, const QDate& endDate,
                         const QString& reason = {});
  std::vector<CourseRecord> courses(const QString& studyId);  // the current end of each course
  // The calendar as of `today`: due dates, windows, weights and doses, flags.
  std::vector<ScheduleLine> injectionSchedule(const QString& studyId, const QDate& today);
  // Any clinical role: the next injection whose course has ended and that was not given yet, and
  // its due date (course end + the setting's days); what makes a read or a decision urgent.
  std::optional<NextInjection> nextInjectionDue(const QString& studyId);

  // --- NK-cell product (TrialRecordProduct.cpp) ----------------------------------------------
  // Coordinator: a lot with its release QC. A lot that fails QC is recorded too (and shown as
  // not released); its values are refused only when impossible.
  qint64 recordProductLot(const ProductLotInput& lot);
  std::vector<ProductLotRecord> productLots();
  // Coordinator: the thaw-and-wash check of `lotCode` for injection `injectionNumber`; the
  // newest check of an injection is the one that counts.
  qint64 recordThawCheck(const QString& studyId, int injectionNumber, const QString& lotCode,
                         const ThawCheckInput& check);
  std::vector<ThawCheckRecord> thawChecks(const QString& studyId);
  qint64 addTimepoint(const QString& studyId, const QString& label, const QString& kind,
                      const QDate& scanDate, const QStringList& studyInstanceUids);

  // --- reads (reader) -----------------------------------------------------------------------
  // Saves the actor's draft read of the timepoint (creating it, or replacing the draft).
  // Refused when the actor's current read is signed: use correctRead.
  qint64 saveRead(const QString& studyId, const QString& timepointLabel,
                  const ReadContent& content);
  // Signs the actor's current draft; asks for the password again. The meaning is always
  // kReadSignatureMeaning; any other is refused (it is a parameter so that a caller passing one
  // through, like the CLI's --meaning, gets a clear refusal rather than a silent substitution).
  void signRead(const QString& studyId, const QString& timepointLabel, const QString& password,
                const QString& meaning = kReadSignatureMeaning);
  // A new draft version that supersedes the actor's signed read, with the reason.
  qint64 correctRead(const QString& studyId, const QString& timepointLabel,
                     const ReadContent& content, const QString& reason);
  // The reads of a timepoint the actor may see: every signed read (latest version per reader)
  // and the actor's own draft. Never another reader's unsigned read.
  std::vector<ReadRecord> reads(const QString& studyId, const QString& timepointLabel);

  // --- reading design and adjudication (TrialRecordReading.cpp, docs/adjudication.md) --------
  // The design in force (the default single read until an administrator sets one).
  ReadingDesign readingDesign();
  // Administrator: "single" or "double" with the discordance settings, and a reason.
  qint64 setReadingDesign(const QString& design, const scoring::DiscordanceSettings& settings,
                          const QString& reason);
  // Coordinator: `userName` takes `duty` (kReader1, kReader2, kAdjudicatorDuty) on the timepoint.
  // Readers hold the reader role and the adjudicator the adjudicator role; the three of a
  // timepoint are different people (accounts and full names). A change needs a reason and is
  // refused once the reader it replaces has started a read.
  qint64 assignReader(const QString& studyId, const QString& label, const QString& duty,
                      const QString& userName, const QString& reason = {});
  // Coordinator (or administrator): the active accounts of `role` that may take a duty, to choose
  // from (a coordinator may not list the accounts otherwise).
  std::vector<UserRecord> assignableUsers(Role role);
  // Coordinator: both readers drawn at random from the active readers
  // (scoring::drawTwoReaders, reproducible from `seed`). Refused when readers are assigned.
  std::vector<ReadAssignmentRecord> drawReaders(const QString& studyId, const QString& label,
                                                std::uint64_t seed);
  // The current assignments of a timepoint (an adjudicator sees the duties, not the names).
  std::vector<ReadAssignmentRecord> assignments(const QString& studyId, const QString& label);
  // The signed-in user's current duties over the whole record.
  std::vector<ReadAssignmentRecord> myAssignments();
  // Where the timepoint stands and its read of record. A reader never sees it under double
  // reading, and under single reading only once their own read of the timepoint is signed.
  ReadingStatus readingStatus(const QString& studyId, const QString& label);
  // The comparison of the readers' current signed reads, as the workflow worked it out; kept
  // once per pair of reads (asking again returns the kept one). Never by a reader.
  qint64 recordComparison(const QString& studyId, const QString& label,
                          const ComparisonInput& comparison);
  // Adjudicator: one of the two compared reads becomes the read of record (password again).
  // Refused for a read of another timepoint or an older version, a timepoint already adjudicated
  // on these reads, a concordant or unread one, or when another adjudicator is assigned to it
  // (with none assigned, any adjudicator may).
  qint64 adjudicate(const QString& studyId, const QString& label, qint64 chosenReadId,
                    const QString& reason, const QString& password);
  // Investigator or administrator: every comparison with its readers and the choice made.
  std::vector<ReadingHistoryRow> readingHistory();

  // --- decisions (investigator) -------------------------------------------------------------
  qint64 recordAssessment(const QString& studyId, const QString& timepointLabel,
                          const AssessmentInput& assessment);
  std::vector<AssessmentRecord> assessments(const QString& studyId);
  // Signed on writing (password again). `supersedes` corrects an earlier decision.
  qint64 confirmEligibility(const QString& studyId, bool eligible, const QString& reason,
                            const QString& password, std::optional<qint64> assessmentId = {},
                            std::optional<qint64> supersedes = {});
  // An approval must name its assessment. A decision against the named assessment's outcome
  // (approving what it did not allow, refusing what it allowed) is an override and needs
  // `overrideReason`, which is kept in the signed reason. Callers use
  // workflow::signExtraDoseDecision, which also finds the decision a new one corrects.
  qint64 decideExtraDoses(const QString& studyId, bool approved, const QString& reason,
                          const QString& password, std::optional<qint64> assessmentId = {},
                          std::optional<qint64> supersedes = {},
                          const QString& overrideReason = {});

  // --- arms and masking (TrialRecordArms.cpp, docs/results.md) -------------------------------
  // Coordinator: the arm from the trial's external randomisation. A change of an existing arm
  // needs a reason and is refused once anyone has unmasked (the arm was seen).
  qint64 recordArm(const QString& studyId, const QString& armCode, const QString& reason = {});
  // Coordinator: NBRA's own seeded 1:1 permuted-block list; one per record.
  qint64 createAllocationList(std::uint64_t seed, int blockSize, int length);
  // Coordinator: the next free slot of the list becomes the subject's arm. Returns the arm code.
  QString allocate(const QString& studyId);
  std::optional<AllocationListRecord> allocationList();
  // Investigator or coordinator: sees the arms from now on; with a reason and the password,
  // audited; once per user and never undone (what was seen cannot be unseen).
  qint64 unmask(const QString& reason, const QString& password);
  bool actorIsUnmasked();
  // Throws the refusal (naming the user, and "masked") unless the actor has unmasked.
  void requireUnmasked();
  std::vector<UnmaskingRecord> unmaskings();
  // The subject's current arm; nullopt when none was recorded. Refused unless the actor has
  // unmasked (a reader never can): "masked" in the message.
  std::optional<ArmRecord> arm(const QString& studyId);
  std::vector<ArmRecord> armHistory(const QString& studyId);

  // --- reading back -------------------------------------------------------------------------
  SubjectRecord subject(const QString& studyId);
  QStringList subjectIds();
  // The audit trail's newest entry, for printing on reports.
  std::pair<qint64, QString> auditHead();

 private:
  void auditRefusal(const QString& userName, const QString& action, const QString& why);
  // TrialRecordSignIn.cpp
  SignInState signInStateOf(qint64 userId, const QString& userName);
  void writeSignInAttempt(qint64 userId, const QString& userName, bool succeeded,
                          const QString& reason, const QString& auditReason);
  qint64 subjectId(const QString& studyId);
  TimepointRecord timepoint(qint64 subjectId, const QString& studyId, const QString& label);
  void checkPassword(const QString& password, const QString& what);
  void requireEligible(qint64 subjectId, const QString& studyId);
  void requireExtraDoseApproval(qint64 subjectId, const QString& studyId, int number,
                                const QDate& given);
  void requireCellsNearDose(const QString& studyId, int number, const QDate& given, double weightKg,
                            std::int64_t doseCells, std::int64_t cellsGiven);
  QString extraDoseReason(const QString& studyId, bool approved, const QString& reason,
                          std::optional<qint64> assessmentId, const QString& overrideReason);
  qint64 writeSignature(class AuditedWriter& writer, const QString& table, qint64 recordId,
                        const QString& meaning);
  std::optional<Signature> signatureOf(const QString& table, qint64 recordId);
  void writeReadContent(class AuditedWriter& writer, qint64 readId, const ReadContent& content);
  void clearReadContent(class AuditedWriter& writer, qint64 readId);
  ReadContent readContent(qint64 readId, const QString& sourceJson, bool ctDone,
                          std::optional<int> newBoneSites);
  std::vector<DecisionRecord> decisions(const QString& table, qint64 subjectId);
  // Blinded reading (TrialRecordSubjects.cpp): a reader sees other readers' reads and the
  // assessments of a timepoint only after signing a read of it, and the decisions only once every
  // timepoint of the subject has a read of theirs signed.
  bool actorIsBlinded() const;
  std::optional<QString> currentArmCode(qint64 subjectId);
  bool actorHasSignedReadOf(qint64 timepointId);
  std::vector<ReadRecord> withoutBlindedReads(std::vector<ReadRecord> reads, qint64 timepointId);
  QString staleNote(const QString& readIds);
  qint64 writeDecision(const QString& table, Permission permission, const QString& studyId,
                       bool yes, const QString& reason, const QString& password,
                       const QString& meaning, std::optional<qint64> assessmentId,
                       std::optional<qint64> supersedes);

  // TrialRecordChecklist.cpp / TrialRecordSchedule.cpp / TrialRecordProduct.cpp
  // Reading the checklist, the calendar and the product: coordinators and investigators only
  // (a reader needs none of it, the administrator sees no clinical data).
  void requireProtocolView() const;
  void lockSubject(qint64 subjectId);
  // Every injection: the signed checklist still says eligible and still covers the answers.
  void requireChecklistStillEligible(qint64 subjectId, const QString& studyId, int number);
  std::optional<std::pair<qint64, bool>> latestImagingDecision(qint64 subjectId);
  ChecklistReview reviewOf(qint64 subjectId, const QString& studyId, const QDate& judgedOn);
  QString signoffStaleness(qint64 subjectId, const ChecklistSignoffRecord& signoff,
                           bool includeImaging = true);
  void requireChecklistSigned(qint64 subjectId, const QString& studyId, const QDate& enrolled);
  std::optional<CourseRecord> currentCourse(qint64 subjectId, int number);
  struct InjectionProduct {
    qint64 lotId = 0;
    qint64 thawCheckId = 0;
  };
  InjectionProduct requireReleasedProduct(qint64 subjectId, const QString& studyId, int number,
                                          const QDate& given, std::int64_t cellsGiven);

  // TrialRecordReading.cpp
  ReadingStatus statusOf(qint64 timepointId);
  std::vector<ReadAssignmentRecord> currentAssignments(qint64 timepointId);
  // A reader of a timepoint read in double, or with readers assigned, must be one of them.
  void requireAssignedReader(qint64 timepointId, const QString& studyId, const QString& label);
  // An assessment under double reading rests on each timepoint's read of record.
  void requireReadsOfRecord(const QString& studyId, const std::vector<qint64>& readIds);
  bool actorIsAdjudicator() const;
  std::vector<ReadRecord> anonymisedForAdjudicator(std::vector<ReadRecord> reads,
                                                   qint64 timepointId);

  RecordDatabase& db_;
  HashCost newHashCost_;
  ProtocolSettings protocol_;
  AccountSettings accounts_;
  std::optional<Actor> actor_;
};

}  // namespace nbra::records
