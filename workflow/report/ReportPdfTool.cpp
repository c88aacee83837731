// nbra-report-pdf OUT.pdf TITLE < report.html: renders report HTML to an A4 PDF. Qt needs a
// QGuiApplication for fonts; nbra-cli is a Core application, so it calls this helper. Runs
// headless (offscreen platform) unless QT_QPA_PLATFORM says otherwise.
#include <QGuiApplication>
#include <QTextStream>
#include <cstdio>

#include "workflow/report/PdfReport.h"

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  QGuiApplication app(argc, argv);
  const QStringList args = QGuiApplication::arguments();
  QTextStream err(stderr);
  if (args.size() != 3) {
    err << "usage: nbra-report-pdf OUT.pdf TITLE < report.html\n";
    return 2;
  }
  QTextStream in(stdin);
  const QString html = in.readAll();
  try {
    nbra::workflow::writePdfFromHtml(html, args[2], args[1]);
  } catch (const nbra::records::RecordError& e) {
    err << e.what() << "\n";
    return 2;
  }
  return 0;
}
