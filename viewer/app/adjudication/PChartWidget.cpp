#include "viewer/app/adjudication/PChartWidget.h"

#include <QPainter>
#include <algorithm>

namespace nbra::viewer::adjudication {

namespace {

const QColor kInk("#333333");
const QColor kGrid("#dddddd");
const QColor kPoint("#2b4c7e");
const QColor kLimit("#8a6d3b");
const QColor kOutside("#b00020");

}  // namespace

PChartWidget::PChartWidget(QWidget* parent) : QWidget(parent) {
  setObjectName("pChart");
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setFixedHeight(260);
}

void PChartWidget::setPoints(std::vector<scoring::PChartPoint> points) {
  points_ = std::move(points);
  update();
}

void PChartWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  p.setPen(QColor("#b8c4d6"));
  p.drawRect(rect().adjusted(0, 0, -1, -1));
  const QFontMetrics fm(font());
  p.setPen(kInk);
  p.drawText(QRect(8, 4, width() - 16, fm.height() + 2), Qt::AlignLeft,
             "Proportion of adjudications won, by reader");

  const QRectF plot(48, 12 + 2 * fm.height(), width() - 64, height() - 30 - 4 * fm.height());
  // The y axis: 0 to 100 %.
  for (int i = 0; i <= 4; ++i) {
    const double y = plot.bottom() - plot.height() * i / 4.0;
    p.setPen(kGrid);
    p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    p.setPen(kInk);
    p.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 6, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString("%1 %").arg(i * 25));
  }
  // The legend under the title.
  const double ly = 8 + 1.5 * fm.height();
  p.setPen(QPen(kInk, 1.5, Qt::DashLine));
  p.drawLine(QPointF(10, ly), QPointF(34, ly));
  p.setPen(kInk);
  p.drawText(QPointF(38, ly + fm.ascent() / 2.0 - 1), "centre p̄");
  const double lx = 50 + fm.horizontalAdvance("centre p̄");
  p.setPen(QPen(kLimit, 2));
  p.drawLine(QPointF(lx, ly), QPointF(lx + 24, ly));
  p.setPen(kInk);
  p.drawText(QPointF(lx + 28, ly + fm.ascent() / 2.0 - 1), "limits p̄ ± 3σ (per reader)");

  const auto yOf = [&](double v) {
    return plot.bottom() - plot.height() * std::clamp(v, 0.0, 1.0);
  };
  if (points_.empty()) {
    p.setPen(QColor("#555555"));
    p.drawText(plot, Qt::AlignCenter, "No compared reads yet: nothing to chart.");
    return;
  }
  // The centre is the same for every reader.
  p.setPen(QPen(kInk, 1.5, Qt::DashLine));
  p.drawLine(QPointF(plot.left(), yOf(points_.front().centre)),
             QPointF(plot.right(), yOf(points_.front().centre)));

  const double step = plot.width() / static_cast<double>(points_.size());
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const scoring::PChartPoint& pt = points_[i];
    const double x = plot.left() + step * (static_cast<double>(i) + 0.5);
    const double half = std::min(22.0, step / 3);
    p.setPen(QPen(kLimit, 2));
    p.drawLine(QPointF(x - half, yOf(pt.lowerLimit)), QPointF(x + half, yOf(pt.lowerLimit)));
    p.drawLine(QPointF(x - half, yOf(pt.upperLimit)), QPointF(x + half, yOf(pt.upperLimit)));
    p.setPen(QPen(kLimit, 1, Qt::DotLine));
    p.drawLine(QPointF(x, yOf(pt.lowerLimit)), QPointF(x, yOf(pt.upperLimit)));
    const QColor colour = pt.outside ? kOutside : kPoint;
    p.setPen(QPen(colour, 1.5));
    p.setBrush(pt.n > 0 ? QBrush(colour) : QBrush(Qt::white));
    const QPointF at(x, yOf(pt.proportion));
    p.drawEllipse(at, 5, 5);
    p.setBrush(Qt::NoBrush);
    if (pt.outside) {
      p.drawText(at + QPointF(8, 4), "outside");
    }
    p.setPen(kInk);
    const QString name = QString::fromStdString(pt.reader);
    p.drawText(QRectF(x - step / 2, plot.bottom() + 4, step, fm.height()), Qt::AlignHCenter,
               fm.elidedText(name, Qt::ElideRight, static_cast<int>(step) - 4));
    p.drawText(QRectF(x - step / 2, plot.bottom() + 4 + fm.height(), step, fm.height()),
               Qt::AlignHCenter, QString("n = %1").arg(pt.n));
  }
}

}  // namespace nbra::viewer::adjudication
