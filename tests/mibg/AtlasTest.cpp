// The segment atlas fitted to planar whole-body views: landmarks on drawn bodies whose
// anatomy the test knows, and every ground-truth focus of the synthetic patients falling into
// its truth segment on both views (clinical-rules.md 1.1, 2.1).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "dicom/nm/atlas/AtlasLandmarks.h"
#include "dicom/nm/atlas/SegmentAtlas.h"
#include "tests/mibg/DrawnBody.h"
#include "tests/mibg/TruthFoci.h"
#include "tests/support/SharedData.h"

namespace nbra::mibg::testing {
namespace {

using nbra::dicom::PlanarImage;
using namespace nbra::dicom::atlas;

TEST(MibgAtlas, FitsTheLandmarksOfADrawnBody) {
  const AtlasLandmarks l = fitLandmarks(drawnBody(), true);
  ASSERT_TRUE(l.fitted);
  EXPECT_NEAR(l.vertexY, 40, 4);
  EXPECT_NEAR(l.soleY, 780, 4);
  EXPECT_NEAR(l.headBottomY, 160, 6);
  EXPECT_NEAR(l.shoulderY, 195, 6);
  EXPECT_NEAR(l.midlineX, 99.5, 2);
  EXPECT_NEAR(l.crotchY, 458, 8);        // the gap between the legs
  EXPECT_NEAR(l.kneeY, 610, 8);          // the narrowing
  EXPECT_NEAR(l.fingertipY, 491, 6);     // the lowest row the hands show apart
  EXPECT_NEAR(l.leftArmBottomX, 57, 4);  // the gap between arm and trunk, image left
  EXPECT_NEAR(l.rightArmBottomX, 142, 4);
}

TEST(MibgAtlas, PointLookupFollowsTheSegmentsAndTheViewSide) {
  AtlasLandmarks front = fitLandmarks(drawnBody(), true);
  AtlasLandmarks back = fitLandmarks(drawnBody(), false);
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 100, 90), 0);   // head
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 100, 260), 1);  // thoracic spine
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 75, 260), 2);   // chest
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 45, 240), 5);   // upper arm
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 45, 450), 6);   // forearm / hand
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 80, 530), 7);   // thigh
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 80, 700), 8);   // leg
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 100, 180), 1);  // neck: the cervical spine
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 80, 180), std::nullopt);  // neck soft tissue
  EXPECT_EQ(segmentAt(front, AtlasScale::Curie, 5, 700), std::nullopt);   // outside the body
  // SIOPEN: image left is the patient's right on the anterior view, left on the posterior.
  EXPECT_EQ(segmentAt(front, AtlasScale::Siopen, 80, 700), 9);   // distal right lower limb
  EXPECT_EQ(segmentAt(back, AtlasScale::Siopen, 80, 700), 11);   // distal left lower limb
  EXPECT_EQ(segmentAt(front, AtlasScale::Siopen, 150, 240), 6);  // proximal left upper limb
}

TEST(MibgAtlas, HandlesMoveOneLandmarkAndKeepTheOrder) {
  AtlasLandmarks l = fitLandmarks(drawnBody(), true);
  const double knee = l.kneeY;
  moveLandmark(l, LandmarkId::Knees, 0, knee + 30);
  EXPECT_DOUBLE_EQ(l.kneeY, knee + 30);
  moveLandmark(l, LandmarkId::Knees, 0, 0);  // above the crotch: stops below it
  EXPECT_GT(l.kneeY, l.crotchY);
  moveLandmark(l, LandmarkId::LeftArmTop, 70, 999);  // x only; y ignored
  EXPECT_DOUBLE_EQ(l.leftArmTopX, 70);
  EXPECT_EQ(landmarkHandles(l).size(), static_cast<std::size_t>(kLandmarkCount));
  double v = 0;
  ASSERT_TRUE(landmarkValue(l, "kneeY", v));
  EXPECT_DOUBLE_EQ(v, l.kneeY);
  EXPECT_TRUE(setLandmarkValue(l, "kneeY", 650));
  EXPECT_DOUBLE_EQ(l.kneeY, 650);
  EXPECT_FALSE(setLandmarkValue(l, "noSuchKey", 1));
}

TEST(MibgAtlas, EmptyOrTinyImagesGiveProportionsNotACrash) {
  PlanarImage empty;
  EXPECT_FALSE(fitLandmarks(empty, true).fitted);
  PlanarImage flat;
  flat.width = 64;
  flat.height = 256;
  flat.values.assign(64 * 256, 0.0f);
  const AtlasLandmarks l = fitLandmarks(flat, true);
  EXPECT_FALSE(l.fitted);
  EXPECT_LT(l.shoulderY, l.kneeY);
  EXPECT_FALSE(segmentOutlines(l, AtlasScale::Curie).empty());
}

// 5 px = 7.5 mm on the synthetic sweep: a click a little off a focus still lands in its segment.
constexpr double kSlackPx = 5;

