#pragma once

// A small p-chart of "the adjudicator chose this reader's read": one point per reader (the
// proportion chosen), the centre line across, and each reader's own control limits (they depend
// on how many of their reads were adjudicated). A point outside its limits is drawn red and
// labelled "outside": never colour alone.

#include <QWidget>
#include <vector>

#include "scoring/adjudication/ReaderMetrics.h"

namespace nbra::viewer::adjudication {

class PChartWidget : public QWidget {
  Q_OBJECT
 public:
  explicit PChartWidget(QWidget* parent = nullptr);
  void setPoints(std::vector<scoring::PChartPoint> points);
  const std::vector<scoring::PChartPoint>& points() const { return points_; }
  QSize sizeHint() const override { return {460, 260}; }
  QSize minimumSizeHint() const override { return {320, 220}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<scoring::PChartPoint> points_;
};

}  // namespace nbra::viewer::adjudication
