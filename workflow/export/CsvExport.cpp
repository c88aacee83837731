#include "workflow/export/CsvExport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <vector>

#include "workflow/export/ReportData.h"
#include "workflow/support/Fail.h"

namespace nbra::workflow {

namespace {

struct Field {
  Field(const QString& v) : value(v) {}  // NOLINT: text is the default, numbers say so
  Field(const char* v) : value(QString::fromUtf8(v)) {}  // NOLINT
  Field(const QString& v, CsvCell k) : value(v), kind(k) {}
  QString value;
  CsvCell kind = CsvCell::Text;
};

Field num(const QString& v) {
  return Field(v, CsvCell::Number);
}

class CsvFile {
 public:
  CsvFile(const QString& path, const QStringList& header) : file_(path) {
    if (!file_.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
      fail(records::RecordErrorKind::BadInput, "cannot write " + path + ": " + file_.errorString());
    }
    stream_.setDevice(&file_);
    headerRow(header);
  }
  // Every field is text (and neutralised) unless wrapped in num().
  void row(const std::vector<Field>& fields) {
    QStringList quoted;
    for (const Field& f : fields) {
      quoted << csvCell(f.value, f.kind);
    }
    stream_ << quoted.join(',') << '\n';
  }
  void headerRow(const QStringList& header) {
    std::vector<Field> fields;
    for (const QString& h : header) {
      fields.push_back(h);
    }
    row(fields);
  }
  void close() {
    stream_.flush();
    if (stream_.status() != QTextStream::Ok || !file_.flush()) {
      fail(records::RecordErrorKind::Storage,
           "cannot finish " + file_.fileName() + " (disk full?): " + file_.errorString());
    }
    file_.close();
  }

