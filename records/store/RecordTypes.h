#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace nbra::records {

// Plain values going into and coming out of the trial record. Units are in the names.

struct SubjectInput {
  QString studyId;  // the trial's subject identifier, e.g. "NB-001"
  QString sex;      // "F", "M" or "U" (unknown)
  std::optional<QDate> birthDate;
  std::optional<double> ageYears;  // when only the age is known
};

// One lesion as measured by a reader on one timepoint: RECIST attributes plus where the
// caliper was drawn (patient coordinates in mm, the SOP Instance UID and frame of the image).
struct LesionMeasurement {
  QString trackingId;
  QString organ;
  bool isPrimary = false;
  bool isLymphNode = false;
  QString role = "non-target";  // "target" or "non-target"
  double longAxisMm = 0.0;
  std::optional<double> shortAxisMm;
  double sliceThicknessMm = 0.0;
  bool mibgAvid = false;
  bool fdgAvid = false;
  bool isNew = false;
  // Present but not measurable at this timepoint (RECIST "not evaluable"): the lengths are 0 and
  // mean nothing; the rules make the responses that need the lesion NE.
  bool notEvaluable = false;
  bool biopsyProven = false;
  QString sopInstanceUid;  // empty when not tied to an image
  std::optional<int> frame;
  std::optional<std::array<double, 3>> startMm;  // long axis ends
  std::optional<std::array<double, 3>> endMm;
  std::optional<std::array<double, 3>> shortStartMm;  // short axis ends, when drawn
  std::optional<std::array<double, 3>> shortEndMm;
};

// One MIBG segment as read: a typed score or the number of marks placed ("curie" segments
// 0..9 or "siopen" segments 0..11).
struct MibgSegmentEntry {
  QString scale;
  int segment = 0;
  std::optional<int> score;
  std::optional<int> marks;
  bool diffuse = false;
  int primaryMarks = 0;
};

struct PetFinding {
  int avidBoneLesions = 0;
  int newAvidBoneLesions = 0;
  bool newLesionsConfirmed = false;
};

struct MarrowResult {
  QString kind;  // "aspirate" or "biopsy"
  double infiltrationPercent = 0.0;
  bool pathologyConfirmed = false;
};

// What a reader enters for one timepoint: the rows are the read's one source of truth. What the
// rules run on, and what the CSV, report and SR show, is derived from them (workflow/reads).
struct ReadContent {
  bool ctDone = false;
  std::vector<LesionMeasurement> lesions;
  std::vector<MibgSegmentEntry> mibg;
  std::optional<int> mibgNewBoneSites;
  std::optional<PetFinding> pet;
  std::vector<MarrowResult> marrow;
  // Reads saved before schema 8 only: the case timepoint NBRA then stored beside the rows
  // (reads.source_json). Never written; `audit verify` checks that it agrees with the rows.
  QString legacyCaseJson;
  // The workstation's marks and lesion table as drawn (viewer/app/read), so reopening a read
  // restores every mark exactly; empty for reads entered without the workstation.
  QString marksJson;
};

struct Signature {
  QString signerName;  // full name, as the regulation asks, not the login
  QString signerUserName;
  QString meaning;    // "read complete", "eligibility confirmed", "extra doses approved"
  QString signedUtc;  // ISO 8601 UTC
};

struct ReadRecord {
  qint64 id = 0;
  QString timepointLabel;
  QString readerUserName;
  QString readerName;
  int version = 1;
  std::optional<qint64> supersedesId;
  QString correctionReason;
  QString status;  // "draft" or "signed"
  QString updatedUtc;
  ReadContent content;
  std::optional<Signature> signature;
};

struct BodyMeasurement {
  QDate measuredDate;
  double weightKg = 0.0;
  std::optional<double> heightCm;
};

struct InjectionRecord {
  int number = 0;
  QDate givenDate;
  double weightKg = 0.0;
  std::int64_t doseCells = 0;   // 5 x 10^6 NK cells per kg of that day's weight
  std::int64_t cellsGiven = 0;  // what the pharmacy actually released
  // Schema 10 on (empty for injections recorded before): the lot injected and the timing
  // against the chemotherapy course it follows ("on-time", "late").
  QString lotCode;
  QString timing;
  std::optional<int> daysFromDue;
};

struct TimepointRecord {
  qint64 id = 0;
  QString label;
  QString kind;  // "baseline" or "follow-up"
  QDate scanDate;
  QStringList studyInstanceUids;
};

struct AssessmentInput {
  QString ruleSetVersion;
  std::optional<QString> overallResponse;  // "CR".."NE"; none at baseline
  bool eligible = false;
  QString extraDoses;  // "allowed", "not-allowed", "not-yet-decidable"
  QString outputJson;  // the full output of `nbra-cli assess`
  std::vector<qint64> readIds;
};

struct AssessmentRecord {
  qint64 id = 0;
  QString timepointLabel;
  QString ruleSetVersion;
  std::optional<QString> overallResponse;
  bool eligible = false;
  QString extraDoses;
  QString outputJson;
  QString createdUtc;
  QString createdByName;
  // Non-empty when a read it was built from has since been corrected, e.g. "superseded: built
  // on read 3, corrected by read 5": its outcome may no longer hold, so nothing may rest on it.
  QString superseded;
};

// An eligibility confirmation or an extra-dose decision: always signed when written.
struct DecisionRecord {
  qint64 id = 0;
  bool yes = false;  // eligible / extra doses approved
  QString reason;
  std::optional<qint64> assessmentId;
  std::optional<qint64> supersedesId;
  std::optional<Signature> signature;
};

struct SubjectRecord {
  qint64 id = 0;
  QString studyId;
  QString sex;
  std::optional<QDate> birthDate;
  std::optional<double> ageYears;
  std::optional<QDate> enrolledDate;
  QString site;
  std::vector<BodyMeasurement> measurements;
  std::vector<InjectionRecord> injections;
  std::vector<TimepointRecord> timepoints;
  std::vector<DecisionRecord> eligibility;
  std::vector<DecisionRecord> extraDoseDecisions;
};

// A subject's arm as the record holds it: the newest row of subject_arms for the subject.
struct ArmRecord {
  qint64 id = 0;
  QString studyId;
  QString arm;     // an arm code of records/store/TrialArms.h ("NK", "CONTROL")
  QString source;  // "external" (entered from the trial's randomisation) or "allocation"
  std::optional<int> allocationSequence;  // the slot of NBRA's list, for source "allocation"
  std::optional<qint64> supersedesId;
  QString reason;
  QString recordedUtc;
  QString recordedByName;
};

// NBRA's own 1:1 permuted-block allocation list (scoring/results/AllocationList.h).
struct AllocationListRecord {
  qint64 id = 0;
  std::uint64_t seed = 0;
  int blockSize = 0;
  int length = 0;
  int used = 0;  // slots already given to subjects
  QString createdUtc;
  QString createdByName;
};

struct UnmaskingRecord {
  qint64 id = 0;
  QString userName;
  QString fullName;
  QString reason;
  QString createdUtc;
};

struct UserRecord {
  qint64 id = 0;
  QString userName;
  QString fullName;
  QString role;
  bool active = true;
  // Wrong passwords since the last successful sign-in or unlock, and whether they reached the
  // lock-out setting (TrialRecord::signInState).
  int failedSignIns = 0;
  bool locked = false;
};

}  // namespace nbra::records
