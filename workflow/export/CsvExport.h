#pragma once

#include <QString>
#include <QStringList>

#include "records/store/TrialRecord.h"

namespace nbra::workflow {

// Writes lesions.csv, scores.csv and responses.csv for every subject into `directory`, shaped
// like the Pediatric Cancer Data Commons (PCDC) neuroblastoma data model: one row per
// observation with the subject, the timepoint and its date, and PCDC-style field names
// (response_system, response_category, mibg_score_type, mibg_score, marrow_tumor_percent).
// Only signed reads and recorded assessments are exported. Returns the files written.
QStringList exportCsv(records::TrialRecord& record, const QString& directory);

// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
QString csvField(const QString& value);

// What a column holds. Text comes from people (study ids, labels, organ names, reader names,
// tracking ids) and may begin like a spreadsheet formula; numbers are written by NBRA itself.
enum class CsvCell { Text, Number };

// A text cell that a spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a
// carriage return) gets a leading single quote, so it is shown, not evaluated (OWASP "CSV
// injection"). Numbers are never changed: -5.0 stays a number. Then quoted as csvField.
QString csvCell(const QString& value, CsvCell kind);

}  // namespace nbra::workflow
