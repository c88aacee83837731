#pragma once

// The two reads' colours, the same in every table and drawing of the adjudication window: read A
// blue with solid lines, read B orange with dashed lines (a pair told apart with any colour
// vision). Always with the letter A or B beside them: never colour alone.

#include <QColor>
#include <QString>

class QLabel;
class QTableWidgetItem;
class QWidget;

namespace nbra::viewer::adjudication {

enum class Read { A, B };

QColor readColour(Read read);      // text and lines
QColor readBackground(Read read);  // a highlighted cell of that read
// The cell that names a difference, and a row that sends the timepoint to adjudication.
QColor differenceBackground();
QColor triggerBackground();
QColor triggerText();

// "Read A (blue, solid lines)   Read B (orange, dashed lines)" with colour swatches.
QLabel* makeLegend(QWidget* parent);

// A table cell of read `read`: its text in the read's colour, its background highlighted when
// `highlight`.
QTableWidgetItem* readCell(const QString& text, Read read, bool highlight);

// A number with one decimal ("54.0"), or "-".
QString mmText(double mm);

}  // namespace nbra::viewer::adjudication
