#pragma once

#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>

namespace nbra::viewer {

// A row of controls that scrolls sideways when the window is narrower than the row, instead of
// making the whole window as wide as the row (the viewer's tool row is ~1,150 px: with the
// browser and the lesion dock beside it the main window could not fit a 1366 px screen). The
// scroll bar takes room only while it is shown.
class HorizontalScroller : public QScrollArea {
 public:
  explicit HorizontalScroller(QWidget* row, QWidget* parent = nullptr) : QScrollArea(parent) {
    setWidget(row);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  }

  QSize sizeHint() const override { return {widget()->sizeHint().width(), rowHeight()}; }
  QSize minimumSizeHint() const override { return {kMinimumWidthPx, rowHeight()}; }

 protected:
  void resizeEvent(QResizeEvent* event) override {
    const bool before = barNeeded(event->oldSize().width());
    QScrollArea::resizeEvent(event);
    if (before != barNeeded(event->size().width())) updateGeometry();  // the bar's height
  }

 private:
  static constexpr int kMinimumWidthPx = 160;

  bool barNeeded(int width) const { return width >= 0 && width < widget()->minimumSizeHint().width(); }
  int rowHeight() const {
    const int row = widget()->sizeHint().height();
    return barNeeded(width()) ? row + horizontalScrollBar()->sizeHint().height() : row;
  }
};

}  // namespace nbra::viewer
