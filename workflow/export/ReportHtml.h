#pragma once

#include <QString>

#include "workflow/export/ReportData.h"

namespace nbra::workflow {

// The report of one subject and timepoint as simple HTML that QTextDocument lays out: subject,
// scans used, lesion table, Curie/SIOPEN segment table, INRC components and overall response
// with reasons, eligibility and extra-dose decisions, and every signature. Pure text: the PDF
// writer (records/report) only paginates it.
QString reportHtml(const ReportData& data, const QString& generatedUtc);

}  // namespace nbra::workflow
