// buildSdtm: the record's subjects, signed reads and stored assessments as SDTM rows. Which read
// and which assessment each row comes from is chosen here, once, and said in the notes whenever
// there was a choice (docs/sdtm.md, "Choices").
#include "workflow/export/Sdtm.h"

#include <QDate>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "records/store/TrialArms.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/export/SdtmDomains.h"
#include "workflow/support/Fail.h"

namespace nbra::workflow {

using records::RecordErrorKind;

QString SdtmDataset::value(const QStringList& row, const QString& variable) const {
  const qsizetype c = column(variable);
  return c >= 0 && c < row.size() ? row[c] : QString();
}

namespace {

// NBRA records NK-cell injections only: a subject of this arm without one was not treated (yet),
// and one of another arm with one had treatment it was not planned to have.
const QString kNkArmCode = QStringLiteral("NK");

// The readings are the central review's, made blind to the arm: INDEPENDENT ASSESSOR (CT EVAL).
const QString kEvaluator = QStringLiteral("INDEPENDENT ASSESSOR");
// The record keeps no modality per lesion; NBRA's lesion table is a CT reading (docs/sdtm.md).
const QString kImagingMethod = QStringLiteral("CT SCAN");
const QString kMibgMethod = QStringLiteral("MIBG SCINTIGRAPHY");  // METHOD is extensible
const QString kResponseCategory = QStringLiteral("INRC 2017");
const QString kNotDone = QStringLiteral("NOT DONE");

using Values = std::vector<std::pair<QString, QString>>;

SdtmDataset datasetOf(const QString& domain) {
  SdtmDataset d;
  d.domain = domain;
  for (const SdtmVariable& v : sdtmVariables(domain)) {
    d.variables << QString::fromLatin1(v.name);
  }
  return d;
}

// A row in dataset order from values by name. A name the dataset lacks is a bug in this file,
// not in the data: it throws std::logic_error rather than losing the value.
void addRow(SdtmDataset& d, const Values& values) {
  QStringList row;
  row.resize(d.variables.size());
  for (const auto& [name, value] : values) {
    const qsizetype c = d.column(name);
    if (c < 0) {
      throw std::logic_error(("SDTM " + d.domain + " has no variable " + name).toStdString());
    }
    row[c] = value;
  }
  d.rows.push_back(row);
}

QString mm(double v) {
  return QString::number(v, 'f', 1);
}

QString isoDate(const QDate& d) {
  return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

struct Visit {
  int number = 0;
  QString label;
  QString date;
};

// The rows of one subject: identifiers and sequence numbers filled here, so no row lacks them.
class SubjectRows {
 public:
  SubjectRows(SdtmExport& out, const QString& subjectId)
      : out_(out), usubjid_(out.studyId + "-" + subjectId) {}
  const QString& usubjid() const { return usubjid_; }

  void tu(const Visit& v, Values values) { add(out_.tu, tuSeq_, "TUSEQ", "TUDTC", v, values); }
  void tr(const Visit& v, Values values) { add(out_.tr, trSeq_, "TRSEQ", "TRDTC", v, values); }
  void rs(const Visit& v, Values values) { add(out_.rs, rsSeq_, "RSSEQ", "RSDTC", v, values); }

 private:
  void add(SdtmDataset& d, int& seq, const QString& seqName, const QString& dateName,
           const Visit& v, Values& values) {
    values.insert(values.begin(), {{"STUDYID", out_.studyId},
                                   {"DOMAIN", d.domain},
                                   {"USUBJID", usubjid_},
                                   {seqName, QString::number(++seq)},
                                   {"VISITNUM", QString::number(v.number)},
                                   {"VISIT", v.label},
                                   {dateName, v.date}});
    addRow(d, values);
  }

  SdtmExport& out_;
  QString usubjid_;
  int tuSeq_ = 0, trSeq_ = 0, rsSeq_ = 0;
};

// --- DM ---------------------------------------------------------------------------------------

// Whole years at `on` (the birthday counts from its day).
int yearsBetween(const QDate& birth, const QDate& on) {
  int years = on.year() - birth.year();
  if (birth.addYears(years) > on) {
    --years;
  }
  return years;
}

void addDemographics(SdtmExport& out, const records::SubjectRecord& s,
                     const std::optional<records::ArmRecord>& arm) {
  QString armCode = "NOTASSGN", armName = "Not Assigned";
  QString actualCode = armCode, actualName = armName;
  if (!arm) {
    out.notes << s.studyId + " has no arm recorded: DM ARMCD NOTASSGN";
  } else {
    armCode = arm->arm;
    const std::optional<records::TrialArm> known = records::trialArm(arm->arm);
    armName = known ? QString::fromUtf8(known->name) : arm->arm;
    if (!known) {
      out.notes << s.studyId + " has arm '" + arm->arm + "', which is not an arm of the trial";
    }
    actualCode = armCode;
    actualName = armName;
    const bool hadNkCells = !s.injections.empty();
    if (armCode == kNkArmCode && !hadNkCells) {
      actualCode = "NOTTRT";
      actualName = "Not Treated";
      out.notes << s.studyId + " (arm " + armCode +
                       ") has no NK-cell injection recorded: DM ACTARMCD NOTTRT";
    } else if (armCode != kNkArmCode && hadNkCells) {
      actualCode = "UNPLAN";
      actualName = "Unplanned Treatment";
      out.notes << s.studyId + " (arm " + armCode +
                       ") has NK-cell injections recorded: DM ACTARMCD UNPLAN";
    }
  }
  std::optional<int> age;
  if (s.birthDate && s.enrolledDate) {
    age = yearsBetween(*s.birthDate, *s.enrolledDate);
  } else if (s.ageYears) {
    age = static_cast<int>(std::floor(*s.ageYears));  // the age as entered, when no birth date
  }
  if (!s.enrolledDate) {
    out.notes << s.studyId + " is not enrolled: DM RFSTDTC and SITEID are empty";
  }
  addRow(out.dm, {{"STUDYID", out.studyId},
                  {"DOMAIN", "DM"},
                  {"USUBJID", out.studyId + "-" + s.studyId},
                  {"SUBJID", s.studyId},
                  {"RFSTDTC", s.enrolledDate ? isoDate(*s.enrolledDate) : QString()},
                  {"SITEID", s.site},
                  {"BRTHDTC", s.birthDate ? isoDate(*s.birthDate) : QString()},
                  {"AGE", age ? QString::number(*age) : QString()},
                  {"AGEU", age ? QStringLiteral("YEARS") : QString()},
                  {"SEX", s.sex},
                  {"ARMCD", armCode},
                  {"ARM", armName},
                  {"ACTARMCD", actualCode},
                  {"ACTARM", actualName}});
}

// --- which read, which assessment ---------------------------------------------------------------

QString signedUtc(const records::ReadRecord& r) {
  return r.signature ? r.signature->signedUtc : r.updatedUtc;
}

bool signedEarlier(const records::ReadRecord& a, const records::ReadRecord& b) {
  return std::pair(signedUtc(a), a.id) < std::pair(signedUtc(b), b.id);
}

// The subject's reader of record: the reader with signed reads of the most timepoints, on a tie
// the one who signed first. One reader across timepoints keeps tracking ids meaning one lesion
// (they are the reader's own names) and matches how an assessment is assembled (one reader, or
// the only one who signed).
QString readerOfRecord(const std::vector<std::vector<records::ReadRecord>>& readsByTimepoint) {
  std::map<QString, std::pair<int, QString>> byReader;  // timepoints read, first signature
  for (const auto& reads : readsByTimepoint) {
    for (const records::ReadRecord& r : reads) {
      auto& [count, first] = byReader[r.readerUserName];
      ++count;
      if (first.isEmpty() || signedUtc(r) < first) {
        first = signedUtc(r);
      }
    }
  }
  QString best;
  std::pair<int, QString> bestKey;
  for (const auto& [reader, key] : byReader) {
    if (best.isEmpty() || key.first > bestKey.first ||
        (key.first == bestKey.first && key.second < bestKey.second)) {
      best = reader;
      bestKey = key;
    }
  }
  return best;
}

struct ParsedAssessment {
  records::AssessmentRecord record;
  StoredAssessment output;
};

// The assessment a timepoint's scores and response come from: a current one before a superseded
// one (a corrected read may have changed it), the timepoint's own before a later one whose case
// included it (a baseline's scores come from the follow-up's assessment), then the latest.
const ParsedAssessment* assessmentFor(const std::vector<ParsedAssessment>& all,
                                      const QString& label) {
  const ParsedAssessment* best = nullptr;
  auto rank = [&](const ParsedAssessment& a) {
    return std::tuple(a.record.superseded.isEmpty(), a.record.timepointLabel == label, a.record.id);
  };
  for (const ParsedAssessment& a : all) {
    if (a.output.timepoint(label) && (!best || rank(a) > rank(*best))) {
      best = &a;
    }
  }
  return best;
}

// The sum of diameters of the baseline's targets (the primary never is one) as the read gives
// it: nodes by short axis, others by long axis, in tenths as the rules add them. None when a
// target is missing or not evaluable (the rules give no sum then either).
std::optional<double> targetSumMm(const records::ReadContent& baseline,
                                  const records::ReadContent& now) {
  qint64 tenths = 0;
  for (const records::LesionMeasurement& b : baseline.lesions) {
    if (b.isPrimary || b.role != "target") {
      continue;
    }
    const auto it = std::find_if(now.lesions.begin(), now.lesions.end(),
                                 [&](const auto& l) { return l.trackingId == b.trackingId; });
    if (it == now.lesions.end() || it->notEvaluable) {
      return std::nullopt;
    }
    const double d = it->isLymphNode ? it->shortAxisMm.value_or(0.0) : it->longAxisMm;
    tenths += std::llround(d * 10.0);
  }
  return static_cast<double>(tenths) / 10.0;
}

// --- TU and TR ----------------------------------------------------------------------------------

QString groupOf(const records::LesionMeasurement& l) {
  return l.isPrimary ? QStringLiteral("PRIMARY") : QStringLiteral("METASTATIC");
}

QString identificationOf(const records::LesionMeasurement& l) {
  if (l.isNew) {
    return "NEW";
  }
  return l.role == "target" ? "TARGET" : "NON-TARGET";
}

// A diameter row: the value in mm, or NOT DONE with the reason (never a 0.0 that reads as gone).
Values diameterRow(const records::LesionMeasurement& l, const QString& code, const QString& test,
                   std::optional<double> valueMm, const QString& reasonNotDone) {
  Values v{{"TRGRPID", groupOf(l)},   {"TRREFID", l.sopInstanceUid},
           {"TRLNKID", l.trackingId}, {"TRTESTCD", code},
           {"TRTEST", test},          {"TRMETHOD", kImagingMethod},
           {"TREVAL", kEvaluator}};
  if (valueMm) {
    const QString value = mm(*valueMm);
    v.insert(v.end(), {{"TRORRES", value},
                       {"TRORRESU", "mm"},
                       {"TRSTRESC", value},
                       {"TRSTRESN", value},
                       {"TRSTRESU", "mm"}});
  } else {
    v.insert(v.end(), {{"TRSTAT", kNotDone}, {"TRREASND", reasonNotDone}});
  }
  return v;
}

void addLesions(SubjectRows& rows, const Visit& visit, const records::ReadRecord& read,
                QSet<QString>& identified) {
  for (const records::LesionMeasurement& l : read.content.lesions) {
    if (!identified.contains(l.trackingId)) {
      identified.insert(l.trackingId);
      const QString result = identificationOf(l);
      rows.tu(visit, {{"TUGRPID", groupOf(l)},
                      {"TUREFID", l.sopInstanceUid},
                      {"TULNKID", l.trackingId},
                      {"TUTESTCD", "TUMIDENT"},
                      {"TUTEST", "Tumor Identification"},
                      {"TUORRES", result},
                      {"TUSTRESC", result},
                      {"TULOC", l.organ},
                      {"TUMETHOD", kImagingMethod},
                      {"TUEVAL", kEvaluator}});
    }
    const QString notEvaluable = QStringLiteral("NOT EVALUABLE");
    rows.tr(visit,
            diameterRow(l, "LDIAM", "Longest Diameter",
                        l.notEvaluable ? std::nullopt : std::optional(l.longAxisMm), notEvaluable));
    if (l.isLymphNode) {
      rows.tr(visit, diameterRow(l, "LPERP", "Longest Perpendicular",
                                 l.notEvaluable ? std::nullopt : l.shortAxisMm,
                                 l.notEvaluable ? notEvaluable : "SHORT AXIS NOT MEASURED"));
    }
  }
}

Values scoreRow(const QString& group, const QString& code, const QString& test,
                const QString& value, const QString& method, const QString& unit) {
  return {{"TRGRPID", group},   {"TRTESTCD", code},    {"TRTEST", test},    {"TRORRES", value},
          {"TRORRESU", unit},   {"TRSTRESC", value},   {"TRSTRESN", value}, {"TRSTRESU", unit},
          {"TRMETHOD", method}, {"TREVAL", kEvaluator}};
}

// The rules' own values for the timepoint, from the assessment's output: the sum the response was
// decided on, and the MIBG scores (sponsor-defined test codes, docs/sdtm.md).
void addTimepointScores(SubjectRows& rows, const Visit& visit, const StoredTimepoint& t) {
  if (t.targetSumOfDiametersMm) {
    rows.tr(visit, scoreRow("METASTATIC", "SUMDIAM", "Sum of Diameter",
                            mm(*t.targetSumOfDiametersMm), kImagingMethod, "mm"));
  }
  if (t.curieTotal) {
    rows.tr(visit, scoreRow("MIBG", "CURIESC", "Curie Score", QString::number(*t.curieTotal),
                            kMibgMethod, {}));
  }
  if (t.curieSkeletal) {
    rows.tr(visit, scoreRow("MIBG", "CURIESKL", "Curie Skeletal Score",
                            QString::number(*t.curieSkeletal), kMibgMethod, {}));
  }
  if (t.siopenTotal) {
    rows.tr(visit, scoreRow("MIBG", "SIOPENSC", "SIOPEN Score", QString::number(*t.siopenTotal),
                            kMibgMethod, {}));
  }
}

// --- RS -----------------------------------------------------------------------------------------

struct ResponseTest {
  const char* component;  // StoredResponse::component key
  const char* code;
  const char* name;
};

// OVRLRESP is CDISC's; CDISC has no codes for INRC's components: these are sponsor-defined.
constexpr ResponseTest kResponseTests[] = {
    {"overall", "OVRLRESP", "Overall Response"},
    {"primary", "PRIMRESP", "Primary Tumor Response"},
    {"metastatic", "METSRESP", "Metastatic Response"},
    {"softTissue", "SOFTRESP", "Metastatic Soft Tissue Response"},
    {"bone", "BONERESP", "Metastatic Bone Response"},
    {"marrow", "MARRESP", "Bone Marrow Response"},
};

void addResponses(SubjectRows& rows, const Visit& visit, const StoredResponse& response) {
  for (const ResponseTest& t : kResponseTests) {
    const StoredComponent* c = response.component(t.component);
    if (!c || c->response.isEmpty()) {
      continue;
    }
    rows.rs(visit, {{"RSTESTCD", t.code},
                    {"RSTEST", t.name},
                    {"RSCAT", kResponseCategory},
                    {"RSORRES", c->response},
                    {"RSSTRESC", c->response},
                    {"RSEVAL", kEvaluator}});
  }
}

// --- one subject --------------------------------------------------------------------------------

// The read of a timepoint to export: the reader of record's, else the first signed; the notes
// say when there was a choice or the reader changes between timepoints.
const records::ReadRecord* readFor(const std::vector<records::ReadRecord>& candidates,
                                   const QString& ofRecord, const QString& where,
                                   QStringList& notes) {
  const records::ReadRecord* read = nullptr;
  for (const records::ReadRecord& r : candidates) {
    if (r.readerUserName == ofRecord) {
      read = &r;
    }
  }
  if (!read && !candidates.empty()) {
    read = &candidates.front();  // the first signed
  }
  if (read && candidates.size() > 1) {
    QStringList readers;
    for (const records::ReadRecord& r : candidates) {
      readers << r.readerUserName;
    }
    notes << where + ": signed reads by " + readers.join(", ") + "; TU/TR lesions from " +
                 read->readerUserName +
                 (read->readerUserName == ofRecord ? " (the subject's reader of record)"
                                                   : " (signed first)");
  } else if (read && !ofRecord.isEmpty() && read->readerUserName != ofRecord) {
    notes << where + ": TU/TR lesions from " + read->readerUserName +
                 ", not the subject's reader of record " + ofRecord +
                 "; tracking ids of two readers may not name the same lesion";
  }
  return read;
}

void addSubject(SdtmExport& out, records::TrialRecord& record, const QString& studyId) {
  const records::SubjectRecord subject = record.subject(studyId);
  addDemographics(out, subject, record.arm(studyId));
  std::vector<ParsedAssessment> assessments;
  for (const records::AssessmentRecord& a : record.assessments(studyId)) {
    assessments.push_back({a, readStoredAssessment(a.outputJson)});
  }
  std::vector<std::vector<records::ReadRecord>> reads;
  for (const records::TimepointRecord& tp : subject.timepoints) {
    std::vector<records::ReadRecord> signedOnes;
    for (const records::ReadRecord& r : record.reads(studyId, tp.label)) {
      if (r.status == "signed") {
        signedOnes.push_back(r);
      }
    }
    std::sort(signedOnes.begin(), signedOnes.end(), signedEarlier);
    reads.push_back(signedOnes);
  }
  const QString ofRecord = readerOfRecord(reads);
  const bool doubleRead = record.readingDesign().design == records::kDoubleRead;
  SubjectRows rows(out, studyId);
  QSet<QString> identified;
  std::optional<records::ReadContent> baseline;
  for (std::size_t i = 0; i < subject.timepoints.size(); ++i) {
    const records::TimepointRecord& tp = subject.timepoints[i];
    const Visit visit{static_cast<int>(i) + 1, tp.label, isoDate(tp.scanDate)};
    const QString where = studyId + " '" + tp.label + "'";
    const records::ReadRecord* read = nullptr;
    // Under double reading the timepoint has its own read of record (concordant: reader 1's;
    // discordant: the adjudicator's choice), whatever reader it comes from.
    if (doubleRead) {
      const records::ReadingStatus status = settledStatus(record, studyId, tp.label);
      for (const records::ReadRecord& r : reads[i]) {
        if (status.readOfRecordId == r.id) {
          read = &r;
        }
      }
      if (read) {
        out.notes << where + ": TU/TR lesions from read " + QString::number(read->id) + " (" +
                         status.text + ")";
      } else if (!reads[i].empty()) {
        out.notes << where + ": no read of record yet (" + status.text + "): no TU/TR lesion rows";
      }
    } else {
      read = readFor(reads[i], ofRecord, where, out.notes);
    }
    if (!read) {
      if (!doubleRead) {
        out.notes << where + ": no signed read: no TU/TR lesion rows";
      }
    } else {
      addLesions(rows, visit, *read, identified);
      if (tp.kind == "baseline" && !baseline) {
        baseline = read->content;
      }
    }
    const ParsedAssessment* source = assessmentFor(assessments, tp.label);
    if (!source) {
      out.notes << where +
                       ": no assessment includes this timepoint: no SUMDIAM, MIBG score or "
                       "RS rows";
      continue;
    }
    const StoredTimepoint& entry = *source->output.timepoint(tp.label);
    if (!source->record.superseded.isEmpty()) {
      out.notes << QString(
                       "%1: scores and response from assessment %2, which is %3; record a new "
                       "assessment")
                       .arg(where)
                       .arg(source->record.id)
                       .arg(source->record.superseded);
    }
    addTimepointScores(rows, visit, entry);
    if (read && baseline && entry.targetSumOfDiametersMm) {
      const std::optional<double> fromRead = targetSumMm(*baseline, read->content);
      if (fromRead && std::abs(*fromRead - *entry.targetSumOfDiametersMm) > 0.05) {
        out.notes << QString(
                         "%1: SUMDIAM %2 mm (assessment %3) differs from the sum of %4's "
                         "targets, %5 mm: the assessment may rest on another reader's read")
                         .arg(where, mm(*entry.targetSumOfDiametersMm))
                         .arg(source->record.id)
                         .arg(read->readerUserName, mm(*fromRead));
      }
    }
    if (entry.response) {
      addResponses(rows, visit, *entry.response);
    }
  }
}

}  // namespace

SdtmExport buildSdtm(records::TrialRecord& record, const QString& studyId) {
  // Both checks before any subject is read: the export's every file carries the arms.
  record.require(records::Permission::ViewResults);
  if (!record.actorIsUnmasked()) {
    fail(RecordErrorKind::Refused,
         "refused: the arms are masked for user '" + record.actor().userName +
             "', and the SDTM export holds them (DM ARMCD): unmask first, with a reason; "
             "nothing was exported");
  }
  if (studyId.trimmed().isEmpty()) {
    fail(RecordErrorKind::BadInput, "SDTM export: the study identifier (STUDYID) is empty");
  }
  SdtmExport out;
  out.studyId = studyId;
  out.dm = datasetOf("DM");
  out.tu = datasetOf("TU");
  out.tr = datasetOf("TR");
  out.rs = datasetOf("RS");
  for (const QString& subject : record.subjectIds()) {
    addSubject(out, record, subject);
  }
  return out;
}

}  // namespace nbra::workflow
