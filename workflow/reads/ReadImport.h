#pragma once

#include <QString>

#include "records/store/RecordTypes.h"

namespace nbra::workflow {

// Turns a reading in the case format of `nbra-cli assess` (scoring/schema) into the content of
// one read. The file is checked by the same parser as `assess`, so a reading the rules would
// refuse is refused here too. `caseTimepoint` picks the timepoint of the file: an index (0...)
// or a label; empty means "the only one", or the one labelled `recordLabel`.
//
// One extension, removed before parsing: a top-level "imageRefs" object mapping lesion tracking
// ids to where they were measured:
//   "imageRefs": {"L1": {"sopInstanceUid": "1.2...", "frame": 1,
//                        "startMm": [x, y, z], "endMm": [x, y, z]}}
// Throws RecordError(BadInput) naming the file and field.
records::ReadContent readFromCaseFile(const QString& path, const QString& caseTimepoint,
                                      const QString& recordLabel);

}  // namespace nbra::workflow
