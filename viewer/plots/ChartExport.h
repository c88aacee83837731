#pragma once

#include <QSize>
#include <QString>

class QChart;
class QPaintDevice;
class QPainter;
class QRectF;

namespace nbra::viewer::plots {

// Writes the chart as a PNG of exactly `px` pixels (laid out at that size). The chart may be
// shown in a QChartView meanwhile: it is laid out for the export and put back as it was.
// Throws ExportError naming the file when it cannot be written.
void exportChartPng(QChart* chart, const QString& path, QSize px);

// Writes the chart as a one-page A4 landscape PDF (vector). Throws ExportError naming the file.
void exportChartPdf(QChart* chart, const QString& path);

// Paints the chart into `target` of `painter`, laid out as if it were `layoutPx` screen pixels
// and scaled to fit: a page of a PDF gets the same proportions of text to plot as the screen.
void paintChart(QChart* chart, QPainter& painter, const QRectF& target, QSize layoutPx);

// The size at which a chart is laid out to fill `device` (a PDF page): 1200 px across, the
// width of nbra-plot's PNGs, and the page's proportions, so a page reads like the figure.
QSize layoutPxOf(const QPaintDevice& device);

}  // namespace nbra::viewer::plots
