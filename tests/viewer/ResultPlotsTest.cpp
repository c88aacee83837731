// The results plots (viewer/plots), nbra-plot as a process, and the results window: each plot
// draws exactly the numbers of the results it is given, coloured by arm; a plot with nothing to
// draw refuses with a message instead of an empty chart; exports write what they say or name
// the file they could not write.

#include <gtest/gtest.h>

#include <QAbstractBarSeries>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <memory>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/viewer/ResultsTestData.h"
#include "viewer/app/results/ResultsWindow.h"
#include "viewer/app/results/UnmaskDialog.h"
#include "viewer/app/window/MainWindow.h"
#include "viewer/plots/ChartExport.h"
#include "viewer/plots/EndLabels.h"
#include "viewer/plots/PlotError.h"
#include "viewer/plots/SpiderChart.h"
#include "viewer/plots/SwimmerChart.h"
#include "viewer/plots/WaterfallChart.h"

// Readable failures for Qt strings.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& s, std::ostream* os) {
  *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

namespace plots = nbra::viewer::plots;
using nbra::testing::baselineOnlyResults;
using nbra::testing::handMadeResults;
using nbra::workflow::SubjectResult;
using nbra::workflow::TrialResults;

namespace {

template <typename Series>
Series* onlySeries(QChart* chart) {
  Series* found = nullptr;
  for (QAbstractSeries* s : chart->series())
    if (auto* typed = qobject_cast<Series*>(s)) {
      EXPECT_EQ(found, nullptr) << "more than one series of the type";
      found = typed;
    }
  return found;
}

const SubjectResult& subject(const TrialResults& r, const QString& id) {
  return *std::find_if(r.subjects.begin(), r.subjects.end(),
                       [&](const SubjectResult& s) { return s.studyId == id; });
}

// The waterfall's bars, left to right, as (category label, value, arm of the set drawing it).
struct Bar {
  QString label;
  double value;
  QString arm;
  QColor color;
};
std::vector<Bar> bars(QChart* chart) {
  auto* series = onlySeries<QStackedBarSeries>(chart);
  EXPECT_NE(series, nullptr);
  auto* axis = qobject_cast<QBarCategoryAxis*>(chart->axes(Qt::Horizontal).front());
  std::vector<Bar> out;
  for (int i = 0; i < axis->count(); ++i) {
    Bar bar{axis->at(i), 0.0, "?", {}};
    int drawn = 0;
    for (QBarSet* set : series->barSets())
      if (set->at(i) != 0.0) {
        bar = {axis->at(i), set->at(i), set->property("armCode").toString(), set->color()};
        ++drawn;
      }
    EXPECT_LE(drawn, 1) << "one arm per bar";
    out.push_back(bar);
  }
  return out;
}

void expectWaterfall(const TrialResults& r, plots::WaterfallMeasure measure,
                     const std::vector<QString>& expectedOrder) {
  std::unique_ptr<QChart> chart(plots::makeWaterfallChart(r, measure));
  const std::vector<Bar> drawn = bars(chart.get());
  ASSERT_EQ(drawn.size(), expectedOrder.size());
  double previous = 1e9;
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const SubjectResult& s = subject(r, expectedOrder[i]);
    const double expected = measure == plots::WaterfallMeasure::SumOfDiameters
                                ? *s.bestSumOfDiametersChangePercent
                                : *s.bestCurieChangePercent;
    EXPECT_DOUBLE_EQ(drawn[i].value, expected) << s.studyId.toStdString();
    EXPECT_LE(drawn[i].value, previous) << "sorted from the largest increase down";
    previous = drawn[i].value;
    EXPECT_EQ(drawn[i].arm, s.armCode) << s.studyId.toStdString();
    EXPECT_EQ(drawn[i].color, QColor(s.armCode == "NK" ? "#0072B2" : "#E69F00"));
    // Each bar says whose it is and the subject's best response.
    EXPECT_EQ(drawn[i].label, "<center>" + s.studyId + "<br>" + *s.bestResponse + "</center>");
  }
}

}  // namespace

