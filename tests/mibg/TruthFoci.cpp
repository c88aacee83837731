#include "tests/mibg/TruthFoci.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "scoring/siopen/SiopenScore.h"

namespace nbra::mibg::testing {
namespace {

// The generator's sweep (NmWriter.cpp): 256 x 1024 pixels of 1.5 mm, the body centred along
// the sweep, column 0 of the anterior view at the patient's right.
constexpr int kColumns = 256;
constexpr int kRows = 1024;
constexpr double kPixelMm = 1.5;

int curieIndex(const QString& s) {
  // "S10 soft tissue" -> 9
  const QString number = s.section(' ', 0, 0).mid(1);
  return number.toInt() - 1;
}

int siopenIndex(const QString& s) {
  // The truth names SIOPEN segments in words, as clinical-rules.md 2.1 does.
  for (int i = 0; i < nbra::scoring::kSiopenSegmentCount; ++i) {
    if (s.toStdString() == nbra::scoring::siopenSegmentName(i)) {
      return i;
    }
  }
  return -1;
}

std::vector<int> ints(const QJsonValue& v) {
  std::vector<int> out;
  for (const QJsonValue& x : v.toArray()) {
    out.push_back(x.toInt());
  }
  return out;
}

}  // namespace

std::string syntheticDataDir() {
  return NBRA_SYNTHETIC_DATA_DIR;
}

std::vector<TruthTimepoint> truthTimepoints() {
  std::vector<TruthTimepoint> out;
  for (const std::string id : {"NBRA-SYN-001", "NBRA-SYN-002"}) {
    const std::filesystem::path dir = std::filesystem::path(syntheticDataDir()) / id;
    QFile file(QString::fromStdString((dir / "truth.json").string()));
    if (!file.open(QIODevice::ReadOnly)) {
      continue;
    }
    const QJsonObject truth = QJsonDocument::fromJson(file.readAll()).object();
    const double heightMm = truth["heightCm"].toDouble() * 10;
    const double zTopMm = std::round((kRows * kPixelMm - heightMm) / 2);
    const double halfWidth = kColumns * kPixelMm / 2 - kPixelMm / 2;
    for (const QJsonValue& tv : truth["timepoints"].toArray()) {
      const QJsonObject t = tv.toObject();
      TruthTimepoint tp;
      tp.subjectId = id;
      tp.key = t["key"].toString().toStdString();
      const std::filesystem::path nm =
          dir / t["folders"].toObject()["mibg"].toString().toStdString();
      if (!std::filesystem::is_directory(nm)) {
        continue;
      }
      for (const auto& e : std::filesystem::directory_iterator(nm)) {
        if (e.is_regular_file()) {
          tp.nmFiles.push_back(e.path().string());
        }
      }
      std::sort(tp.nmFiles.begin(), tp.nmFiles.end());
      tp.curie = ints(t["curie"]);
      tp.siopen = ints(t["siopen"]);
      tp.curieTotal = t["curieTotal"].toInt();
      tp.curieSkeletal = t["curieSkeletal"].toInt();
      tp.siopenTotal = t["siopenTotal"].toInt();
      for (const QJsonValue& lv : t["lesions"].toArray()) {
        const QJsonObject l = lv.toObject();
        TruthFocus f;
        f.trackingId = l["trackingId"].toString().toStdString();
        f.site = l["site"].toString().toStdString();
        f.bone = l["bone"].toBool();
        f.mibgAvid = l["mibgAvid"].toBool();
        f.diffuse = l["diffuse"].toBool();
        f.curieIndex = curieIndex(l["curieSegment"].toString());
        f.siopenIndex = siopenIndex(l["siopenSegment"].toString());
        const QJsonArray c = l["centreMm"].toArray();
        // Grid rows: z of row r = zTop - 0.75 - 1.5 r (NmWriter's grid origin and spacing).
        f.y = (zTopMm - kPixelMm / 2 - c[2].toDouble()) / kPixelMm;
        f.anteriorX = (c[0].toDouble() + halfWidth) / kPixelMm;
        f.posteriorX = kColumns - 1 - f.anteriorX;
        f.posteriorHalf = c[1].toDouble() > 0;
        tp.foci.push_back(f);
      }
      out.push_back(tp);
    }
  }
  return out;
}

Views loadViews(const TruthTimepoint& tp) {
  Views v;
  bool haveA = false;
  bool haveP = false;
  for (const auto& view : nbra::dicom::readNmViews(tp.nmFiles)) {
    if (view.label == nbra::dicom::NmViewLabel::Anterior && !haveA) {
      v.anteriorView = view;
      v.anterior = nbra::dicom::loadNmView(view);
      haveA = true;
    } else if (view.label == nbra::dicom::NmViewLabel::Posterior && !haveP) {
      v.posteriorView = view;
      v.posterior = nbra::dicom::loadNmView(view);
      haveP = true;
    }
  }
  if (!haveA || !haveP) {
    throw std::runtime_error(tp.subjectId + " " + tp.key + ": no anterior and posterior view");
  }
  return v;
}

}  // namespace nbra::mibg::testing
