// The SDTM export's two forms: CSV files for the statistician's tools, and JSON for nbra-cli.
#include <QDir>
#include <QJsonArray>
#include <QSaveFile>
#include <memory>
#include <vector>

#include "workflow/export/CsvExport.h"
#include "workflow/export/Sdtm.h"
#include "workflow/export/SdtmDomains.h"
#include "workflow/support/Fail.h"

namespace nbra::workflow {

using records::RecordErrorKind;

namespace {

QString csvLine(const QStringList& values, const std::vector<CsvCell>& kinds) {
  QStringList cells;
  for (qsizetype i = 0; i < values.size(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    cells << csvCell(values[i], k < kinds.size() ? kinds[k] : CsvCell::Text);
  }
  return cells.join(',') + '\n';
}

QString datasetCsv(const SdtmDataset& d) {
  std::vector<CsvCell> kinds;
  for (const QString& name : d.variables) {
    const SdtmVariable* v = sdtmVariable(d.domain, name);
    kinds.push_back(v && v->numeric ? CsvCell::Number : CsvCell::Text);
  }
  QString text = csvLine(d.variables, {});
  for (const QStringList& row : d.rows) {
    text += csvLine(row, kinds);
  }
  return text;
}

QString variablesCsv() {
  QString text = csvLine({"domain", "variable", "label", "type", "core", "terminology"}, {});
  for (const char* domain : kSdtmDomainNames) {
    for (const SdtmVariable& v : sdtmVariables(domain)) {
      text += csvLine({domain, v.name, v.label, v.numeric ? "Num" : "Char", sdtmCoreName(v.core),
                       v.terminology},
                      {});
    }
  }
  return text;
}

}  // namespace

QStringList writeSdtmCsv(const SdtmExport& sdtm, const QString& directory) {
  if (!QDir().mkpath(directory)) {
    fail(RecordErrorKind::BadInput, "cannot create the SDTM export folder " + directory);
  }
  const QDir dir(directory);
  const std::vector<std::pair<QString, QString>> files = {{"dm.csv", datasetCsv(sdtm.dm)},
                                                          {"tu.csv", datasetCsv(sdtm.tu)},
                                                          {"tr.csv", datasetCsv(sdtm.tr)},
                                                          {"rs.csv", datasetCsv(sdtm.rs)},
                                                          {"variables.csv", variablesCsv()}};
  // Every file is written beside its place first and renamed in at the end: a failure leaves
  // the folder's earlier export whole rather than a mix of two exports.
  std::vector<std::unique_ptr<QSaveFile>> pending;
  QStringList paths;
  for (const auto& [name, text] : files) {
    const QString path = dir.filePath(name);
    auto file = std::make_unique<QSaveFile>(path);
    const QByteArray bytes = text.toUtf8();
    if (!file->open(QIODevice::WriteOnly)) {
      fail(RecordErrorKind::BadInput, "cannot write " + path + ": " + file->errorString());
    }
    if (file->write(bytes) != bytes.size()) {
      fail(RecordErrorKind::Storage,
           "cannot write " + path + " (disk full?): " + file->errorString());
    }
    pending.push_back(std::move(file));
    paths << path;
  }
  for (const auto& file : pending) {
    if (!file->commit()) {
      fail(RecordErrorKind::Storage,
           "cannot finish " + file->fileName() + " (disk full?): " + file->errorString());
    }
  }
  return paths;
}

QJsonObject sdtmToJson(const SdtmExport& sdtm) {
  QJsonObject out{{"studyId", sdtm.studyId}};
  for (const SdtmDataset* d : {&sdtm.dm, &sdtm.tu, &sdtm.tr, &sdtm.rs}) {
    QJsonArray rows;
    for (const QStringList& row : d->rows) {
      QJsonObject o;
      for (qsizetype c = 0; c < d->variables.size() && c < row.size(); ++c) {
        const SdtmVariable* v = sdtmVariable(d->domain, d->variables[c]);
        if (v && v->numeric) {
          o[d->variables[c]] = row[c].isEmpty() ? QJsonValue() : QJsonValue(row[c].toDouble());
        } else {
          o[d->variables[c]] = row[c];
        }
      }
      rows.append(o);
    }
    out[d->domain] = rows;
  }
  QJsonArray variables;
  for (const char* domain : kSdtmDomainNames) {
    for (const SdtmVariable& v : sdtmVariables(domain)) {
      variables.append(QJsonObject{{"domain", domain},
                                   {"variable", v.name},
                                   {"label", v.label},
                                   {"type", v.numeric ? "Num" : "Char"},
                                   {"core", sdtmCoreName(v.core)},
                                   {"terminology", v.terminology}});
    }
  }
  out["variables"] = variables;
  out["notes"] = QJsonArray::fromStringList(sdtm.notes);
  return out;
}

}  // namespace nbra::workflow
