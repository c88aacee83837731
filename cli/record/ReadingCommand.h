#pragma once

#include <QJsonObject>

#include "cli/record/RecordArgs.h"

namespace nbra::cli {

// The record subcommands of blinded double reading with adjudication (docs/adjudication.md):
//   record design show
//   record design set single|double --reason R [--sum-threshold-mm X] [--curie-threshold N]
//                     [--siopen-threshold N] [--no-trigger KEY]...          (administrator)
//   record assign ID --timepoint L --duty reader-1|reader-2|adjudicator --assignee U
//                 [--reason R]      (--assignee: --user is the signed-in user of every command)
//   record assign ID --timepoint L --draw --seed N                            (coordinator)
//   record reading ID --timepoint L            (the timepoint's state and read of record)
//   record adjudication ID --timepoint L       (the two reads as read-A and read-B)
//   record adjudicate ID --timepoint L --read N --reason R   (adjudicator; the password again)
//   record worklist [--today YYYY-MM-DD]
//   record metrics [--csv FILE]                (investigator or administrator)
QJsonObject designCommand(const RecordArgs& args);
QJsonObject assignCommand(const RecordArgs& args);
QJsonObject readingCommand(const RecordArgs& args);
QJsonObject adjudicationCommand(const RecordArgs& args);
QJsonObject adjudicateCommand(const RecordArgs& args);
QJsonObject worklistCommand(const RecordArgs& args);
QJsonObject metricsCommand(const RecordArgs& args);

}  // namespace nbra::cli
