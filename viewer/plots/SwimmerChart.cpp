#include "viewer/plots/SwimmerChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "viewer/plots/ArmStyle.h"
#include "viewer/plots/ChartDecor.h"
#include "viewer/plots/PlotError.h"

namespace nbra::viewer::plots {

namespace {

// INRC 2017 overall responses, best first, each with a colour of the Okabe-Ito palette that is
// not one of the arms' (the bars under the markers are blue and orange).
struct CategoryStyle {
  const char* category;
  const char* color;
};
constexpr CategoryStyle kCategories[] = {
    {"CR", "#009E73"}, {"PR", "#56B4E9"}, {"MR", "#CC79A7"},
    {"SD", "#F0E442"}, {"PD", "#D55E00"}, {"NE", "#FFFFFF"},
};

QColor tint(const QColor& color) {
  const auto mix = [](int c) { return static_cast<int>(std::lround(0.4 * c + 0.6 * 255)); };
  return QColor(mix(color.red()), mix(color.green()), mix(color.blue()));
}

bool hasSomethingToDraw(const workflow::SubjectResult& s) {
  return s.daysOnStudy > 0 || !s.injectionDays.empty() || !s.points.empty();
}

QScatterSeries* markerSeries(QChart* chart, const QString& name, const QColor& fill,
                             QScatterSeries::MarkerShape shape, double size) {
  auto* series = new QScatterSeries(chart);
  series->setName(name);
  series->setMarkerShape(shape);
  series->setMarkerSize(size);
  series->setColor(fill);
  series->setBorderColor(Qt::black);
  return series;
}

void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y) {
  chart->addSeries(series);
  series->attachAxis(x);
  series->attachAxis(y);
}

}  // namespace

QChart* makeSwimmerChart(const workflow::TrialResults& results) {
  std::vector<const workflow::SubjectResult*> shown;
  for (const workflow::SubjectResult& s : results.subjects)
    if (hasSomethingToDraw(s))
      shown.push_back(&s);
  if (shown.empty())
    throw PlotError(
        "no subject has any time on study, injection or assessment: nothing to plot "
        "in the swimmer plot");
  // Longest on top: a bar category axis draws its first category at the bottom.
  std::stable_sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
    return a->daysOnStudy != b->daysOnStudy ? a->daysOnStudy < b->daysOnStudy
                                            : a->studyId > b->studyId;
  });

  auto* chart = new QChart;
  applyPlainLook(chart);
  setChartTitle(chart,
                QStringLiteral("Swimmer: time on study with injections, assessments and INRC "
                               "responses, by subject"),
                static_cast<int>(shown.size()), static_cast<int>(results.subjects.size()),
                QStringLiteral("nothing recorded after the start"), results.madeUtc,
                // The marks are explained here, not in the legend: beside the arms' names they
                // would not fit the width of a page.
                QStringLiteral("<span style=\"font-size:small\">\u25b2 injection \u00a0 "
                               "\u25c7 baseline scan \u00a0 \u25cf assessment, labelled with its "
                               "INRC response</span>"));

  const std::vector<ArmStyle> styles = armStyles(results, shown);
  auto* bars = new QHorizontalStackedBarSeries(chart);
  std::vector<QBarSet*> sets;
  for (const ArmStyle& style : styles) {
    auto* set = new QBarSet(style.legend);
    // A pale tint of the arm's colour so the markers on the bar stay readable; the border keeps
    // the arm's full colour.
    set->setColor(tint(style.color));
    set->setBorderColor(style.color);
    set->setProperty("armCode", style.armCode);
    sets.push_back(set);
  }
  QStringList categories;
  double xLow = 0.0, xHigh = 1.0;
  for (const workflow::SubjectResult* s : shown) {
    const std::size_t arm = armIndex(styles, *s);
    for (std::size_t i = 0; i < sets.size(); ++i)
      sets[i]->append(i == arm ? double(s->daysOnStudy) : 0.0);
    categories << QStringLiteral("%1 (%2)").arg(
        s->studyId, s->bestResponse ? QStringLiteral("best ") + *s->bestResponse
                                    : QStringLiteral("no follow-up"));
    xHigh = std::max(xHigh, double(s->daysOnStudy));
    for (const workflow::ResultPoint& p : s->points) {
      xLow = std::min(xLow, double(p.dayOnStudy));
      xHigh = std::max(xHigh, double(p.dayOnStudy));
    }
    for (const int day : s->injectionDays)
      xHigh = std::max(xHigh, double(day));
  }
  for (QBarSet* set : sets)
    bars->append(set);
  bars->setBarWidth(0.55);
  chart->addSeries(bars);

  auto* y = new QBarCategoryAxis(chart);
  y->append(categories);
  y->setGridLineVisible(false);
  chart->addAxis(y, Qt::AlignLeft);
  bars->attachAxis(y);
  auto* x = new QValueAxis(chart);
  x->setTitleText(QStringLiteral(
      "days on study (day 0: enrolment, else the baseline scan; the bar ends at the latest "
      "injection or scan)"));
  chart->addAxis(x, Qt::AlignBottom);
  bars->attachAxis(x);
  const double span = xHigh - xLow;
  setDayTicks(x, xLow - 0.02 * span, xHigh + 0.04 * span);

  // Injections on the bar's lower edge, scans in its middle: an injection on the day of a scan
  // must not hide it, and the response label above a scan stays on the bar.
  auto* injections = markerSeries(chart, QStringLiteral("injection"), Qt::black,
                                  QScatterSeries::MarkerShapeTriangle, 11.0);
  auto* baselines = markerSeries(chart, QStringLiteral("baseline scan"), Qt::white,
                                 QScatterSeries::MarkerShapeRotatedRectangle, 11.0);
  std::vector<QScatterSeries*> responses;
  for (const CategoryStyle& c : kCategories) {
    auto* series = markerSeries(chart, QStringLiteral("assessment: %1").arg(c.category),
                                QColor(c.color), QScatterSeries::MarkerShapeCircle, 13.0);
    series->setPointLabelsFormat(QString::fromLatin1(c.category));
    series->setPointLabelsVisible(true);
    series->setPointLabelsClipping(false);
    series->setPointLabelsColor(Qt::black);
    responses.push_back(series);
  }
  for (std::size_t row = 0; row < shown.size(); ++row) {
    const workflow::SubjectResult& s = *shown[row];
    const double r = double(row);
    for (const int day : s.injectionDays)
      injections->append(day, r - 0.2);
    for (const workflow::ResultPoint& p : s.points) {
      if (!p.response) {  // the baseline: a scan with no response to compare against
        baselines->append(p.dayOnStudy, r + 0.02);
        continue;
      }
      for (std::size_t c = 0; c < std::size(kCategories); ++c)
        if (*p.response == QLatin1String(kCategories[c].category))
          responses[c]->append(p.dayOnStudy, r + 0.02);
    }
  }
  // Series without points are not added; the legend names only the arms (the title's key
  // explains the marks, and each assessment carries its category).
  std::vector<QScatterSeries*> marks{injections, baselines};
  marks.insert(marks.end(), responses.begin(), responses.end());
  for (QScatterSeries* series : marks) {
    if (series->count() == 0) {
      delete series;
      continue;
    }
    attach(chart, series, x, y);
    for (QLegendMarker* marker : chart->legend()->markers(series))
      marker->setVisible(false);
  }
  return chart;
}

}  // namespace nbra::viewer::plots
