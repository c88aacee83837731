#pragma once

#include <QStringList>
#include <vector>

#include "records/database/RecordDatabase.h"
#include "records/store/RecordTypes.h"

namespace nbra::workflow {

// The ways one read is kept must tell one story. The rows are the truth; beside them are
// - the workstation's lesion table in marks_json (what the reader saw: every lesion of the table
//   that has a result must have a row with the same attributes, a "not measurable" one a row
//   flagged not evaluable, and every row must be in the table);
// - on reads saved before schema 8, the case timepoint then stored in source_json (the rules of
//   that time ran on it: it must say what the rows say).
// Returns one sentence per disagreement, empty when they agree.
QStringList readDisagreements(const records::ReadContent& read);

// Every read version of a record, checked (for `audit verify`; reads only).
struct ReadCheck {
  qint64 readId = 0;
  QString studyId;
  QString timepointLabel;
  QString readerUserName;
  int version = 1;
  QStringList disagreements;
  // "read 7 (subject NB-001, timepoint baseline, reader1 version 2): ..."
  QString describe() const;
};
std::vector<ReadCheck> checkStoredReads(records::RecordDatabase& db);

}  // namespace nbra::workflow
