#include "workflow/sr/SrExchange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <algorithm>
#include <map>
#include <memory>

#include "dicom/index/ImageIndex.h"
#include "dicom/sr/ReferencedImage.h"
#include "dicom/sr/SrCodes.h"
#include "workflow/assessment/StoredAssessment.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/casefile/CaseWriter.h"
#include "workflow/reads/ReadModel.h"
#include "workflow/support/Fail.h"

namespace nbra::workflow {

namespace {

using records::RecordError;
using records::RecordErrorKind;

const records::TimepointRecord& timepointOf(const records::SubjectRecord& subject,
                                            const QString& label) {
  for (const records::TimepointRecord& t : subject.timepoints) {
    if (t.label == label) {
      return t;
    }
  }
  throw RecordError(
      RecordErrorKind::NotFound,
      ("subject '" + subject.studyId + "' has no timepoint '" + label + "'").toStdString());
}

// The read to export: --reader's, else the actor's own, else the only signed one.
records::ReadRecord chooseRead(records::TrialRecord& record, const QString& subject,
                               const QString& label, const QString& reader) {
  const std::vector<records::ReadRecord> reads = record.reads(subject, label);
  const QString wanted = reader.isEmpty() ? record.actor().userName : reader;
  for (const records::ReadRecord& r : reads) {
    if (r.readerUserName == wanted) {
      return r;
    }
  }
  QStringList readers;
  for (const records::ReadRecord& r : reads) {
    readers << r.readerUserName + " (" + r.status + ")";
  }
  if (reader.isEmpty() && reads.size() == 1 && reads.front().status == "signed") {
    return reads.front();
  }
  throw RecordError(RecordErrorKind::NotFound,
                    ("subject '" + subject + "', timepoint '" + label + "': " +
                     (reads.empty() ? QString("no read to export")
                                    : "no read by '" + wanted + "'; reads: " + readers.join(", ") +
                                          " (choose one with --reader)"))
                        .toStdString());
}

// The newest assessment of the timepoint that still stands, as SR qualitative evaluations.
std::optional<dicom::SrResponseAssessment> responseOf(records::TrialRecord& record,
                                                      const QString& subject,
                                                      const QString& label) {
  std::optional<records::AssessmentRecord> latest;
  for (const records::AssessmentRecord& a : record.assessments(subject)) {
    if (a.timepointLabel == label && a.superseded.isEmpty() && (!latest || a.id > latest->id)) {
      latest = a;
    }
  }
  if (!latest) {
    return std::nullopt;
  }
  const StoredAssessment output = readStoredAssessment(latest->outputJson);
  const StoredTimepoint* t = output.timepoint(label);
  if (!t || !t->response) {
    return std::nullopt;
  }
  dicom::SrResponseAssessment out;
  out.ruleSetVersion = latest->ruleSetVersion.toStdString();
  for (const std::string& component : dicom::srcodes::responseComponents()) {
    const StoredComponent* c = t->response->component(QString::fromStdString(component));
    if (c && !c->response.isEmpty()) {
      out.components.push_back({component, c->response.toStdString()});
    }
  }
  return out;
}

// The lesion's tracking UID, the same at every timepoint and in every export: a name-based UUID
// of subject and tracking id (ISO/IEC 9834-8 "2.25." form). The trial record keeps only the id.
std::string trackingUid(const QString& subject, const QString& trackingId) {
  static const QUuid kNamespace("{6f1c2c3e-5a0b-4f4e-9d7a-4e4252410001}");
  const QByteArray bytes = QUuid::createUuidV5(kNamespace, subject + "\n" + trackingId).toRfc4122();
  std::vector<unsigned> number(bytes.begin(), bytes.end());
  for (unsigned& b : number) {
    b &= 0xFFu;
  }
  std::string digits;
  // Long division of the 128-bit big-endian number by 10.
  while (std::any_of(number.begin(), number.end(), [](unsigned b) { return b != 0; })) {
    unsigned remainder = 0;
    for (unsigned& b : number) {
      const unsigned value = remainder * 256u + b;
      b = value / 10u;
      remainder = value % 10u;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
  }
  return "2.25." + (digits.empty() ? std::string("0") : digits);
}

// "Rita Okafor" as a DICOM person name, "Okafor^Rita" (family name last in the record's form).
std::string personName(const QString& fullName) {
  QStringList words = fullName.simplified().split(' ', Qt::SkipEmptyParts);
  if (words.size() < 2) {
    return fullName.simplified().toStdString();
  }
  const QString family = words.takeLast();
  return (family + "^" + words.join(' ')).toStdString();
}

QString dicomDate(const QDate& d) {
  return d.isValid() ? d.toString("yyyyMMdd") : QString();
}

// The lesions as a one-timepoint case, checked by the parser of `nbra-cli assess`, so a read the
// rules could not take is refused here rather than at `record assess`.
void checkReadable(const QString& file, const records::SubjectRecord& subject,
                   const records::TimepointRecord& tp, const records::ReadContent& content) {
  QJsonObject timepoint = timepointToJson(timepointOfRead(content));
  timepoint["label"] = tp.label;
  timepoint["kind"] = tp.kind;
  timepoint["date"] = tp.scanDate.toString(Qt::ISODate);
  timepoint["injectionsBefore"] = 0;
  const QJsonObject kase{{"subject", QJsonObject{{"id", subject.studyId}, {"weightKg", 1.0}}},
                         {"timepoints", QJsonArray{timepoint}}};
  const CaseParseResult parsed = parseCase(QJsonDocument(kase).toJson());
  if (!parsed.value) {
    fail(RecordErrorKind::BadInput,
         file + ": the report's lesions are not a reading the rules accept: " + parsed.error);
  }
}

}  // namespace

// Images found through the image index, each file read once.
int measurementsWithCoordinates(const dicom::MeasurementReport& report) {
  int count = 0;
  for (const dicom::SrLesion& l : report.lesions) {
    count += l.longAxis.image ? 1 : 0;
    count += l.shortAxis && l.shortAxis->image ? 1 : 0;
  }
  return count;
}

ImageFinder indexImageFinder(const QString& index) {
  auto cache = std::make_shared<
      std::map<std::pair<std::string, int>, std::optional<dicom::ReferencedImage>>>();
  return [index, cache](const std::string& uid, int frame) {
    const auto key = std::make_pair(uid, frame);
    const auto found = cache->find(key);
    if (found != cache->end()) {
      return found->second;
    }
    std::optional<dicom::ReferencedImage> image;
    if (const auto file = dicom::findInstanceFile(index.toStdString(), uid)) {
      image = dicom::readReferencedImage(*file, frame);
    }
    cache->emplace(key, image);
    return image;
  };
}

SrExport exportReadAsSr(records::TrialRecord& record, const SrExportRequest& request) {
  const QString& subjectId = request.subjectId;
  const QString& label = request.timepointLabel;
  const records::SubjectRecord subject = record.subject(subjectId);
  const records::TimepointRecord& tp = timepointOf(subject, label);
  const records::ReadRecord read = chooseRead(record, subjectId, label, request.reader);

  const ImageFinder finder = indexImageFinder(request.indexPath);
  dicom::MeasurementReport report;
  QStringList warnings;
  report.lesions = lesionsOfRead(read.content, finder, warnings);
  report.timepointLabel = label.toStdString();
  report.observerName = personName(read.readerName);
  for (dicom::SrLesion& l : report.lesions) {
    l.trackingUid = trackingUid(subjectId, QString::fromStdString(l.trackingId));
  }
  // Patient and study: from the first referenced image, else from the record.
  report.patient.patientId = subjectId.toStdString();
  report.patient.patientSex = subject.sex == "U" ? "O" : subject.sex.toStdString();
  report.patient.patientBirthDate = dicomDate(subject.birthDate.value_or(QDate())).toStdString();
  report.patient.studyInstanceUid = tp.studyInstanceUids.value(0).toStdString();
  report.patient.studyDate = dicomDate(tp.scanDate).toStdString();
  QString copiedFrom;
  for (const records::LesionMeasurement& l : read.content.lesions) {
    if (!l.sopInstanceUid.isEmpty()) {
      if (const auto image = finder(l.sopInstanceUid.toStdString(), l.frame.value_or(0))) {
        report.patient = image->patient;
        copiedFrom = QString::fromStdString(image->path);
        break;
      }
    }
  }
  if (report.patient.studyInstanceUid.empty()) {
    fail(RecordErrorKind::BadInput,
         "subject '" + subjectId + "', timepoint '" + label +
             "': no study to put the report in (the timepoint has no Study Instance UID and no "
             "lesion names an indexed image)");
  }
  if (request.withResponse) {
    report.response = responseOf(record, subjectId, label);
  }
  dicom::writeMeasurementReport(report, request.outPath.toStdString());

  SrExport out;
  out.report = report;
  out.read = read;
  out.warnings = warnings;
  out.patientFrom = copiedFrom;
  return out;
}

SrImport importSrAsDraft(records::TrialRecord& record, const QString& file,
                         const QString& subjectId, const QString& label, const QString& indexPath) {
  const dicom::MeasurementReport report = dicom::readMeasurementReport(file.toStdString());
  const records::ReadContent content =
      readOfReport(report, indexImageFinder(indexPath), file.toStdString());

  const records::SubjectRecord subject = record.subject(subjectId);
  const records::TimepointRecord& tp = timepointOf(subject, label);
  checkReadable(file, subject, tp, content);
  for (const records::ReadRecord& r : record.reads(subjectId, label)) {
    if (r.readerUserName == record.actor().userName && r.status == "signed") {
      throw RecordError(RecordErrorKind::Conflict,
                        ("subject '" + subjectId + "', timepoint '" + label + "': your read " +
                         QString::number(r.id) +
                         " is signed and is not overwritten by an import (a change to a signed "
                         "read is a correction: nbra-cli record read correct)")
                            .toStdString());
    }
  }
  const qint64 id = record.saveRead(subjectId, label, content);
  return {report, content, id};
}

}  // namespace nbra::workflow