TEST(MibgAtlasSynthetic, EveryTruthFocusFallsIntoItsSegmentOnBothViews) {
  const auto timepoints = truthTimepoints();
  if (timepoints.empty()) {
    GTEST_SKIP() << "synthetic patients not generated in " << syntheticDataDir()
                 << " (build the nbra_synthetic_data target)";
  }
  int checked = 0;
  for (const TruthTimepoint& tp : timepoints) {
    const Views v = loadViews(tp);
    const AtlasLandmarks ant = fitLandmarks(v.anterior, true);
    const AtlasLandmarks post = fitLandmarks(v.posterior, false);
    ASSERT_TRUE(ant.fitted && post.fitted) << tp.subjectId << " " << tp.key;
    if (std::getenv("NBRA_ATLAS_DEBUG")) {
      for (const AtlasLandmarks* l : {&ant, &post}) {
        std::printf("%s %s %s:", tp.subjectId.c_str(), tp.key.c_str(),
                    l->seenFromFront ? "ant" : "post");
        for (const auto& k : landmarkKeys()) {
          double value = 0;
          landmarkValue(*l, k, value);
          std::printf(" %s=%.1f", k.c_str(), value);
        }
        for (const auto& n : l->notes)
          std::printf("\n   %s", n.c_str());
        std::printf("\n");
      }
      for (const TruthFocus& f : tp.foci)
        std::printf("  %s %s ax=%.1f px=%.1f y=%.1f\n", f.trackingId.c_str(), f.site.c_str(),
                    f.anteriorX, f.posteriorX, f.y);
    }
    for (const TruthFocus& f : tp.foci) {
      if (!f.bone) {
        continue;  // soft tissue is the reader's call (Curie S10), not a place on the atlas
      }
      SCOPED_TRACE(tp.subjectId + " " + tp.key + " " + f.trackingId + " " + f.site);
      // The click may land a little off the focus's centre: the segment must hold within
      // kSlackPx in every direction, on both views and both scales.
      for (int dx = -1; dx <= 1; ++dx) {
        for (int dy = -1; dy <= 1; ++dy) {
          const double ox = dx * kSlackPx;
          const double oy = dy * kSlackPx;
          EXPECT_EQ(segmentAt(ant, AtlasScale::Curie, f.anteriorX + ox, f.y + oy), f.curieIndex)
              << "anterior at (" << f.anteriorX + ox << ", " << f.y + oy << ")";
          EXPECT_EQ(segmentAt(post, AtlasScale::Curie, f.posteriorX + ox, f.y + oy), f.curieIndex)
              << "posterior at (" << f.posteriorX + ox << ", " << f.y + oy << ")";
          EXPECT_EQ(segmentAt(ant, AtlasScale::Siopen, f.anteriorX + ox, f.y + oy), f.siopenIndex)
              << "anterior at (" << f.anteriorX + ox << ", " << f.y + oy << ")";
          EXPECT_EQ(segmentAt(post, AtlasScale::Siopen, f.posteriorX + ox, f.y + oy), f.siopenIndex)
              << "posterior at (" << f.posteriorX + ox << ", " << f.y + oy << ")";
        }
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 10);
}

// A real planar whole-body scan (the NEMA WG-04 Tc-99m bone scan of an adult, one view): not
// MIBG and not a child, so only what must hold on any body is checked. Its outline widens
// from the neck (~90 px) to the shoulders (~230 px) between rows 176 and 200.
TEST(MibgAtlasReal, AnAdultBoneScanGivesOrderedLandmarksAndItsShoulders) {
  const auto shared = nbra::testing::sharedDataDir();
  const auto file =
      shared ? *shared / "nema-wg04-compsamples/NM1_UNC.dcm" : std::filesystem::path();
  if (!shared || !std::filesystem::exists(file)) {
    GTEST_SKIP() << "shared data-samples (nema-wg04-compsamples/NM1_UNC.dcm) not found";
  }
  const auto views = nbra::dicom::readNmViews({file.string()});
  ASSERT_EQ(views.size(), 1u);
  const AtlasLandmarks l = fitLandmarks(nbra::dicom::loadNmView(views.front()), true);
  ASSERT_TRUE(l.fitted);
  EXPECT_GE(l.shoulderY, 176);
  EXPECT_LE(l.shoulderY, 200);
  const double rows[] = {l.vertexY, l.headBottomY, l.shoulderY, l.thoracolumbarY, l.lumbosacralY,
                         l.hipY,    l.crotchY,     l.kneeY,     l.soleY};
  for (std::size_t i = 1; i < std::size(rows); ++i) {
    EXPECT_LT(rows[i - 1], rows[i]) << "landmark " << i;
  }
  EXPECT_LT(l.leftArmTopX, l.midlineX - l.spineHalfWidth);
  EXPECT_GT(l.rightArmTopX, l.midlineX + l.spineHalfWidth);
}

}  // namespace
}  // namespace nbra::mibg::testing
