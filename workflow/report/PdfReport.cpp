#include "workflow/report/PdfReport.h"

#include <QDateTime>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

#include "workflow/export/ReportHtml.h"

namespace nbra::workflow {

void writePdfReport(const ReportData& data, const QString& pdfPath) {
  writePdfFromHtml(reportHtml(data, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)),
                   "NBRA report " + data.subject.studyId + " " + data.timepoint.label, pdfPath);
}

void writePdfFromHtml(const QString& html, const QString& title, const QString& pdfPath) {
  QFile file(pdfPath);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    throw records::RecordError(
        records::RecordErrorKind::BadInput,
        ("cannot write the report " + pdfPath + ": " + file.errorString()).toStdString());
  }
  {
    QPdfWriter writer(&file);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(title);
    writer.setCreator("NBRA");
    QTextDocument document;
    document.setHtml(html);
    document.print(&writer);
  }
  if (!file.flush() || file.size() == 0) {
    throw records::RecordError(
        records::RecordErrorKind::Storage,
        ("the report " + pdfPath + " could not be completed: " + file.errorString()).toStdString());
  }
}

}  // namespace nbra::workflow
