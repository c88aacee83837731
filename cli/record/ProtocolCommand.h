#pragma once

#include <QJsonObject>

#include "cli/record/RecordArgs.h"

namespace nbra::cli {

// The record subcommands of the trial around the images (docs/protocol.md):
//   record checklist items
//   record checklist answer ID --item KEY --answer yes|no|NUMBER [--unit U] --date D --source S
//                              [--reason R]
//   record checklist answers ID --file ANSWERS.json [--reason R]
//   record checklist show ID [--date D] | history ID
//   record checklist sign ID --date D --reason R       (the password again)
//   record course ID --number N --end-date D [--reason R]
//   record schedule ID [--today D]
//   record lot add CODE --donor D --apheresis-date D --separation-date D --cryopreserved-date D
//              [--storage-c T] --sterility S --viable-cells N --viability P --purity P
//              --active-phenotype P | list
//   record thaw ID --injection N --lot CODE --date D --viability P --viable-cells N --sterility S
//   record timeline ID [--today D]
QJsonObject checklistCommand(const RecordArgs& args);
QJsonObject courseCommand(const RecordArgs& args);
QJsonObject scheduleCommand(const RecordArgs& args);
QJsonObject lotCommand(const RecordArgs& args);
QJsonObject thawCommand(const RecordArgs& args);
QJsonObject timelineCommand(const RecordArgs& args);

}  // namespace nbra::cli