TEST(WaterfallChart, BarsAreTheBestSumOfDiametersChangesSortedAndColouredByArm) {
  const TrialResults r = handMadeResults();
  expectWaterfall(r, plots::WaterfallMeasure::SumOfDiameters,
                  {"NB-005", "NB-002", "NB-004", "NB-006", "NB-003", "NB-001"});
  std::unique_ptr<QChart> chart(
      plots::makeWaterfallChart(r, plots::WaterfallMeasure::SumOfDiameters));
  // The PD and PR thresholds, dashed, across the plot; the legend names the arms.
  std::vector<double> lines;
  for (QAbstractSeries* s : chart->series())
    if (auto* line = qobject_cast<QLineSeries*>(s)) {
      EXPECT_EQ(line->pen().style(), Qt::DashLine);
      lines.push_back(line->at(0).y());
    }
  EXPECT_EQ(lines, (std::vector<double>{20.0, -30.0}));
  QStringList sets;
  for (QBarSet* set : onlySeries<QStackedBarSeries>(chart.get())->barSets())
    sets << set->label();
  EXPECT_EQ(sets, (QStringList{"Allogeneic NK cells after chemotherapy (NK)",
                               "Conventional treatment (CONTROL)"}));
  EXPECT_TRUE(chart->title().contains("sum of target diameters"));
  EXPECT_TRUE(chart->title().contains("6 of 7 subjects shown")) << chart->title().toStdString();
  EXPECT_TRUE(chart->title().contains("2026-09-30T14:05:00Z"));
}

TEST(WaterfallChart, CurieBarsLeaveOutTheSubjectWithoutACurieScore) {
  const TrialResults r = handMadeResults();
  expectWaterfall(r, plots::WaterfallMeasure::CurieRelativeScore,
                  {"NB-005", "NB-002", "NB-004", "NB-006", "NB-001"});
  std::unique_ptr<QChart> chart(
      plots::makeWaterfallChart(r, plots::WaterfallMeasure::CurieRelativeScore));
  const auto* line = onlySeries<QLineSeries>(chart.get());
  ASSERT_NE(line, nullptr);
  EXPECT_DOUBLE_EQ(line->at(0).y(), -50.0);  // INRC bone PR: relative score <= 0.5
  EXPECT_TRUE(chart->title().contains("Curie"));
}

TEST(WaterfallChart, ASubjectWithoutArmIsGreyAndLabelledNoArm) {
  TrialResults r = handMadeResults();
  r.subjects[1].armCode.clear();  // NB-002
  std::unique_ptr<QChart> chart(
      plots::makeWaterfallChart(r, plots::WaterfallMeasure::SumOfDiameters));
  for (const Bar& bar : bars(chart.get()))
    if (bar.label.startsWith("NB-002")) {
      EXPECT_EQ(bar.arm, "");
      EXPECT_EQ(bar.color, QColor("#999999"));
    }
  EXPECT_EQ(onlySeries<QStackedBarSeries>(chart.get())->barSets().back()->label(), "no arm");
}

TEST(SpiderChart, OneLinePerSubjectThroughItsPercentChanges) {
  const TrialResults r = handMadeResults();
  std::unique_ptr<QChart> chart(plots::makeSpiderChart(r));
  QStringList drawn;
  for (QAbstractSeries* s : chart->series()) {
    auto* line = qobject_cast<QLineSeries*>(s);
    if (!line || line->property("studyId").toString().isEmpty())
      continue;
    const SubjectResult& subj = subject(r, line->property("studyId").toString());
    drawn << subj.studyId;
    ASSERT_EQ(line->count(), static_cast<int>(subj.points.size())) << subj.studyId.toStdString();
    EXPECT_EQ(line->at(0), QPointF(-4, 0.0));  // the baseline at 0 %
    for (int i = 1; i < line->count(); ++i) {
      const auto& p = subj.points[static_cast<std::size_t>(i)];
      EXPECT_EQ(line->at(i), QPointF(p.dayOnStudy, *p.sumOfDiametersChangePercent));
    }
    EXPECT_EQ(line->color(), QColor(subj.armCode == "NK" ? "#0072B2" : "#E69F00"));
    EXPECT_TRUE(line->pointsVisible());
  }
  EXPECT_EQ(drawn, (QStringList{"NB-001", "NB-002", "NB-003", "NB-004", "NB-005", "NB-006"}));
  EXPECT_TRUE(chart->title().contains("6 of 7 subjects shown"));

  // Each line's end names the subject and best response; NB-003 and NB-006 end 4 % apart on
  // the same day, and their labels must not overlap at the size of a figure.
  auto* labels = chart->findChild<plots::EndLabels*>();
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(labels->texts(), (QStringList{"NB-001 CR", "NB-002 SD", "NB-003 PR", "NB-004 MR",
                                          "NB-005 PD", "NB-006 PR"}));
  QGraphicsScene scene;
  scene.addItem(chart.get());
  chart->resize(1200, 700);
  QApplication::processEvents();
  std::vector<QRectF> boxes;
  for (QGraphicsItem* item : chart->childItems())
    for (QGraphicsItem* child : item->childItems())
      if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(child))
        boxes.push_back(text->sceneBoundingRect());
  ASSERT_EQ(boxes.size(), 6u);
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j)
      EXPECT_FALSE(boxes[i].intersects(boxes[j])) << labels->texts()[int(i)].toStdString() << " / "
                                                  << labels->texts()[int(j)].toStdString();
  scene.removeItem(chart.get());
}

