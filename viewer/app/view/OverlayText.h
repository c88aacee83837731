#pragma once

#include <QColor>
#include <QPainter>
#include <QRect>
#include <QString>

namespace nbra::viewer {

// Overlay text on a translucent dark plate: legible on black CT air and on a white inverted-grey
// MIP alike.
inline void shadowText(QPainter& p, const QRect& box, int flags, const QString& text,
                       const QColor& colour = QColor(235, 235, 235)) {
  const QRect used = p.boundingRect(box, flags, text);
  p.fillRect(used.adjusted(-3, -1, 3, 1), QColor(0, 0, 0, 150));
  p.setPen(colour);
  p.drawText(box, flags, text);
}

}  // namespace nbra::viewer
