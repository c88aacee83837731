#pragma once

#include <QString>

class QAbstractAxis;
class QChart;
class QLineSeries;
class QValueAxis;

namespace nbra::viewer::plots {

// What every results chart carries so that a PNG taken out of context still says what it is:
// the measure on the first line of the title, and below it how many subjects are drawn (and
// why the others are not) and when the results were made.
// `key`, when given, is a third line explaining the marks (rich text).
void setChartTitle(QChart* chart, const QString& what, int shown, int total,
                   const QString& whyOthersNot, const QString& madeUtc, const QString& key = {});

// A dashed horizontal line at `yValue` across [xFrom, xTo], named in the legend (the threshold
// it marks), attached to the chart's axes.
QLineSeries* addReferenceLine(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, double yValue,
                              double xFrom, double xTo, const QString& name);

// Ticks on a days axis every 1, 2, 4, 8, 12, 16, 24 or 52 weeks (a cycle reads off it),
// anchored at day 0, at most about ten of them.
void setDayTicks(QValueAxis* axis, double from, double to);

// A "% change from baseline" axis over [low, high], with `roomFraction` of the span added at
// both ends (for the labels at the bars' ends, the markers), and round ticks every 10, 25 or
// 50 % from 0.
void setPercentRange(QValueAxis* axis, double low, double high, double roomFraction);

// The plain look shared by the plots: white background without rounded corners or shadow (it
// is printed), the legend at the bottom.
void applyPlainLook(QChart* chart);

}  // namespace nbra::viewer::plots