TEST(SwimmerChart, BarsAreTheDaysOnStudyWithInjectionsAndResponsesMarked) {
  const TrialResults r = handMadeResults();
  std::unique_ptr<QChart> chart(plots::makeSwimmerChart(r));
  auto* series = onlySeries<QHorizontalStackedBarSeries>(chart.get());
  ASSERT_NE(series, nullptr);
  auto* axis = qobject_cast<QBarCategoryAxis*>(chart->axes(Qt::Vertical).front());
  ASSERT_EQ(axis->count(), 7);
  EXPECT_TRUE(axis->at(6).startsWith("NB-001"));  // the longest on top
  EXPECT_TRUE(axis->at(0).startsWith("NB-007"));
  QScatterSeries* injections = nullptr;
  std::map<QString, QScatterSeries*> responses;
  for (QAbstractSeries* s : chart->series())
    if (auto* scatter = qobject_cast<QScatterSeries*>(s)) {
      if (scatter->name() == "injection")
        injections = scatter;
      else if (scatter->name().startsWith("assessment: "))
        responses[scatter->name().mid(12)] = scatter;
    }
  ASSERT_NE(injections, nullptr);
  EXPECT_EQ(injections->markerShape(), QScatterSeries::MarkerShapeTriangle);
  int injectionsSeen = 0;
  for (int row = 0; row < axis->count(); ++row) {
    const SubjectResult& s = subject(r, axis->at(row).section(' ', 0, 0));
    double length = 0.0;
    for (QBarSet* set : series->barSets()) {
      if (set->at(row) != 0.0) {
        EXPECT_EQ(set->property("armCode").toString(), s.armCode);
      }
      length += set->at(row);
    }
    EXPECT_DOUBLE_EQ(length, s.daysOnStudy) << s.studyId.toStdString();
    std::vector<int> marked;
    for (const QPointF& p : injections->points())
      if (std::abs(p.y() - row) < 0.5)
        marked.push_back(static_cast<int>(p.x()));
    EXPECT_EQ(marked, s.injectionDays) << s.studyId.toStdString();
    injectionsSeen += static_cast<int>(marked.size());
    for (const auto& point : s.points)
      if (point.response) {
        ASSERT_TRUE(responses.count(*point.response)) << point.response->toStdString();
        QScatterSeries* marks = responses[*point.response];
        EXPECT_EQ(marks->pointLabelsFormat(), *point.response);
        EXPECT_TRUE(marks->pointLabelsVisible());
        const auto pts = marks->points();
        EXPECT_TRUE(std::any_of(pts.begin(), pts.end(),
                                [&](const QPointF& p) {
                                  return p.x() == point.dayOnStudy && std::abs(p.y() - row) < 0.5;
                                }))
            << s.studyId.toStdString() << " " << point.label.toStdString();
      }
  }
  EXPECT_EQ(injectionsSeen, injections->count());
}

