#pragma once

#include <QString>
#include <vector>

#include "records/database/RecordDatabase.h"
#include "records/store/RecordTypes.h"

namespace nbra::records {

// Every read version in the record, drafts and superseded versions included, for checks that
// look at the whole record (`audit verify`). Reads only, with no actor: it is not a view for a
// person (TrialRecord::reads is, with its blinding).
struct StoredRead {
  qint64 id = 0;
  QString studyId;
  QString timepointLabel;
  QString readerUserName;
  int version = 1;
  QString status;
  ReadContent content;
};

std::vector<StoredRead> storedReads(RecordDatabase& db);

}  // namespace nbra::records
