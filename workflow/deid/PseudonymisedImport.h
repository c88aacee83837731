#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>

#include "dicom/deid/DeidRun.h"

namespace nbra::workflow {

// Import into the trial, pseudonymised: one use case for the workstation's File > Import into
// trial (pseudonymised)... and for `nbra-cli deid`. Reads the site's key, de-identifies the
// inputs (PS3.15, docs/deidentification.md), appends the study mapping to the site's mapping
// file, and indexes the result so that it can be read at once.
struct PseudonymisedImportRequest {
  QStringList inputs;
  QString outputDir;
  QString keyFile;
  QString mappingFile;  // empty: <keyFile>.mapping.jsonl, beside the key, at the site
  dicom::deid::TrialIdentity identity;
  bool pixelsReviewed = false;
  bool previewOnly = false;
  QString indexPath;  // empty: the result is not indexed
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<bool()> cancelled;
};

struct PseudonymisedImportResult {
  dicom::deid::DeidReport report;
  QString mappingFile;        // where the mapping went (empty for a preview or a refused run)
  int indexedInstances = -1;  // -1: not indexed
};

// Writes a new random trial key to `path` (never overwriting) and returns its fingerprint.
// Throws std::runtime_error naming the file.
QString createTrialKey(const QString& path);

// The mapping file used when none is given.
QString defaultMappingFile(const QString& keyFile);

// Throws dicom::deid::DeidError (or std::runtime_error from the key) naming the path at fault;
// a refused or held input is not an exception: it is in the report, and nothing was written.
PseudonymisedImportResult importPseudonymised(const PseudonymisedImportRequest& request);

// The report as JSON (the CLI prints it; the workstation's preview shows the same facts).
QJsonObject pseudonymisedImportJson(const PseudonymisedImportResult& result);

}  // namespace nbra::workflow
