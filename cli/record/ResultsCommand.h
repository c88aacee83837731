#pragma once

#include <QJsonObject>

#include "cli/record/RecordArgs.h"

namespace nbra::cli {

// The record subcommands of arms, masking and the trial's answer (docs/results.md):
//   record arm set ID --arm NK|CONTROL [--reason R] | show ID | history ID
//   record allocation create --seed N --block-size B --length L | show | allocate ID
//   record unmask --reason R            (the password again, as for a signature)
//   record results [--confidence C] [--best-response-after-pd] [--plots DIR] [--pdf FILE]
//   record export-sdtm --out DIR [--json FILE] [--study STUDYID]
QJsonObject armCommand(const RecordArgs& args);
QJsonObject allocationCommand(const RecordArgs& args);
QJsonObject unmaskCommand(const RecordArgs& args);
QJsonObject resultsCommand(const RecordArgs& args);
QJsonObject exportSdtmCommand(const RecordArgs& args);

}  // namespace nbra::cli
