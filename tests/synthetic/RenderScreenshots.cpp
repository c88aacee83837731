// nbra_synthetic_screenshots DATA_DIR OUT_DIR: the pictures of docs/synthetic-*.png, rendered
// from the generated files through NBRA's own readers (readNmViews / loadNmView, loadVolume),
// so they show what the workstation gets, not what the generator meant.
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "dicom/nm/NmViews.h"
#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvTagReader.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/synthetic/SyntheticData.h"

namespace {

using nbra::dicom::NmViewLabel;
using nbra::dicom::PlanarImage;

// Nuclear-medicine display: black on white, linear from 0 to a high percentile of the body.
QImage planarToImage(const PlanarImage& p, double percentile) {
  std::vector<float> sorted;
  for (const float v : p.values) {
    if (v > 2)
      sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  const double top =
      sorted.empty()
          ? 1.0
          : sorted[static_cast<std::size_t>(percentile * static_cast<double>(sorted.size() - 1))];
  QImage image(p.width, p.height, QImage::Format_Grayscale8);
  for (int y = 0; y < p.height; ++y) {
    for (int x = 0; x < p.width; ++x) {
      const double g = std::clamp(p.at(x, y) / top, 0.0, 1.0);
      image.setPixel(x, y,
                     qRgb(255 - static_cast<int>(g * 255), 255 - static_cast<int>(g * 255),
                          255 - static_cast<int>(g * 255)));
    }
  }
  return image;
}

QImage mibgPanel(const std::filesystem::path& nmFolder, const QString& title) {
  const auto views = nbra::dicom::readNmViews(nbra::synthetic::testing::filesBelow(nmFolder));
  QImage ant;
  QImage post;
  for (const auto& v : views) {
    (v.label == NmViewLabel::Anterior ? ant : post) =
        planarToImage(nbra::dicom::loadNmView(v), 0.985);
  }
  // Crop the empty ends of the sweep and show both views side by side, 2x.
  const int top = 100;
  const int height = 820;
  QImage panel(2 * 256 * 2 + 20, height * 2 + 60, QImage::Format_RGB32);
  panel.fill(Qt::white);
  QPainter painter(&panel);
  painter.drawImage(QRect(0, 60, 512, height * 2), ant, QRect(0, top, 256, height));
  painter.drawImage(QRect(532, 60, 512, height * 2), post, QRect(0, top, 256, height));
  painter.setPen(Qt::black);
  painter.setFont(QFont("DejaVu Sans", 20));
  painter.drawText(QRect(0, 0, panel.width(), 30), Qt::AlignCenter, title);
  painter.setFont(QFont("DejaVu Sans", 16));
  painter.drawText(QRect(0, 30, 512, 30), Qt::AlignCenter, "ANTERIOR   (R | L)");
  painter.drawText(QRect(532, 30, 512, 30), Qt::AlignCenter, "POSTERIOR   (L | R)");
  return panel;
}

QImage ctSlice(const std::filesystem::path& ctFolder, double zMm, const QString& title) {
  const auto series = nbra::dicom::findSeries(ctFolder.string());
  const nbra::dicom::Volume v = nbra::dicom::loadVolume(series.at(0).files);
  const auto voxel = v.toVoxel({0, 0, zMm});
  const auto z = static_cast<std::size_t>(std::lround(voxel[2]));
  QImage image(static_cast<int>(v.dimensions[0]), static_cast<int>(v.dimensions[1]) + 40,
               QImage::Format_RGB32);
  image.fill(Qt::black);
  for (std::size_t y = 0; y < v.dimensions[1]; ++y) {
    for (std::size_t x = 0; x < v.dimensions[0]; ++x) {
      const double g = std::clamp((v.value(x, y, z) - (40 - 200)) / 400.0, 0.0, 1.0);
      const int c = static_cast<int>(g * 255);
      image.setPixel(static_cast<int>(x), static_cast<int>(y) + 40, qRgb(c, c, c));
    }
  }
  QPainter painter(&image);
  painter.setPen(Qt::white);
  painter.setFont(QFont("DejaVu Sans", 13));
  painter.drawText(QRect(0, 0, image.width(), 40), Qt::AlignCenter, title);
  painter.drawText(QRect(6, 44, 40, 20), Qt::AlignLeft, "R");
  painter.drawText(QRect(image.width() - 26, 44, 20, 20), Qt::AlignRight, "L");
  return image;
}

// Coronal maximum-intensity projection of a PET series in SUVbw, black on white, 0-8 SUV, with
// the slices stretched to square voxels.
QImage petMip(const std::filesystem::path& ptFolder, const QString& title) {
  const auto series = nbra::dicom::findSeries(ptFolder.string());
  const auto files = series.at(0).files;
  const nbra::dicom::Volume v = nbra::dicom::loadVolume(files);
  const auto suv = nbra::dicom::computeSuv(nbra::dicom::readSuvTags(files));
  const double factor = suv.bw.factor.value_or(1.0);
  const int width = static_cast<int>(v.dimensions[0]);
  const int depth = static_cast<int>(v.dimensions[2]);
  QImage mip(width, depth, QImage::Format_RGB32);
  for (int z = 0; z < depth; ++z) {
    // Row 0 is the head end: the slice with the highest z.
    const bool headFirst = v.toPatientMm(0, 0, 0)[2] > v.toPatientMm(0, 0, 1)[2];
    const auto k = static_cast<std::size_t>(headFirst ? z : depth - 1 - z);
    for (int x = 0; x < width; ++x) {
      double peak = 0;
      for (std::size_t y = 0; y < v.dimensions[1]; ++y) {
        peak = std::max(peak, v.value(static_cast<std::size_t>(x), y, k) * factor);
      }
      const int c = 255 - static_cast<int>(std::clamp(peak / 8.0, 0.0, 1.0) * 255);
      mip.setPixel(x, z, qRgb(c, c, c));
    }
  }
  const double aspect = v.spacingMm[2] / v.spacingMm[0];
  QImage out(width * 3, static_cast<int>(depth * aspect * 3) + 40, QImage::Format_RGB32);
  out.fill(Qt::white);
  QPainter painter(&out);
  painter.drawImage(QRect(0, 40, out.width(), out.height() - 40), mip);
  painter.setPen(Qt::black);
  painter.setFont(QFont("DejaVu Sans", 13));
  painter.drawText(QRect(0, 0, out.width(), 40), Qt::AlignCenter, title);
  painter.drawText(QRect(6, 44, 40, 20), Qt::AlignLeft, "R");
  painter.drawText(QRect(out.width() - 26, 44, 20, 20), Qt::AlignRight, "L");
  return out;
}

QImage sideBySide(const QImage& a, const QImage& b) {
  QImage out(a.width() + b.width() + 20, std::max(a.height(), b.height()), QImage::Format_RGB32);
  out.fill(Qt::white);
  QPainter painter(&out);
  painter.drawImage(0, 0, a);
  painter.drawImage(a.width() + 20, 0, b);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: nbra_synthetic_screenshots DATA_DIR OUT_DIR\n");
    return 2;
  }
  const std::filesystem::path data = argv[1];
  const std::filesystem::path out = argv[2];
  const auto s1 = data / "NBRA-SYN-001";
  sideBySide(mibgPanel(s1 / "baseline" / "NM", "NBRA-SYN-001 baseline, I-123 MIBG 24 h"),
             mibgPanel(s1 / "after-injection-3" / "NM", "after injection 3"))
      .save(QString::fromStdString((out / "synthetic-mibg.png").string()));
  // Through the left adrenal primary (truth: centre z = -425 mm).
  sideBySide(
      ctSlice(s1 / "baseline" / "CT", -425, "NBRA-SYN-001 baseline CT, left adrenal primary"),
      ctSlice(s1 / "after-injection-3" / "CT", -425, "after injection 3 (partial response)"))
      .save(QString::fromStdString((out / "synthetic-ct.png").string()));
  const auto s2 = data / "NBRA-SYN-002" / "after-injection-3" / "CT";
  ctSlice(s2, -489.7, "NBRA-SYN-002 after injection 3: new liver metastasis")
      .save(QString::fromStdString((out / "synthetic-ct-liver.png").string()));
  const auto s2pet = data / "NBRA-SYN-002";
  sideBySide(petMip(s2pet / "baseline" / "PT", "NBRA-SYN-002 baseline FDG MIP (SUV 0-8)"),
             petMip(s2pet / "after-injection-3" / "PT", "after injection 3: new liver lesion"))
      .save(QString::fromStdString((out / "synthetic-pet-mip.png").string()));
  return 0;
}
