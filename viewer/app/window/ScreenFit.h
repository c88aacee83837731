#pragma once

#include <QGuiApplication>
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

}  // namespace nbra::viewer
