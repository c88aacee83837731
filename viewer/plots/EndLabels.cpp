#include "viewer/plots/EndLabels.h"

#include <QBrush>
#include <QChart>
#include <QFont>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <algorithm>
#include <numeric>

namespace nbra::viewer::plots {

EndLabels::EndLabels(QChart* chart) : QObject(chart), chart_(chart) {
  connect(chart, &QChart::plotAreaChanged, this, [this] { layout(); });
}

void EndLabels::add(QAbstractSeries* series, QPointF value, const QString& text,
                    const QColor& color, Placement placement) {
  auto* box = new QGraphicsRectItem(chart_);
  box->setPen(Qt::NoPen);
  box->setBrush(QColor(255, 255, 255, 170));  // a marker under it still shows
  box->setZValue(1000.0);                     // above the series (their z is below 10)
  auto* item = new QGraphicsSimpleTextItem(text, box);
  item->setBrush(color);
  QFont font = item->font();
  font.setBold(true);
  item->setFont(font);
  box->setRect(item->boundingRect().adjusted(-2, 0, 2, 0));
  labels_.push_back({series, value, placement, box, item});
  layout();
}

QStringList EndLabels::texts() const {
  QStringList out;
  for (const Label& l : labels_)
    out << l.item->text();
  return out;
}

void EndLabels::layout() {
  if (labels_.empty())
    return;
  const QRectF area = chart_->plotArea();
  struct Placed {
    std::size_t index;
    QPointF anchor;  // the point, in chart coordinates
    double top;
  };
  std::vector<Placed> placed;
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const QPointF anchor = chart_->mapToPosition(labels_[i].value, labels_[i].series);
    QGraphicsRectItem* box = labels_[i].box;
    if (labels_[i].placement == Placement::AtBarEnd) {
      // Bars never share a column: no pushing apart, only kept inside the plot.
      const QRectF r = box->boundingRect();
      const double top =
          labels_[i].value.y() >= 0.0 ? anchor.y() - r.height() - 1.0 : anchor.y() + 1.0;
      box->setPos(anchor.x() - r.width() / 2.0,
                  std::clamp(top, area.top(), area.bottom() - r.height()));
      continue;
    }
    placed.push_back({i, anchor, anchor.y() - box->boundingRect().height() / 2.0});
  }
  // Labels whose boxes would overlap (close in x, close in y) are pushed apart: downwards in
  // the order of their points from the top (so their order matches the lines'), then, where
  // that ran past the bottom of the plot, the group is pushed back up from the bottom.
  std::sort(placed.begin(), placed.end(),
            [](const Placed& a, const Placed& b) { return a.top < b.top; });
  const auto size = [&](const Placed& p) { return labels_[p.index].box->boundingRect().size(); };
  const auto sameColumn = [&](const Placed& a, const Placed& b) {
    return std::abs(a.anchor.x() - b.anchor.x()) < std::max(size(a).width(), size(b).width()) + 8.0;
  };
  for (std::size_t i = 0; i < placed.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (sameColumn(placed[i], placed[j]))
        placed[i].top = std::max(placed[i].top, placed[j].top + size(placed[j]).height() + 1.0);
  for (std::size_t i = placed.size(); i-- > 0;) {
    double limit = area.bottom() - size(placed[i]).height();
    for (std::size_t j = i + 1; j < placed.size(); ++j)
      if (sameColumn(placed[i], placed[j]))
        limit = std::min(limit, placed[j].top - size(placed[i]).height() - 1.0);
    placed[i].top = std::max(std::min(placed[i].top, limit), area.top());
  }
  for (const Placed& p : placed)
    labels_[p.index].box->setPos(p.anchor.x() + 9.0, p.top);
}

}  // namespace nbra::viewer::plots
