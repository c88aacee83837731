#pragma once

#include <QColor>
#include <QObject>
#include <QPointF>
#include <QString>
#include <vector>

class QAbstractSeries;
class QChart;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace nbra::viewer::plots {

// Text labels at chosen points of a chart, laid out in pixels again whenever the plot area
// changes (a resize, an export at another size). Owned by the chart; the items are its
// children and drawn with it, over a white halo so they stay readable over lines and markers.
//  - Beside: right of the point (the spider's line ends: "NB-001 CR"), pushed apart vertically
//    so that lines ending close together keep readable labels (Qt Charts' own point labels sit
//    centred above their point and overlap each other).
//  - AtBarEnd: centred on the point, above it for a value >= 0 and below it otherwise (a
//    waterfall bar's value at its tip; Qt Charts' bar labels cannot go outside a negative bar).
class EndLabels : public QObject {
  Q_OBJECT
 public:
  enum class Placement { Beside, AtBarEnd };
  explicit EndLabels(QChart* chart);
  // `value` in the coordinates of `series` (for a bar series: x is the category's index).
  void add(QAbstractSeries* series, QPointF value, const QString& text, const QColor& color,
           Placement placement = Placement::Beside);
  // The labels' texts in the order added (for tests).
  QStringList texts() const;

 private:
  void layout();

  struct Label {
    QAbstractSeries* series;
    QPointF value;
    Placement placement;
    QGraphicsRectItem* box;  // a white halo under the text: readable over lines and markers
    QGraphicsSimpleTextItem* item;
  };
  QChart* chart_;
  std::vector<Label> labels_;
};

}  // namespace nbra::viewer::plots