TEST(Plots, NothingToPlotRefusesWithAMessageInsteadOfAnEmptyChart) {
  const TrialResults r = baselineOnlyResults();
  try {
    delete plots::makeWaterfallChart(r, plots::WaterfallMeasure::SumOfDiameters);
    FAIL() << "an empty waterfall was drawn";
  } catch (const plots::PlotError& e) {
    EXPECT_NE(std::string(e.what()).find("no subject has an assessed follow-up"),
              std::string::npos);
    EXPECT_NE(std::string(e.what()).find("nothing to plot in the waterfall"), std::string::npos);
  }
  EXPECT_THROW(delete plots::makeWaterfallChart(r, plots::WaterfallMeasure::CurieRelativeScore),
               plots::PlotError);
  EXPECT_THROW(delete plots::makeSpiderChart(r), plots::PlotError);
  // Time on study and injections are still worth seeing before the first follow-up.
  std::unique_ptr<QChart> swimmer(plots::makeSwimmerChart(r));
  EXPECT_NE(swimmer, nullptr);
  EXPECT_THROW(delete plots::makeSwimmerChart(TrialResults{}), plots::PlotError);
}

TEST(ChartExport, PngHasTheAskedSizeAndIsDrawn) {
  QTemporaryDir dir;
  std::unique_ptr<QChart> chart(
      plots::makeWaterfallChart(handMadeResults(), plots::WaterfallMeasure::SumOfDiameters));
  const QString png = dir.filePath("w.png");
  plots::exportChartPng(chart.get(), png, QSize(900, 500));
  const QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(900, 500));
  // Not a blank page: some pixels are the NK blue of the bars.
  int blue = 0;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2)
      blue += image.pixelColor(x, y) == QColor("#0072B2");
  EXPECT_GT(blue, 200);
  // The chart is left out of the export's scene, still the caller's.
  EXPECT_EQ(chart->scene(), nullptr);
}

TEST(ChartExport, PdfIsAPdf) {
  QTemporaryDir dir;
  std::unique_ptr<QChart> chart(plots::makeSwimmerChart(handMadeResults()));
  const QString pdf = dir.filePath("s.pdf");
  plots::exportChartPdf(chart.get(), pdf);
  QFile file(pdf);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(file.read(4) == "%PDF");
  EXPECT_GT(file.size(), 5000);
}

TEST(ChartExport, AnUnwritablePathIsNamed) {
  std::unique_ptr<QChart> chart(plots::makeSpiderChart(handMadeResults()));
  const QString path = "/nonexistent-folder/spider.png";
  for (const bool png : {true, false}) {
    try {
      if (png)
        plots::exportChartPng(chart.get(), path, QSize(400, 300));
      else
        plots::exportChartPdf(chart.get(), path);
      FAIL() << "wrote to " << path.toStdString();
    } catch (const plots::ExportError& e) {
      EXPECT_NE(std::string(e.what()).find(path.toStdString()), std::string::npos) << e.what();
    }
  }
}

// nbra-plot as nbra-cli runs it: the results JSON on stdin.
namespace {

struct PlotRun {
  int exitCode;
  QString out;
  QString err;
};

PlotRun runPlotTool(const QByteArray& input, const QStringList& args) {
  QProcess p;
  p.start(NBRA_PLOT, args);
  p.write(input);
  p.closeWriteChannel();
  EXPECT_TRUE(p.waitForFinished(120000));
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

QByteArray resultsJson(const TrialResults& r) {
  return QJsonDocument(nbra::workflow::resultsToJson(r)).toJson();
}

bool startsWith(const QString& path, const QByteArray& magic) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) && f.read(magic.size()) == magic;
}

}  // namespace

TEST(PlotTool, WritesEveryPlotAndTheResultsPdf) {
  QTemporaryDir dir;
  const PlotRun run = runPlotTool(resultsJson(handMadeResults()),
                                  {"--out-dir", dir.filePath("plots"), "--pdf",
                                   dir.filePath("results.pdf"), "--png-size", "800x450"});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  for (const char* stem : {"waterfall-sod", "waterfall-curie", "spider", "swimmer"}) {
    const QImage png(dir.filePath(QString("plots/%1.png").arg(stem)));
    EXPECT_EQ(png.size(), QSize(800, 450)) << stem;
    EXPECT_TRUE(startsWith(dir.filePath(QString("plots/%1.pdf").arg(stem)), "%PDF")) << stem;
  }
  EXPECT_TRUE(startsWith(dir.filePath("results.pdf"), "%PDF"));
  QFile pdf(dir.filePath("results.pdf"));
  ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
  // The tables' page and one page per plot.
  EXPECT_EQ(pdf.readAll().count("/Type /Page\n"), 5);
  const QJsonObject out = QJsonDocument::fromJson(run.out.toUtf8()).object();
  EXPECT_EQ(out["written"].toArray().size(), 9);
  EXPECT_TRUE(out["skipped"].toArray().isEmpty());
}

