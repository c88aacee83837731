#pragma once

// The statistician's export in CDISC SDTM: DM (with the arm), TU (tumour identification), TR
// (tumour results: diameters, sum of diameters, Curie and SIOPEN scores) and RS (INRC 2017
// overall response and components), as CSV with SDTM variable names and as JSON. It holds the
// arms, so only an investigator who has unmasked may build it (docs/sdtm.md).

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// One SDTM dataset: its variables in order and one row of values per record, every value as
// text (numbers written by NBRA, empty for "no value").
struct SdtmDataset {
  QString domain;  // "DM", "TU", "TR", "RS"
  QStringList variables;
  std::vector<QStringList> rows;

  // The column of `variable`, or -1.
  qsizetype column(const QString& variable) const { return variables.indexOf(variable); }
  // The value of `variable` in `row`; empty when the dataset has no such variable.
  QString value(const QStringList& row, const QString& variable) const;
};

struct SdtmExport {
  QString studyId;  // STUDYID of every row
  SdtmDataset dm, tu, tr, rs;
  // What the statistician must know about the data that the rows cannot say: a subject without
  // an arm, a timepoint without a signed read or an assessment, a choice between readers.
  QStringList notes;
};

inline const QString kSdtmDefaultStudyId = QStringLiteral("NBRA-NK");

// Builds the four datasets from every subject of the record. Refused (RecordError Refused,
// before anything is read) unless the actor may view results by arm (investigators) and has
// unmasked: the message names the role, or says the arms are masked.
SdtmExport buildSdtm(records::TrialRecord& record, const QString& studyId = kSdtmDefaultStudyId);

// The problems of an export against SDTMIG: a required variable missing from a dataset, a row
// with an empty required value, a test code that is not an SDTM short name (at most 8 characters,
// upper case, letters, digits and underscores, not starting with a digit), a test name over 40
// characters, a duplicate sequence number. Each names the domain, the row (from 1, the header
// not counted) and the variable. Empty: the export passes.
QStringList checkSdtm(const SdtmExport& sdtm);

// Writes dm.csv, tu.csv, tr.csv, rs.csv and variables.csv (domain, variable, label, type, core,
// terminology) into `directory`, creating it. Text values get the CSV export's formula escape
// (csvCell, docs/records.md), numbers never. Each file is replaced whole or not at all; a
// failure throws RecordError naming the file or folder.
QStringList writeSdtmCsv(const SdtmExport& sdtm, const QString& directory);

// The same data as JSON: {"studyId", "DM": [...], "TU": [...], "TR": [...], "RS": [...],
// "variables": [...], "notes": [...]}, each row an object keyed by variable name, Num variables
// as numbers (null when empty), Char variables as strings, never escaped.
QJsonObject sdtmToJson(const SdtmExport& sdtm);

}  // namespace nbra::workflow
