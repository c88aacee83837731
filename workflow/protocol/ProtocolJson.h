#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "records/store/ProtocolRecords.h"

// The JSON exchange form of the trial around the images (docs/protocol.md): what nbra-cli prints
// and what the report and the export read. One writer for both front ends.
namespace nbra::workflow {

QJsonArray checklistItemsJson();
QJsonObject checklistReviewJson(const records::ChecklistReview& review,
                                const std::optional<records::ChecklistSignoffRecord>& signoff);
QJsonObject checklistSignoffJson(const records::ChecklistSignoffRecord& signoff);
QJsonArray scheduleJson(const std::vector<records::ScheduleLine>& lines);
QJsonObject productLotJson(const records::ProductLotRecord& lot);
QJsonObject thawCheckJson(const records::ThawCheckRecord& check);

// Strict reading of a checklist answers file ({"answers": [{"item", "answer", "unit"?, "date",
// "source"}]}); throws RecordError(BadInput) naming the entry and the problem.
std::vector<records::ChecklistAnswerInput> checklistAnswersFromJson(const QByteArray& json,
                                                                    const QString& fileName);

}  // namespace nbra::workflow
