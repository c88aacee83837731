#pragma once

#include <QGuiApplication>
#include <QRect>
#include <QScreen>
#include <QSize>
#include <QWidget>

namespace nbra::viewer {

// Sizes a top-level window to `preferred`, but never larger than the screen it opens on (less a
// margin for the window manager's frame and panels): on a 1366 x 768 laptop no window may
// outgrow the screen and hide its edges.
inline void resizeWithinScreen(QWidget* window, QSize preferred) {
  const QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
  if (screen) {
    const QSize room = screen->availableGeometry().size() - QSize(40, 60);
    preferred = preferred.boundedTo(room.expandedTo(QSize(640, 480)));
  }
  window->resize(preferred);
}

// Places a top-level window in the middle of the screen its parent is on (the primary screen
// without one), inside the available area: a window manager left to itself may put a tall window
// where its bottom edge is off the screen.
inline void placeOnScreen(QWidget* window) {
  const QWidget* anchor = window->parentWidget() ? window->parentWidget()->window() : window;
  const QScreen* screen = anchor->screen() ? anchor->screen() : QGuiApplication::primaryScreen();
  if (!screen) {
    return;
  }
  const QRect room = screen->availableGeometry();
  QRect frame(QPoint(0, 0), window->size().boundedTo(room.size()));
  frame.moveCenter(room.center());
  window->move(frame.topLeft());
}

}  // namespace nbra::viewer