TEST(PlotTool, SkipsAPlotWithNothingToDrawAndSaysWhy) {
  QTemporaryDir dir;
  const PlotRun run = runPlotTool(resultsJson(baselineOnlyResults()),
                                  {"--out-dir", dir.path(), "--pdf", dir.filePath("r.pdf")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(run.err.contains("waterfall-sod not written: no subject has an assessed follow-up"))
      << run.err.toStdString();
  EXPECT_FALSE(QFile::exists(dir.filePath("waterfall-sod.png")));
  EXPECT_FALSE(QFile::exists(dir.filePath("spider.png")));
  EXPECT_TRUE(QFile::exists(dir.filePath("swimmer.png")));
  EXPECT_TRUE(startsWith(dir.filePath("r.pdf"), "%PDF"));
  EXPECT_EQ(QJsonDocument::fromJson(run.out.toUtf8()).object()["skipped"].toArray().size(), 3);
}

TEST(PlotTool, BadInputIsTwoAndAnUnwritableFileIsOne) {
  QTemporaryDir dir;
  PlotRun run = runPlotTool("{ not json", {"--out-dir", dir.path()});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains("not JSON")) << run.err.toStdString();
  // Well-formed JSON with one wrong member: the message names it.
  QJsonObject json = nbra::workflow::resultsToJson(handMadeResults());
  QJsonArray subjects = json["subjects"].toArray();
  QJsonObject third = subjects[2].toObject();
  third["daysOnStudy"] = "many";
  subjects[2] = third;
  json["subjects"] = subjects;
  run = runPlotTool(QJsonDocument(json).toJson(), {"--out-dir", dir.path()});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains("results JSON: subjects[2].daysOnStudy")) << run.err.toStdString();
  EXPECT_FALSE(QFile::exists(dir.filePath("swimmer.png")));
  run = runPlotTool(resultsJson(handMadeResults()), {});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains("usage"));
  // An implausible image size is refused before anything is drawn.
  run = runPlotTool(resultsJson(handMadeResults()),
                    {"--out-dir", dir.path(), "--png-size", "99999x99999"});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains("200 to 8000 pixels")) << run.err.toStdString();
  run = runPlotTool(resultsJson(handMadeResults()), {"--pdf", "/nonexistent-folder/r.pdf"});
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_TRUE(run.err.contains("/nonexistent-folder/r.pdf")) << run.err.toStdString();
}

