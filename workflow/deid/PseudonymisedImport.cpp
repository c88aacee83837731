#include "workflow/deid/PseudonymisedImport.h"

#include <QJsonArray>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"

namespace nbra::workflow {
namespace {

namespace dd = dicom::deid;

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

QJsonArray issues(const std::vector<dd::FileIssue>& list) {
  QJsonArray array;
  for (const auto& issue : list) {
    array.append(QJsonObject{{"file", str(issue.file)}, {"problem", str(issue.problem)}});
  }
  return array;
}

}  // namespace

QString createTrialKey(const QString& path) {
  const auto key = dd::TrialKey::generate();
  key.save(path.toStdString());
  return str(key.fingerprint());
}

QString defaultMappingFile(const QString& keyFile) {
  return keyFile + ".mapping.jsonl";
}

PseudonymisedImportResult importPseudonymised(const PseudonymisedImportRequest& request) {
  const dd::TrialKey key = dd::TrialKey::load(request.keyFile.toStdString());
  dd::DeidRequest run;
  for (const QString& input : request.inputs)
    run.inputs.push_back(input.toStdString());
  run.outputDir = request.outputDir.toStdString();
  run.identity = request.identity;
  run.key = &key;
  run.pixelsReviewed = request.pixelsReviewed;
  run.progress = request.progress;
  const QString mappingFile =
      request.mappingFile.isEmpty() ? defaultMappingFile(request.keyFile) : request.mappingFile;
  if (!request.previewOnly)
    run.mappingFile = mappingFile.toStdString();
  run.cancelled = request.cancelled;

  PseudonymisedImportResult result;
  if (request.previewOnly) {
    result.report = dd::previewDeidentification(run);
    return result;
  }
  result.report = dd::deidentify(run);
  if (!result.report.complete()) {
    return result;
  }
  result.mappingFile = mappingFile;
  if (!request.indexPath.isEmpty() && !result.report.written.empty()) {
    dicom::ImageIndex index(request.indexPath.toStdString());
    const auto summary = dicom::importPaths(index, result.report.written);
    result.indexedInstances = summary.newInstances + summary.updated + summary.unchanged;
  }
  return result;
}

QJsonObject pseudonymisedImportJson(const PseudonymisedImportResult& result) {
  const dd::DeidReport& r = result.report;
  QJsonArray attributes;
  for (const auto& a : r.attributes) {
    attributes.append(QJsonObject{{"tag", str(a.tag)},
                                  {"name", str(a.name)},
                                  {"action", str(a.what)},
                                  {"count", static_cast<qint64>(a.count)}});
  }
  QJsonArray series;
  for (const auto& s : r.series) {
    series.append(QJsonObject{{"modality", str(s.modality)},
                              {"studyInstanceUid", str(s.pseudoStudyUid)},
                              {"seriesInstanceUid", str(s.pseudoSeriesUid)},
                              {"description", str(s.description)},
                              {"files", static_cast<qint64>(s.files)}});
  }
  QJsonArray written;
  for (const auto& file : r.written)
    written.append(str(file));
  QJsonObject json{
      {"complete", r.complete()},
      {"filesFound", static_cast<qint64>(r.filesFound)},
      {"filesWritten", static_cast<qint64>(r.written.size())},
      {"outputDir", str(r.outputDir)},
      {"dateOffsetDays", r.dateOffsetDays},
      {"keyFingerprint", str(r.keyFingerprint)},
      {"deidentificationMethod",
       [] {
         QJsonArray parts;
         for (const auto& p : dd::deidentificationMethodText())
           parts.append(str(p));
         return parts;
       }()},
      {"series", series},
      {"attributes", attributes},
      {"skipped", issues(r.skipped)},
      {"held", issues(r.held)},
      {"refused", issues(r.refused)},
      {"warnings", issues(r.warnings)},
      {"cancelled", r.cancelled},
  };
  if (!result.mappingFile.isEmpty())
    json.insert("mappingFile", result.mappingFile);
  if (result.indexedInstances >= 0)
    json.insert("indexedInstances", result.indexedInstances);
  return json;
}

}  // namespace nbra::workflow
