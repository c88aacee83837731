#include "viewer/plots/WaterfallChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>

#include "viewer/plots/ArmStyle.h"
#include "viewer/plots/ChartDecor.h"
#include "viewer/plots/EndLabels.h"
#include "viewer/plots/PlotError.h"
#include "viewer/plots/ResultsText.h"

namespace nbra::viewer::plots {

namespace {

std::optional<double> bestChange(const workflow::SubjectResult& s, WaterfallMeasure measure) {
  return measure == WaterfallMeasure::SumOfDiameters ? s.bestSumOfDiametersChangePercent
                                                     : s.bestCurieChangePercent;
}

}  // namespace

QString waterfallName(WaterfallMeasure measure) {
  return measure == WaterfallMeasure::SumOfDiameters
             ? QStringLiteral("waterfall (sum of diameters)")
             : QStringLiteral("waterfall (Curie score)");
}

QChart* makeWaterfallChart(const workflow::TrialResults& results, WaterfallMeasure measure) {
  const bool sod = measure == WaterfallMeasure::SumOfDiameters;
  std::vector<const workflow::SubjectResult*> shown;
  for (const workflow::SubjectResult& s : results.subjects)
    if (bestChange(s, measure))
      shown.push_back(&s);
  if (shown.empty())
    throw PlotError(
        sod ? "no subject has an assessed follow-up with a sum of target diameters: nothing to "
              "plot in the waterfall (sum of diameters)"
            : "no subject has an assessed follow-up with a Curie score: nothing to plot in the "
              "waterfall (Curie score)");
  // The usual waterfall order: the largest increase on the left, the deepest decrease on the
  // right; the study id breaks ties so that the order never depends on the input order.
  std::stable_sort(shown.begin(), shown.end(), [&](const auto* a, const auto* b) {
    const double va = *bestChange(*a, measure), vb = *bestChange(*b, measure);
    return va != vb ? va > vb : a->studyId < b->studyId;
  });

  auto* chart = new QChart;
  applyPlainLook(chart);
  setChartTitle(chart,
                sod ? QStringLiteral("Waterfall: best % change of the sum of target diameters, "
                                     "by arm")
                    : QStringLiteral("Waterfall: best % change of the Curie MIBG score "
                                     "(relative score \u2212 1), by arm"),
                static_cast<int>(shown.size()), static_cast<int>(results.subjects.size()),
                sod ? QStringLiteral("no follow-up sum of diameters")
                    : QStringLiteral("no follow-up Curie score"),
                results.madeUtc);

  // One stacked set per arm whose value is zero at every other arm's subject: the colour follows
  // the arm, the order stays global, and each bar is centred on its subject (a grouped series
  // would leave gaps beside it).
  const std::vector<ArmStyle> styles = armStyles(results, shown);
  auto* series = new QStackedBarSeries(chart);
  std::vector<QBarSet*> sets;
  for (const ArmStyle& style : styles) {
    auto* set = new QBarSet(style.legend);
    set->setColor(style.color);
    set->setBorderColor(style.color.darker(130));
    set->setProperty("armCode", style.armCode);
    sets.push_back(set);
  }
  QStringList categories;
  double low = 0.0, high = 0.0;
  for (const workflow::SubjectResult* s : shown) {
    const double value = *bestChange(*s, measure);
    const std::size_t arm = armIndex(styles, *s);
    for (std::size_t i = 0; i < sets.size(); ++i)
      sets[i]->append(i == arm ? value : 0.0);
    categories << QStringLiteral("<center>%1<br>%2</center>")
                      .arg(s->studyId.toHtmlEscaped(),
                           s->bestResponse.value_or(QStringLiteral("\u2014")));
    low = std::min(low, value);
    high = std::max(high, value);
  }
  for (QBarSet* set : sets)
    series->append(set);
  series->setBarWidth(0.7);
  chart->addSeries(series);

  auto* x = new QBarCategoryAxis(chart);
  x->append(categories);
  x->setTitleText(QStringLiteral("subject, best overall response"));
  x->setGridLineVisible(false);
  chart->addAxis(x, Qt::AlignBottom);
  series->attachAxis(x);
  auto* y = new QValueAxis(chart);
  y->setTitleText(QStringLiteral("% change from baseline"));
  y->setLabelFormat(QStringLiteral("%.0f"));
  chart->addAxis(y, Qt::AlignLeft);
  series->attachAxis(y);

  const double xFrom = -0.5, xTo = static_cast<double>(shown.size()) - 0.5;
  if (sod) {
    addReferenceLine(chart, x, y, 20.0, xFrom, xTo, QStringLiteral("+20 %: PD threshold"));
    addReferenceLine(chart, x, y, -30.0, xFrom, xTo, QStringLiteral("\u221230 %: PR threshold"));
    low = std::min(low, -30.0);
    high = std::max(high, 20.0);
  } else {
    addReferenceLine(chart, x, y, -50.0, xFrom, xTo,
                     QStringLiteral("\u221250 %: bone PR (relative score \u2264 0.5)"));
    low = std::min(low, -50.0);
  }
  // Room beyond the longest bars for their value labels.
  setPercentRange(y, low, high, 0.08);

  // Each bar's value at its tip, as the tables print it ("−52.6 %").
  auto* labels = new EndLabels(chart);
  for (std::size_t i = 0; i < shown.size(); ++i)
    labels->add(series, QPointF(double(i), *bestChange(*shown[i], measure)),
                percentText(bestChange(*shown[i], measure)), QColor("#222222"),
                EndLabels::Placement::AtBarEnd);
  return chart;
}

}  // namespace nbra::viewer::plots
