#pragma once

// Finding and clicking the decision panels' widgets under QTest (GoogleTest assertions).

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QTest>

namespace nbra::decide::testing {

template <typename T>
T* child(QObject* parent, const QString& name) {
  T* w = parent->findChild<T*>(name);
  EXPECT_NE(w, nullptr) << "no widget '" << name.toStdString() << "'";
  return w;
}

inline void click(QAbstractButton* button) {
  ASSERT_NE(button, nullptr);
  ASSERT_TRUE(button->isEnabled()) << button->text().toStdString() << " is disabled";
  // Near the left edge: a radio button or check box only reacts on its indicator and text,
  // which do not reach the middle of a wide row.
  QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
  QApplication::processEvents();
}

}  // namespace nbra::decide::testing
