#pragma once

#include <QDate>
#include <QString>

#include "records/store/ProtocolRecords.h"

namespace nbra::workflow {

// One checklist answer as a person types it, in the workstation's form or on nbra-cli's command
// line: "yes"/"no" for a yes/no item, a number (with the item's unit, which may be left out) for
// a measured one. Throws records::RecordError(BadInput) naming the item and what is wrong: an
// unknown item, "maybe" for a yes/no item, "27 %" for a number, "abc" or "1e999" for a number, a
// unit that is not the item's. Whether the value is plausible is the record's check (the rules').
records::ChecklistAnswerInput checklistAnswerFromText(const QString& key, const QString& answer,
                                                      const QString& unit, const QDate& date,
                                                      const QString& sourceDocument);

// Throws BadInput naming the item when a number item comes without its unit. The form shows the
// unit beside the field and may leave it out of checklistAnswerFromText; input typed without
// that context (a file, a command line) goes through this first, so that a raw lab value of 35 is
// never taken as "35 x ULN".
void requireUnitForNumbers(const QString& key, const QString& unit);

// The answer as the form and the report show it: "yes", "no" or "26.9 %".
QString checklistAnswerText(const records::ChecklistAnswerInput& answer);

}  // namespace nbra::workflow
