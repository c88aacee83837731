#pragma once

#include <QString>

#include "workflow/export/ReportData.h"

namespace nbra::workflow {

// Writes the report of one subject and timepoint as an A4 PDF. Needs a QGuiApplication (fonts);
// headless use runs it with the offscreen platform. Throws records::RecordError naming the file
// when it cannot be written.
void writePdfReport(const ReportData& data, const QString& pdfPath);

// The same for report HTML made elsewhere (reportHtml), e.g. by a process without a GUI.
void writePdfFromHtml(const QString& html, const QString& title, const QString& pdfPath);

}  // namespace nbra::workflow
