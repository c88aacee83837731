#include "viewer/plots/ChartDecor.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <cmath>

namespace nbra::viewer::plots {

void setChartTitle(QChart* chart, const QString& what, int shown, int total,
                   const QString& whyOthersNot, const QString& madeUtc, const QString& key) {
  QString count = shown == total
                      ? QStringLiteral("%1 subject%2 shown").arg(shown).arg(shown == 1 ? "" : "s")
                      : QStringLiteral("%1 of %2 subjects shown (%3 not: %4)")
                            .arg(shown)
                            .arg(total)
                            .arg(total - shown)
                            .arg(whyOthersNot);
  // The chart title is rich text: a second, smaller grey line instead of a separate label that
  // would have to follow the chart's layout.
  chart->setTitle(
      QStringLiteral("<b>%1</b><br><span style=\"font-size:small; color:#555555\">"
                     "%2 · results made %3</span>%4")
          .arg(what.toHtmlEscaped(), count.toHtmlEscaped(),
               madeUtc.isEmpty() ? QStringLiteral("(no date)") : madeUtc.toHtmlEscaped(),
               key.isEmpty() ? QString() : QStringLiteral("<br>") + key));
}

QLineSeries* addReferenceLine(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, double yValue,
                              double xFrom, double xTo, const QString& name) {
  auto* line = new QLineSeries(chart);
  line->setName(name);
  line->append(xFrom, yValue);
  line->append(xTo, yValue);
  QPen pen(QColor("#333333"));
  pen.setStyle(Qt::DashLine);
  pen.setWidthF(1.5);
  line->setPen(pen);
  chart->addSeries(line);
  line->attachAxis(x);
  line->attachAxis(y);
  return line;
}

void setDayTicks(QValueAxis* axis, double from, double to) {
  double interval = 7.0;
  for (const double weeks : {1.0, 2.0, 4.0, 8.0, 12.0, 16.0, 24.0, 52.0}) {
    interval = weeks * 7.0;
    if ((to - from) / interval <= 10.0)
      break;
  }
  axis->setRange(from, to);
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0.0);
  axis->setTickInterval(interval);
  axis->setLabelFormat(QStringLiteral("%.0f"));
}

void applyPlainLook(QChart* chart) {
  chart->setBackgroundRoundness(0);
  chart->setDropShadowEnabled(false);
  chart->setBackgroundBrush(Qt::white);
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->legend()->setVisible(true);
}

void setPercentRange(QValueAxis* axis, double low, double high, double roomFraction) {
  const double span = std::max(high - low, 1.0);
  const double step = span <= 80.0 ? 10.0 : span <= 200.0 ? 25.0 : 50.0;
  axis->setRange(low - roomFraction * span, high + roomFraction * span);
  // Ticks on round values from 0 whatever the range's ends, so 0, the thresholds' neighbours
  // and -100 carry labels.
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0.0);
  axis->setTickInterval(step);
  axis->setLabelFormat(QStringLiteral("%.0f"));
}

}  // namespace nbra::viewer::plots
