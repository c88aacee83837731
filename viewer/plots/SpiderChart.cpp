#include "viewer/plots/SpiderChart.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

#include "viewer/plots/ArmStyle.h"
#include "viewer/plots/ChartDecor.h"
#include "viewer/plots/EndLabels.h"
#include "viewer/plots/PlotError.h"

namespace nbra::viewer::plots {

namespace {

bool hasFollowUpChange(const workflow::SubjectResult& s) {
  return std::any_of(s.points.begin(), s.points.end(), [](const workflow::ResultPoint& p) {
    return p.sumOfDiametersChangePercent.has_value();
  });
}

void hideFromLegend(QChart* chart, QAbstractSeries* series) {
  for (QLegendMarker* marker : chart->legend()->markers(series))
    marker->setVisible(false);
}

}  // namespace

QChart* makeSpiderChart(const workflow::TrialResults& results) {
  std::vector<const workflow::SubjectResult*> shown;
  for (const workflow::SubjectResult& s : results.subjects)
    if (hasFollowUpChange(s))
      shown.push_back(&s);
  if (shown.empty())
    throw PlotError(
        "no subject has an assessed follow-up with a sum of target diameters: nothing to plot in "
        "the spider plot");

  auto* chart = new QChart;
  applyPlainLook(chart);
  setChartTitle(chart,
                QStringLiteral("Spider: % change of the sum of target diameters over time, by "
                               "subject"),
                static_cast<int>(shown.size()), static_cast<int>(results.subjects.size()),
                QStringLiteral("no follow-up sum of diameters"), results.madeUtc);
  auto* x = new QValueAxis(chart);
  x->setTitleText(QStringLiteral("days on study (day 0: enrolment, else the baseline scan)"));
  chart->addAxis(x, Qt::AlignBottom);
  auto* y = new QValueAxis(chart);
  y->setTitleText(QStringLiteral("% change from baseline"));
  y->setLabelFormat(QStringLiteral("%.0f"));
  chart->addAxis(y, Qt::AlignLeft);

  const std::vector<ArmStyle> styles = armStyles(results, shown);
  // The legend names the arms once (an empty series per arm), not every subject: the subjects
  // are named at the end of their lines, where the eye already is.
  for (const ArmStyle& style : styles) {
    auto* key = new QLineSeries(chart);
    key->setName(style.legend);
    key->setColor(style.color);
    chart->addSeries(key);
    key->attachAxis(x);
    key->attachAxis(y);
  }
  auto* labels = new EndLabels(chart);
  double xLow = 0.0, xHigh = 0.0, yLow = 0.0, yHigh = 0.0;
  for (const workflow::SubjectResult* s : shown) {
    const QColor color = styles[armIndex(styles, *s)].color;
    auto* line = new QLineSeries(chart);
    line->setName(s->studyId);
    line->setProperty("studyId", s->studyId);
    QPen pen(color);
    pen.setWidthF(2.0);
    line->setPen(pen);
    line->setPointsVisible(true);
    line->setMarkerSize(7.0);
    for (const workflow::ResultPoint& p : s->points) {
      // The baseline is 0 % by definition; a follow-up without a % change (sum 0 at baseline,
      // lesions not measured) is left out rather than drawn as 0.
      const bool baseline = !p.response.has_value() && &p == &s->points.front();
      if (baseline || p.sumOfDiametersChangePercent) {
        const double change = baseline ? 0.0 : *p.sumOfDiametersChangePercent;
        line->append(p.dayOnStudy, change);
        xLow = std::min(xLow, double(p.dayOnStudy));
        xHigh = std::max(xHigh, double(p.dayOnStudy));
        yLow = std::min(yLow, change);
        yHigh = std::max(yHigh, change);
      }
    }
    chart->addSeries(line);
    line->attachAxis(x);
    line->attachAxis(y);
    hideFromLegend(chart, line);

    // The last point names the subject and its best response, beside the line's end.
    labels->add(line, line->points().back(),
                s->studyId + QStringLiteral(" ") + s->bestResponse.value_or(QString()),
                color.darker(130));
  }

  const double span = std::max(xHigh - xLow, 1.0);
  // Room on the right for the labels at the lines' ends.
  const double xFrom = xLow - 0.03 * span, xTo = xHigh + 0.12 * span;
  addReferenceLine(chart, x, y, 20.0, xFrom, xTo, QStringLiteral("+20 %: PD threshold"));
  addReferenceLine(chart, x, y, -30.0, xFrom, xTo, QStringLiteral("\u221230 %: PR threshold"));
  setDayTicks(x, xFrom, xTo);
  setPercentRange(y, std::min(yLow, -30.0), std::max(yHigh, 20.0), 0.08);
  return chart;
}

}  // namespace nbra::viewer::plots
