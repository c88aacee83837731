#include "viewer/plots/ResultsPdf.h"

#include <QAbstractTextDocumentLayout>
#include <QChart>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <functional>
#include <memory>

#include "viewer/plots/ChartExport.h"
#include "viewer/plots/PlotError.h"
#include "viewer/plots/ResultsHtml.h"
#include "viewer/plots/SpiderChart.h"
#include "viewer/plots/SwimmerChart.h"
#include "viewer/plots/WaterfallChart.h"

namespace nbra::viewer::plots {

namespace {

struct Plot {
  QString name;
  std::unique_ptr<QChart> chart;
};

}  // namespace

void writeResultsPdf(const workflow::TrialResults& results, const QString& path) {
  const std::pair<QString, std::function<QChart*()>> factories[] = {
      {waterfallName(WaterfallMeasure::SumOfDiameters),
       [&] { return makeWaterfallChart(results, WaterfallMeasure::SumOfDiameters); }},
      {waterfallName(WaterfallMeasure::CurieRelativeScore),
       [&] { return makeWaterfallChart(results, WaterfallMeasure::CurieRelativeScore); }},
      {QStringLiteral("spider plot"), [&] { return makeSpiderChart(results); }},
      {QStringLiteral("swimmer plot"), [&] { return makeSwimmerChart(results); }},
  };
  std::vector<Plot> plots;
  QStringList drawn, notDrawn;
  for (const auto& [name, make] : factories) {
    try {
      plots.push_back({name, std::unique_ptr<QChart>(make())});
      drawn << name;
    } catch (const PlotError& e) {
      notDrawn << QString::fromUtf8(e.what());
    }
  }

  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    throw ExportError(QStringLiteral("cannot write the results PDF %1: %2")
                          .arg(path, file.errorString())
                          .toStdString());
  {
    QPdfWriter writer(&file);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
    writer.setResolution(300);
    writer.setTitle(QStringLiteral("NBRA results by arm, made %1").arg(results.madeUtc));
    writer.setCreator(QStringLiteral("NBRA"));
    const QSizeF page(writer.width(), writer.height());

    // The tables are laid out for the writer's resolution and cut into pages by the document
    // itself (a table row never splits; the header row repeats).
    QTextDocument document;
    document.documentLayout()->setPaintDevice(&writer);
    QFont font = document.defaultFont();
    font.setPointSizeF(9.0);
    document.setDefaultFont(font);
    document.setDocumentMargin(0);
    document.setPageSize(page);
    document.setHtml(resultsHtml(results, drawn, notDrawn));

    QPainter painter(&writer);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < document.pageCount(); ++i) {
      if (i > 0)
        writer.newPage();
      painter.save();
      const QRectF slice(0, i * page.height(), page.width(), page.height());
      painter.translate(0, -slice.top());
      document.drawContents(&painter, slice);
      painter.restore();
    }
    for (const Plot& plot : plots) {
      writer.newPage();
      paintChart(plot.chart.get(), painter, QRectF(QPointF(0, 0), page), layoutPxOf(writer));
    }
  }
  if (!file.flush() || file.size() == 0)
    throw ExportError(QStringLiteral("the results PDF %1 could not be completed: %2")
                          .arg(path, file.errorString())
                          .toStdString());
}

}  // namespace nbra::viewer::plots
