#include "viewer/plots/ChartExport.h"

#include <QChart>
#include <QCoreApplication>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <memory>

#include "viewer/plots/PlotError.h"

namespace nbra::viewer::plots {

namespace {

void openForWriting(QFile& file, const QString& what) {
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    throw ExportError(QStringLiteral("cannot write the %1 %2: %3")
                          .arg(what, file.fileName(), file.errorString())
                          .toStdString());
}

void finish(QFile& file, const QString& what) {
  if (!file.flush() || file.size() == 0)
    throw ExportError(QStringLiteral("the %1 %2 could not be completed: %3")
                          .arg(what, file.fileName(), file.errorString())
                          .toStdString());
}

}  // namespace

QSize layoutPxOf(const QPaintDevice& device) {
  // 1200 px across, like nbra-plot's PNGs: a chart page of a PDF reads like the figure.
  const double scale = 1200.0 / device.width();
  return QSize(1200, qRound(device.height() * scale));
}

void paintChart(QChart* chart, QPainter& painter, const QRectF& target, QSize layoutPx) {
  // A chart shown in a view lives in the view's scene; one that is not gets a scene for the
  // time of the export and leaves it again (the scene would otherwise delete it).
  std::unique_ptr<QGraphicsScene> ownScene;
  QGraphicsScene* scene = chart->scene();
  if (!scene) {
    ownScene = std::make_unique<QGraphicsScene>();
    ownScene->addItem(chart);
    scene = ownScene.get();
  }
  const QRectF before = chart->geometry();
  chart->setGeometry(QRectF(before.topLeft(), QSizeF(layoutPx)));
  // The chart lays its axes and series out on posted layout requests: run them now.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  scene->render(&painter, target, chart->sceneBoundingRect(), Qt::KeepAspectRatio);
  chart->setGeometry(before);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  if (ownScene)
    ownScene->removeItem(chart);
}

void exportChartPng(QChart* chart, const QString& path, QSize px) {
  QFile file(path);
  openForWriting(file, QStringLiteral("image"));
  QImage image(px, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintChart(chart, painter, QRectF(QPointF(0, 0), QSizeF(px)), px);
  }
  if (!image.save(&file, "PNG"))
    throw ExportError(
        QStringLiteral("cannot write the image %1: PNG encoding failed").arg(path).toStdString());
  finish(file, QStringLiteral("image"));
}

void exportChartPdf(QChart* chart, const QString& path) {
  QFile file(path);
  openForWriting(file, QStringLiteral("PDF"));
  {
    QPdfWriter writer(&file);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                     QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter));
    writer.setResolution(300);
    writer.setCreator(QStringLiteral("NBRA"));
    QPainter painter(&writer);
    painter.setRenderHint(QPainter::Antialiasing);
    paintChart(chart, painter, QRectF(0, 0, writer.width(), writer.height()), layoutPxOf(writer));
  }
  finish(file, QStringLiteral("PDF"));
}

}  // namespace nbra::viewer::plots
