// nbra-plot [--out-dir DIR] [--pdf FILE] [--png-size WxH] < results.json
// Draws the results plots from the results JSON that `nbra-cli results` prints (resultsToJson):
// --out-dir writes waterfall-sod, waterfall-curie, spider and swimmer as .png and .pdf,
// --pdf the results PDF (tables and plots). Qt Charts needs a QApplication; nbra-cli is a Qt
// Core application, so it runs this helper, placed next to it. Runs headless (offscreen)
// unless QT_QPA_PLATFORM says otherwise.
// Prints {"written": [paths], "skipped": [{"plot", "reason"}]} on stdout. Exit codes: 0 done
// (a plot with nothing to draw is skipped, not an error), 2 bad input, 1 a file not written.
#include <QApplication>
#include <QChart>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>
#include <functional>
#include <memory>

#include "records/database/RecordError.h"
#include "viewer/plots/ChartExport.h"
#include "viewer/plots/PlotError.h"
#include "viewer/plots/ResultsPdf.h"
#include "viewer/plots/SpiderChart.h"
#include "viewer/plots/SwimmerChart.h"
#include "viewer/plots/WaterfallChart.h"

namespace plots = nbra::viewer::plots;

namespace {

constexpr int kBadInput = 2;
constexpr int kWriteFailed = 1;

struct BadInput {
  QString message;
};

QSize parseSize(const QString& text) {
  const QRegularExpressionMatch m =
      QRegularExpression(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$")).match(text);
  if (!m.hasMatch())
    throw BadInput{
        QStringLiteral("--png-size '%1' is not WIDTHxHEIGHT in pixels (e.g. 1200x700)").arg(text)};
  // A plot is read on a screen or a page: 200 to 8000 pixels a side. Beyond that the image would
  // take gigabytes of memory before anyone could look at it.
  const QSize size(m.captured(1).toInt(), m.captured(2).toInt());
  if (size.width() < 200 || size.height() < 200 || size.width() > 8000 || size.height() > 8000)
    throw BadInput{
        QStringLiteral("--png-size '%1': each side must be 200 to 8000 pixels").arg(text)};
  return size;
}

nbra::workflow::TrialResults readResults(QFile& input) {
  const QByteArray bytes = input.readAll();
  if (bytes.trimmed().isEmpty())
    throw BadInput{QStringLiteral("no results JSON on standard input")};
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
  if (error.error != QJsonParseError::NoError)
    throw BadInput{QStringLiteral("the results JSON on standard input is not JSON: %1 at byte %2")
                       .arg(error.errorString())
                       .arg(error.offset)};
  if (!document.isObject())
    throw BadInput{QStringLiteral("the results JSON on standard input is not an object")};
  try {
    return nbra::workflow::resultsFromJson(document.object());
  } catch (const nbra::records::RecordError& e) {
    // Already names the member at fault: "results JSON: subjects[2].daysOnStudy must be ...".
    throw BadInput{QString::fromUtf8(e.what())};
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QTextStream err(stderr);
  QTextStream out(stdout);

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Draws the results plots and the results PDF from the results JSON on "
                     "standard input."));
  parser.addHelpOption();
  const QCommandLineOption outDirOption(
      QStringLiteral("out-dir"),
      QStringLiteral("Writes waterfall-sod, waterfall-curie, spider and swimmer (.png, .pdf)."),
      QStringLiteral("dir"));
  const QCommandLineOption pdfOption(QStringLiteral("pdf"),
                                     QStringLiteral("Writes the results PDF (tables and plots)."),
                                     QStringLiteral("file"));
  const QCommandLineOption sizeOption(QStringLiteral("png-size"),
                                      QStringLiteral("Size of the PNGs (default 1200x700)."),
                                      QStringLiteral("WxH"), QStringLiteral("1200x700"));
  parser.addOptions({outDirOption, pdfOption, sizeOption});
  if (!parser.parse(QApplication::arguments())) {
    err << "nbra-plot: " << parser.errorText() << "\n";
    return kBadInput;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out << parser.helpText();
    return 0;
  }
  if (!parser.positionalArguments().isEmpty() ||
      (!parser.isSet(outDirOption) && !parser.isSet(pdfOption))) {
    err << "usage: nbra-plot [--out-dir DIR] [--pdf FILE] [--png-size WxH] < results.json "
           "(at least one of --out-dir and --pdf)\n";
    return kBadInput;
  }

  nbra::workflow::TrialResults results;
  QSize pngSize;
  try {
    pngSize = parseSize(parser.value(sizeOption));
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
      throw BadInput{QStringLiteral("cannot read standard input")};
    results = readResults(input);
  } catch (const BadInput& e) {
    err << "nbra-plot: " << e.message << "\n";
    return kBadInput;
  }

  QJsonArray written, skipped;
  try {
    if (parser.isSet(outDirOption)) {
      const QDir dir(parser.value(outDirOption));
      if (!dir.mkpath(QStringLiteral(".")))
        throw plots::ExportError(
            QStringLiteral("cannot create the folder %1").arg(dir.path()).toStdString());
      const std::pair<QString, std::function<QChart*()>> files[] = {
          {QStringLiteral("waterfall-sod"),
           [&] {
             return plots::makeWaterfallChart(results, plots::WaterfallMeasure::SumOfDiameters);
           }},
          {QStringLiteral("waterfall-curie"),
           [&] {
             return plots::makeWaterfallChart(results, plots::WaterfallMeasure::CurieRelativeScore);
           }},
          {QStringLiteral("spider"), [&] { return plots::makeSpiderChart(results); }},
          {QStringLiteral("swimmer"), [&] { return plots::makeSwimmerChart(results); }},
      };
      for (const auto& [name, make] : files) {
        std::unique_ptr<QChart> chart;
        try {
          chart.reset(make());
        } catch (const plots::PlotError& e) {
          err << "nbra-plot: " << name << " not written: " << e.what() << "\n";
          skipped.append(QJsonObject{{"plot", name}, {"reason", QString::fromUtf8(e.what())}});
          continue;
        }
        const QString png = dir.filePath(name + QStringLiteral(".png"));
        const QString pdf = dir.filePath(name + QStringLiteral(".pdf"));
        plots::exportChartPng(chart.get(), png, pngSize);
        plots::exportChartPdf(chart.get(), pdf);
        written << png << pdf;
      }
    }
    if (parser.isSet(pdfOption)) {
      plots::writeResultsPdf(results, parser.value(pdfOption));
      written << parser.value(pdfOption);
    }
  } catch (const plots::ExportError& e) {
    err << "nbra-plot: " << e.what() << "\n";
    return kWriteFailed;
  }
  out << QJsonDocument(QJsonObject{{"written", written}, {"skipped", skipped}})
             .toJson(QJsonDocument::Indented);
  return 0;
}