TEST(ResultsWindow, ShowsTheCountsRatesAndNotesAndFitsALaptop) {
  const TrialResults r = handMadeResults();
  nbra::viewer::results::ResultsWindow window(r);
  window.resize(1326, 708);  // 1366 x 768 less the frame and a panel
  window.show();
  QApplication::processEvents();
  EXPECT_EQ(window.windowTitle(), "Results by arm — 7 subjects");
  EXPECT_LE(window.minimumSizeHint().width(), 1366);
  EXPECT_LE(window.minimumSizeHint().height(), 768);
  EXPECT_LE(window.minimumSize().width(), 1366);
  EXPECT_LE(window.minimumSize().height(), 768);
  EXPECT_EQ(window.size(), QSize(1326, 708));

  const QAbstractItemModel* arms = window.armTable()->model();
  auto text = [](const QAbstractItemModel* m, int row, int column) {
    return m->data(m->index(row, column)).toString();
  };
  auto column = [&](const QString& header) {
    for (int c = 0; c < arms->columnCount(); ++c)
      if (arms->headerData(c, Qt::Horizontal).toString().startsWith(header))
        return c;
    return -1;
  };
  ASSERT_EQ(arms->rowCount(), 2);
  EXPECT_EQ(text(arms, 0, 0), "NK: Allogeneic NK cells after chemotherapy");
  EXPECT_EQ(text(arms, 0, column("Subjects")), "4");
  EXPECT_EQ(text(arms, 0, column("Assessed")), "3");
  EXPECT_EQ(text(arms, 0, column("CR")), "1");
  EXPECT_EQ(text(arms, 0, column("PR")), "1");
  EXPECT_EQ(text(arms, 0, column("MR")), "0");
  EXPECT_EQ(text(arms, 0, column("PD")), "1");
  EXPECT_EQ(text(arms, 1, column("MR")), "1");
  EXPECT_EQ(text(arms, 1, column("SD")), "1");
  EXPECT_EQ(text(arms, 0, column("ORR")), "2/3 = 67 % (9.4-99.2 %)");
  EXPECT_EQ(text(arms, 1, column("ORR")), "1/3 = 33 % (0.8-90.6 %)");
  EXPECT_EQ(text(arms, 1, column("Alternative")), "2/3 = 67 % (9.4-99.2 %)");

  const QAbstractItemModel* subjects = window.subjectTable()->model();
  ASSERT_EQ(subjects->rowCount(), 7);
  EXPECT_EQ(text(subjects, 0, 0), "NB-001");
  EXPECT_EQ(
      text(subjects, 0, 3),
      "post-course-2 (day 56): PR\npost-course-4 (day 112): PR\nend-of-treatment (day 168): CR");
  EXPECT_EQ(text(subjects, 0, 4), "CR");
  EXPECT_EQ(text(subjects, 0, 5), "\u2212100.0 %");
  EXPECT_EQ(text(subjects, 2, 6), "\u2014");  // NB-003: no Curie score
  EXPECT_EQ(text(subjects, 6, 3), "none");

  EXPECT_TRUE(window.notesLabel()->isVisible());
  EXPECT_TRUE(window.notesLabel()->text().contains("NB-007 has no assessed follow-up"));
  ASSERT_EQ(window.tabs()->count(), 5);
  for (int i = 1; i < 5; ++i)
    EXPECT_NE(window.chartOfTab(i), nullptr) << i;

  // The export of the chart on screen; the view keeps its chart as it was.
  QTemporaryDir dir;
  window.tabs()->setCurrentIndex(1);
  const QSize shown = window.chartOfTab(1)->size().toSize();
  EXPECT_EQ(window.exportCurrentChartPng(dir.filePath("w.png")), "");
  EXPECT_EQ(QImage(dir.filePath("w.png")).size(), QSize(1200, 700));
  EXPECT_EQ(window.chartOfTab(1)->size().toSize(), shown);
  EXPECT_EQ(window.exportCurrentChartPdf(dir.filePath("w.pdf")), "");
  EXPECT_EQ(window.exportResultsPdf(dir.filePath("r.pdf")), "");
  EXPECT_TRUE(startsWith(dir.filePath("r.pdf"), "%PDF"));
  EXPECT_TRUE(
      window.exportResultsPdf("/nonexistent-folder/r.pdf").contains("/nonexistent-folder/r.pdf"));
  window.tabs()->setCurrentIndex(0);
  EXPECT_FALSE(window.exportCurrentChartPng(dir.filePath("none.png")).isEmpty());
}

TEST(ResultsWindow, APlotWithNothingToDrawShowsWhyInItsTab) {
  nbra::viewer::results::ResultsWindow window(baselineOnlyResults());
  window.show();
  QApplication::processEvents();
  EXPECT_EQ(window.chartOfTab(1), nullptr);
  auto* message = window.findChild<QLabel*>("waterfall-sodMessage");
  ASSERT_NE(message, nullptr);
  EXPECT_TRUE(message->text().contains("no subject has an assessed follow-up"))
      << message->text().toStdString();
  EXPECT_NE(window.chartOfTab(4), nullptr);  // the swimmer still shows time on study
  window.tabs()->setCurrentIndex(1);
  EXPECT_FALSE(window.findChild<QWidget*>("exportPng")->isEnabled());
  const QAbstractItemModel* arms = window.armTable()->model();
  EXPECT_EQ(arms->data(arms->index(0, 9)).toString(), "not estimable: no subject assessed");
}

