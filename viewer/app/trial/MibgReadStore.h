#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

#include "records/store/RecordTypes.h"
#include "records/store/TrialRecord.h"
#include "scoring/model/MibgReading.h"

namespace nbra::viewer::trial {

// The MIBG part of a reader's read, kept in the trial record next to the CT marks: the segment
// entries go into the read's MIBG rows (what the rules use), the scoring state (marks, diffuse
// flags, fitted atlas) into marks_json under kMibgStateKey so a reopened read shows every mark
// where it was. Everything else the read holds (lesions, CT marks, PET, marrow) is kept as is.
inline const QString kMibgStateKey = QStringLiteral("mibgScoring");

// The scoring state saved in a read, when it holds one. Throws std::runtime_error naming the
// read when its marks_json is not JSON.
std::optional<QJsonObject> mibgStateOf(const nbra::records::ReadRecord& read);

// What the scoring widget produced for one timepoint.
struct MibgScoring {
  std::vector<nbra::records::MibgSegmentEntry> entries;  // the record's MIBG rows
  nbra::scoring::MibgReading reading;                    // the same, as the rules read it
  int newBoneSites = 0;  // new MIBG-avid bone sites since baseline (the reader's count)
  QJsonObject state;     // the widget's marks, diffuse flags and atlas fit
};

// Saves the MIBG scoring into the reader's draft (created when there is none): the MIBG rows
// (from which `record assess` builds what the rules see, workflow/reads/ReadModel) and the
// widget state. Refused, with the record's message, when the reader's
// read is signed: it must be corrected first.
qint64 saveMibgScoring(nbra::records::TrialRecord& record, const QString& studyId,
                       const QString& timepointLabel, const MibgScoring& scoring);

// marks_json with the scoring state set under kMibgStateKey and every other key kept.
// Throws std::runtime_error when `marksJson` is neither empty nor a JSON object.
QString withMibgState(const QString& marksJson, const QJsonObject& state);

}  // namespace nbra::viewer::trial