 private:
  QFile file_;
  QTextStream stream_;
};

QString number(double v) {
  return QString::number(v, 'f', 1);
}

QString optionalNumber(const std::optional<double>& v) {
  return v ? number(*v) : QString();
}

}  // namespace

QString csvField(const QString& value) {
  if (value.contains(',') || value.contains('"') || value.contains('\n') || value.contains('\r')) {
    QString escaped = value;
    escaped.replace("\"", "\"\"");
    return "\"" + escaped + "\"";
  }
  return value;
}

QString csvCell(const QString& value, CsvCell kind) {
  static const QString kFormulaStart = QStringLiteral("=+-@\t\r");
  if (kind == CsvCell::Text && !value.isEmpty() && kFormulaStart.contains(value.front())) {
    return csvField("'" + value);
  }
  return csvField(value);
}

namespace {

// The signed checklist, criterion by criterion as it was signed (the frozen evaluation), and the
// injections with their course, timing and product.
void writeProtocolRows(records::TrialRecord& record, const records::SubjectRecord& subject,
                       CsvFile& eligibility, CsvFile& injections) {
  const QString& studyId = subject.studyId;
  if (const auto c = record.checklistSignoff(studyId)) {
    const QJsonObject evaluation = QJsonDocument::fromJson(c->evaluationJson.toUtf8()).object();
    for (const QJsonValue& v : evaluation.value("criteria").toArray()) {
      const QJsonObject o = v.toObject();
      QStringList reasons;
      for (const QJsonValue& r : o.value("reasons").toArray()) {
        reasons << r.toString();
      }
      eligibility.row(
          {studyId, o.value("id").toString(), o.value("kind").toString(),
           o.value("title").toString(), o.value("status").toString(), reasons.join("; "),
           c->eligible ? "Yes" : "No", c->judgedOn.toString(Qt::ISODate),
           c->signature ? c->signature->signerName : QString(),
           c->signature ? c->signature->signedUtc : QString(), c->stale.isEmpty() ? "Yes" : "No"});
    }
  }
  const std::vector<records::ThawCheckRecord> checks = record.thawChecks(studyId);
  for (const records::InjectionRecord& i : subject.injections) {
    std::optional<records::CourseRecord> course;
    for (const records::CourseRecord& c : record.courses(studyId)) {
      if (c.number == i.number) {
        course = c;
      }
    }
    // The thaw check the injection was given on: the newest for its number (the record refuses
    // a check once the injection is given).
    const records::ThawCheckRecord* thaw = nullptr;
    for (const records::ThawCheckRecord& t : checks) {
      if (t.injectionNumber == i.number) {
        thaw = &t;
      }
    }
    // The due date the injection was judged against when it was recorded (the setting may have
    // changed since): its date minus the days from due stored with it.
    const QString due =
        i.daysFromDue ? i.givenDate.addDays(-*i.daysFromDue).toString(Qt::ISODate) : QString();
    injections.row({studyId, num(QString::number(i.number)),
                    course ? course->endDate.toString(Qt::ISODate) : QString(), due,
                    i.givenDate.toString(Qt::ISODate), i.timing,
                    num(i.daysFromDue ? QString::number(*i.daysFromDue) : QString()),
                    num(number(i.weightKg)), num(QString::number(i.doseCells)),
                    num(QString::number(i.cellsGiven)), i.lotCode,
                    thaw ? thaw->check.thawDate.toString(Qt::ISODate) : QString(),
                    num(thaw ? number(thaw->check.viabilityPercent) : QString()),
                    num(thaw ? QString::number(thaw->check.viableCells) : QString()),
                    thaw ? thaw->check.sterility : QString()});
  }
}

}  // namespace

QStringList exportCsv(records::TrialRecord& record, const QString& directory) {
  record.require(records::Permission::ExportReports);  // even when there is nothing to export yet
  if (!QDir().mkpath(directory)) {
    fail(records::RecordErrorKind::BadInput, "cannot create the export folder " + directory);
  }
  const QDir dir(directory);
  CsvFile lesions(dir.filePath("lesions.csv"),
                  {"subject_id", "timepoint", "scan_date", "reader", "read_version",
                   "lesion_tracking_id", "lesion_site", "is_primary_tumor", "recist_role",
                   "lesion_long_axis_mm", "lesion_short_axis_mm", "lesion_not_evaluable",
                   "mibg_avid", "fdg_avid", "is_new_lesion", "sop_instance_uid", "frame"});
  CsvFile scores(dir.filePath("scores.csv"),
                 {"subject_id", "timepoint", "scan_date", "mibg_score_type", "mibg_score",
                  "marrow_tumor_percent", "rule_set_version"});
  CsvFile responses(
      dir.filePath("responses.csv"),
      {"subject_id", "timepoint", "scan_date", "response_system", "response_component",
       "response_category", "rule_set_version", "assessed_utc"});
  CsvFile eligibility(
      dir.filePath("eligibility.csv"),
      {"subject_id", "criterion", "criterion_kind", "criterion_title", "status", "reasons",
       "checklist_eligible", "judged_on", "signed_by", "signed_utc", "signature_current"});
  CsvFile injections(
      dir.filePath("injections.csv"),
      {"subject_id", "injection", "course_end", "due_date", "given_date", "timing", "days_from_due",
       "weight_kg", "dose_cells", "cells_given", "lot", "thaw_date", "post_thaw_viability_percent",
       "post_thaw_viable_cells", "post_thaw_sterility"});
  for (const QString& studyId : record.subjectIds()) {
    const records::SubjectRecord subject = record.subject(studyId);
    writeProtocolRows(record, subject, eligibility, injections);
    for (const records::TimepointRecord& tp : subject.timepoints) {
      const ReportData d = gatherReport(record, studyId, tp.label);
      const QString date = tp.scanDate.toString(Qt::ISODate);
      for (const records::ReadRecord& r : d.signedReads) {
        for (const records::LesionMeasurement& l : r.content.lesions) {
          lesions.row({studyId, tp.label, date, r.readerUserName, num(QString::number(r.version)),
                       l.trackingId, l.organ, l.isPrimary ? "Yes" : "No", l.role,
                       // Not evaluable: no length at all, never a 0.0 that reads as resolved.
                       num(l.notEvaluable ? QString() : number(l.longAxisMm)),
                       num(l.notEvaluable ? QString() : optionalNumber(l.shortAxisMm)),
                       l.notEvaluable ? "Yes" : "No", l.mibgAvid ? "Yes" : "No",
                       l.fdgAvid ? "Yes" : "No", l.isNew ? "Yes" : "No", l.sopInstanceUid,
                       num(l.frame ? QString::number(*l.frame) : QString())});
        }
      }
      if (!d.assessment || !d.timepointResult) {
        continue;
      }
      const StoredTimepoint& t = *d.timepointResult;
      const QString marrow =
          t.marrowInfiltrationPercent ? number(*t.marrowInfiltrationPercent) : QString();
      if (t.curieTotal) {
        scores.row({studyId, tp.label, date, "Curie", num(QString::number(*t.curieTotal)),
                    num(marrow), d.assessment->ruleSetVersion});
      }
      if (t.siopenTotal) {
        scores.row({studyId, tp.label, date, "SIOPEN", num(QString::number(*t.siopenTotal)),
                    num(marrow), d.assessment->ruleSetVersion});
      }
      if (!t.curieTotal && !t.siopenTotal && !marrow.isEmpty()) {
        scores.row({studyId, tp.label, date, "", "", num(marrow), d.assessment->ruleSetVersion});
      }
      if (!t.response) {
        continue;
      }
      const std::pair<const char*, const char*> components[] = {
          {"overall", "overall"}, {"primary", "primary tumor"}, {"softTissue", "soft tissue"},
          {"bone", "bone"},       {"metastatic", "metastatic"}, {"marrow", "bone marrow"},
          {"recist", "overall"}};
      for (const auto& [key, name] : components) {
        const StoredComponent* c = t.response->component(key);
        if (!c || c->response.isEmpty()) {
          continue;
        }
        const bool recist = QString(key) == "recist";
        responses.row({studyId, tp.label, date, recist ? "RECIST 1.1" : "INRC 2017", name,
                       c->response, d.assessment->ruleSetVersion, d.assessment->createdUtc});
      }
    }
  }
  lesions.close();
  scores.close();
  responses.close();
  eligibility.close();
  injections.close();
  return {dir.filePath("lesions.csv"), dir.filePath("scores.csv"), dir.filePath("responses.csv"),
          dir.filePath("eligibility.csv"), dir.filePath("injections.csv")};
}

}  // namespace nbra::workflow
