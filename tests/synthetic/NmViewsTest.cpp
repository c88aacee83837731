// The MIBG whole-body scans split into one anterior and one posterior view, labelled from the
// View Code Sequence (never from frame order), and the labels agree with the physics: seen from
// the front the patient's right (the liver) is on the image left; seen from behind it is on the
// right (clinical-rules.md 6.2).
#include <gtest/gtest.h>

#include <QJsonArray>

#include "dicom/nm/NmViews.h"
#include "tests/synthetic/SyntheticData.h"

namespace nbra::synthetic::testing {
namespace {

using nbra::dicom::NmView;
using nbra::dicom::NmViewLabel;

// Counts in the left and right image halves over the rows of the upper abdomen (liver, spleen,
// and, in subject 1, the left adrenal primary: the liver dominates).
std::array<double, 2> leftRightCounts(const nbra::dicom::PlanarImage& image, int rowFrom,
                                      int rowTo) {
  std::array<double, 2> sums{};
  for (int y = rowFrom; y < rowTo; ++y) {
    for (int x = 0; x < image.width; ++x) {
      sums[x < image.width / 2 ? 0 : 1] += image.at(x, y);
    }
  }
  return sums;
}

TEST(SyntheticMibg, ViewsAreLabelledFromTheTagsAndMatchTheAnatomy) {
  for (const std::string& id : subjectIds()) {
    for (const QJsonValue& tpValue : truth(id)["timepoints"].toArray()) {
      const QJsonObject tp = tpValue.toObject();
      SCOPED_TRACE(id + " " + tp["key"].toString().toStdString());
      const auto files = filesBelow(dataDir() / id / tp["key"].toString().toStdString() / "NM");
      const std::vector<NmView> views = nbra::dicom::readNmViews(files);
      ASSERT_EQ(views.size(), 2u);
      const NmView* anterior = nullptr;
      const NmView* posterior = nullptr;
      for (const NmView& view : views) {
        EXPECT_EQ(view.labelSource, "View Code Sequence");
        EXPECT_TRUE(view.wholeBody);
        EXPECT_EQ(view.rows, 1024);
        EXPECT_EQ(view.columns, 256);
        (view.label == NmViewLabel::Anterior ? anterior : posterior) = &view;
      }
      ASSERT_NE(anterior, nullptr);
      ASSERT_NE(posterior, nullptr);
      EXPECT_EQ(posterior->label, NmViewLabel::Posterior);
      if (tp["mibg"].toObject()["posteriorIsDetectorOne"].toBool()) {
        EXPECT_EQ(posterior->frame, 0);  // an order-based reader would call it anterior
      }
      if (tp["mibg"].toObject()["layout"].toString().startsWith("two series")) {
        EXPECT_NE(anterior->seriesInstanceUid, posterior->seriesInstanceUid);
      } else {
        EXPECT_EQ(anterior->path, posterior->path);
      }
      // Liver rows: the truth's lesions give the body's z; use the CT range's upper abdomen,
      // 380-480 mm below the vertex of the reference child, scaled like the sweep (1.5 mm rows).
      const double heightMm = truth(id)["heightCm"].toDouble() * 10;
      const double topMm = std::round((1024 * 1.5 - heightMm) / 2);
      const double scale = heightMm / 1150.0;
      const int rowFrom = static_cast<int>((topMm + 390 * scale) / 1.5);
      const int rowTo = static_cast<int>((topMm + 470 * scale) / 1.5);
      const auto ant = leftRightCounts(nbra::dicom::loadNmView(*anterior), rowFrom, rowTo);
      const auto post = leftRightCounts(nbra::dicom::loadNmView(*posterior), rowFrom, rowTo);
      EXPECT_GT(ant[0], ant[1]);    // anterior: patient's right on the image left
      EXPECT_GT(post[1], post[0]);  // posterior: patient's right on the image right
    }
  }
}

}  // namespace
}  // namespace nbra::synthetic::testing