// Trial > Results by arm in the main window, over a real record: an investigator who has not
// unmasked is asked why (and for the password) first; cancelling or a wrong password shows
// nothing; a reader never gets the action.
namespace {

// Acts on the next modal widget of type W that the code under test opens (exec blocks the test).
template <typename W>
void onNextModal(std::function<void(W*)> act) {
  auto* timer = new QTimer;
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer, act] {
    if (auto* w = qobject_cast<W*>(QApplication::activeModalWidget())) {
      timer->stop();
      timer->deleteLater();
      act(w);
    }
  });
  timer->start();
}

void answerUnmask(const QString& reason, const QString& password) {
  onNextModal<nbra::viewer::results::UnmaskDialog>([=](auto* dialog) {
    dialog->template findChild<QLineEdit*>("reason")->setText(reason);
    dialog->template findChild<QLineEdit*>("password")->setText(password);
    dialog->template findChild<QPushButton*>("unmask")->click();
  });
}

}  // namespace

TEST(TrialMenu, ResultsByArmUnmasksTheInvestigatorWithAReasonFirst) {
  namespace rec = nbra::records;
  QTemporaryDir dir;
  rec::RecordDatabase db(dir.filePath("trial.db"));
  rec::TrialRecord record(db, rec::HashCost::Minimal);
  const QString password = "results menu 7";
  record.bootstrapAdministrator("admin", "Ada Admin", password);
  record.createUser("coord", "Cora Coordinator", rec::Role::Coordinator, password);
  record.createUser("reader", "Dr Rita Reader", rec::Role::Reader, password);
  record.createUser("inv", "Dr Ivan Investigator", rec::Role::Investigator, password);
  record.signIn("coord", password);
  record.createSubject({"NB-301", "F", std::nullopt, 7.0});
  record.recordArm("NB-301", "NK");

  nbra::viewer::MainWindow window(dir.filePath("index.db"));
  window.show();
  QAction* results = window.findChild<QAction*>("results");
  ASSERT_NE(results, nullptr);
  EXPECT_FALSE(results->isEnabled());  // no record yet
  record.signIn("reader", password);
  window.setTrialSubject(record, "NB-301");
  EXPECT_FALSE(results->isEnabled());  // readers stay masked
  record.signIn("inv", password);
  window.setTrialSubject(record, "NB-301");
  EXPECT_TRUE(results->isEnabled());

  // Cancelled: nothing recorded, nothing shown.
  onNextModal<nbra::viewer::results::UnmaskDialog>([](auto* dialog) { dialog->reject(); });
  EXPECT_EQ(window.openResults(), nullptr);
  EXPECT_FALSE(record.actorIsUnmasked());

  // A wrong password: the record's refusal in a message box, still masked.
  QString refusal;
  onNextModal<nbra::viewer::results::UnmaskDialog>([&](auto* dialog) {
    dialog->template findChild<QLineEdit*>("reason")->setText("interim review");
    dialog->template findChild<QLineEdit*>("password")->setText("wrong");
    onNextModal<QMessageBox>([&](QMessageBox* box) {
      refusal = box->text();
      box->accept();
    });
    dialog->template findChild<QPushButton*>("unmask")->click();
  });
  EXPECT_EQ(window.openResults(), nullptr);
  EXPECT_FALSE(refusal.isEmpty());
  EXPECT_FALSE(record.actorIsUnmasked());

  answerUnmask("DSMB interim review", password);
  QWidget* shown = window.openResults();
  ASSERT_NE(shown, nullptr);
  EXPECT_TRUE(record.actorIsUnmasked());
  ASSERT_EQ(record.unmaskings().size(), 1u);
  EXPECT_EQ(record.unmaskings()[0].reason, "DSMB interim review");
  auto* resultsWindow = qobject_cast<nbra::viewer::results::ResultsWindow*>(shown);
  ASSERT_NE(resultsWindow, nullptr);
  EXPECT_EQ(resultsWindow->windowTitle(), "Results by arm — 1 subject");
  EXPECT_LE(resultsWindow->width(), 1366);
  EXPECT_LE(resultsWindow->height(), 768);
  shown->close();

  // Unmasked once, never asked again.
  QWidget* again = window.openResults();
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(record.unmaskings().size(), 1u);
  again->close();
}

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
