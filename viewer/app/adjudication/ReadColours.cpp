#include "viewer/app/adjudication/ReadColours.h"

#include <QLabel>
#include <QTableWidgetItem>

namespace nbra::viewer::adjudication {

QColor readColour(Read read) {
  return read == Read::A ? QColor("#1f5fa8") : QColor("#a85000");
}

QColor readBackground(Read read) {
  return read == Read::A ? QColor("#dcebfb") : QColor("#fde4c8");
}

QColor differenceBackground() {
  return QColor("#fff4d6");
}

QColor triggerBackground() {
  return QColor("#fbeaea");
}

QColor triggerText() {
  return QColor("#8a1c1c");
}

QLabel* makeLegend(QWidget* parent) {
  const auto swatch = [](Read read, const QString& text) {
    return QString(
               "<span style='background:%1; color:%2; border:1px solid %2'>&nbsp;%3&nbsp;"
               "</span>")
        .arg(readBackground(read).name(), readColour(read).name(), text);
  };
  auto* legend = new QLabel(
      QString("%1 blue, solid lines &nbsp;&nbsp; %2 orange, dashed lines &nbsp;&nbsp; "
              "<span style='background:%3'>&nbsp;differs&nbsp;</span> &nbsp; "
              "<span style='background:%4; color:%5'>&nbsp;sends to adjudication&nbsp;</span>")
          .arg(swatch(Read::A, "<b>Read A</b>"), swatch(Read::B, "<b>Read B</b>"),
               differenceBackground().name(), triggerBackground().name(), triggerText().name()),
      parent);
  legend->setObjectName("legend");
  legend->setTextFormat(Qt::RichText);
  return legend;
}

QTableWidgetItem* readCell(const QString& text, Read read, bool highlight) {
  auto* item = new QTableWidgetItem(text);
  item->setForeground(readColour(read));
  if (highlight) {
    item->setBackground(readBackground(read));
  }
  return item;
}

QString mmText(double mm) {
  return QString::number(mm, 'f', 1);
}

}  // namespace nbra::viewer::adjudication
