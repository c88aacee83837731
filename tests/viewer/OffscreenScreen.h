#pragma once

// GUI tests that size windows need a screen of a known size: the offscreen platform's default
// is 800 x 600. Call before the QApplication is made; the test then runs on one screen of
// `width` x `height` (all of it available: no panels offscreen).

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QString>
#include <QtGlobal>

namespace nbra::testing {

inline void useOffscreenScreen(int width, int height) {
  const QString config = QDir::temp().filePath(
      QStringLiteral("nbra-offscreen-%1x%2-%3.json")
          .arg(width)
          .arg(height)
          .arg(QCoreApplication::applicationPid()));
  QFile file(config);
  if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    file.write(QStringLiteral(R"({"screens": [{"name": "test-screen", "x": 0, "y": 0,)"
                              R"( "width": %1, "height": %2, "logicalDpi": 96, "dpr": 1}]})")
                   .arg(width)
                   .arg(height)
                   .toUtf8());
  }
  qputenv("QT_QPA_PLATFORM", ("offscreen:configfile=" + config).toUtf8());
}

}  // namespace nbra::testing
