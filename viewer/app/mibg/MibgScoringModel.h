#pragma once

#include <QJsonObject>
#include <QPointF>
#include <QString>
#include <array>
#include <optional>
#include <vector>

#include "dicom/nm/NmViews.h"
#include "dicom/nm/atlas/AtlasLandmarks.h"
#include "dicom/nm/atlas/SegmentAtlas.h"
#include "records/store/RecordTypes.h"
#include "scoring/curie/CurieScore.h"
#include "scoring/model/MibgReading.h"
#include "scoring/siopen/SiopenScore.h"

namespace nbra::viewer::mibg {

enum class PlanarSide { Anterior = 0, Posterior = 1 };

inline constexpr int kCurieSoftTissue = 9;  // S10

// One MIBG-avid focus as the reader marked it: where it was clicked on either view (both when
// seen on both: still one lesion), and the segments it counts in. Segments come from the
// atlas under the click until the reader changes them (then `segmentsByReader`).
struct MibgMark {
  int id = 0;
  std::optional<QPointF> anterior;   // image pixel of the anterior view as stored
  std::optional<QPointF> posterior;  // image pixel of the posterior view as stored
  int curieSegment = -1;             // 0-9 (9 = S10 soft tissue); -1 none yet
  int siopenSegment = -1;            // 0-11; -1 for soft tissue (SIOPEN scores bone only)
  bool softTissue = false;
  bool primary = false;  // soft tissue only: the primary tumour (Curie S10, Q2)
  bool segmentsByReader = false;
};

// The scores the marks and diffuse flags give, through scoring/curie and scoring/siopen.
struct MibgScores {
  nbra::scoring::CurieScores curie;
  std::array<int, nbra::scoring::kSiopenSegmentCount> siopen{};
  int siopenTotal = 0;
  std::array<int, nbra::scoring::kCurieSegmentCount> curieMarks{};
  std::array<int, nbra::scoring::kSiopenSegmentCount> siopenMarks{};
};

// A read of the relative bone score against a baseline (ADY95, PARK17): both skeletal scores
// and the verdicts of scoring/mibg's exact comparisons.
struct RelativeScore {
  bool defined = false;  // baseline score > 0
  int followUp = 0;
  int baseline = 0;
  bool atMostHalf = false;          // PR criterion (<= 0.5)
  bool atLeastOnePointTwo = false;  // PD criterion (>= 1.2)
  QString text() const;             // "3 / 11 = 0.27 (at most 0.5)"
};

// Scoring a planar MIBG study by marks: no Qt widgets, testable without a display.
// Marks are placed in image pixels of each view as stored; one focus seen on both views is one
// lesion: a mark placed on one view joins an existing mark that has no point on that view yet
// when it lies within kJoinRadiusMm of that mark's mirrored position (the anterior column c is
// the posterior column width-1-c on the same row of a conjugate whole-body sweep).
class MibgScoringModel {
 public:
  static constexpr double kJoinRadiusMm = 30.0;
  static constexpr double kPickRadiusMm = 9.0;

  // Fits the atlas to both views (landmarks from each view's own outline).
  void setViews(const nbra::dicom::PlanarImage& anterior,
                const nbra::dicom::PlanarImage& posterior);
  bool hasViews() const { return width_ > 0; }
  int imageWidth() const { return width_; }
  double columnSpacingMm() const { return columnSpacingMm_; }

  const nbra::dicom::atlas::AtlasLandmarks& landmarks(PlanarSide side) const {
    return landmarks_[static_cast<std::size_t>(side)];
  }
  // Moves one landmark; marks whose segments the atlas gave are looked up again.
  void moveLandmark(PlanarSide side, nbra::dicom::atlas::LandmarkId id, double x, double y);
  // Back to the automatic fit of both views (marks from the atlas follow).
  void resetLandmarks();
  // The segment under an image point with the current landmarks (for hover names).
  std::optional<int> segmentAt(PlanarSide side, nbra::dicom::atlas::AtlasScale scale,
                               QPointF p) const;

  // A click: joins or adds a mark and returns its id. `softTissue` marks a non-osseous focus
  // (Curie S10, no SIOPEN segment) in the same click.
  int placeMark(PlanarSide side, QPointF imagePoint, bool softTissue);
  std::optional<int> markAt(PlanarSide side, QPointF imagePoint) const;
  bool removeMark(int id);
  bool setMarkSegments(int id, int curieSegment, int siopenSegment);
  bool setMarkSoftTissue(int id, bool softTissue);
  bool setMarkPrimary(int id, bool primary);
  const std::vector<MibgMark>& marks() const { return marks_; }
  const MibgMark* mark(int id) const;

  // Curie: the reader's "> 50 % of the segment" (score 3). SIOPEN: 0 none, 4 a diffuse lesion
  // in < 50 % of a bone, 5 in 50-95 %, 6 the entire bone (clinical-rules.md 2.2).
  void setCurieDiffuse(int segment, bool diffuse);
  void setSiopenDiffuseGrade(int segment, int grade);
  bool curieDiffuse(int segment) const;
  int siopenDiffuseGrade(int segment) const;
  bool softTissueIncludesPrimary = true;  // rule setting (Q2); the lead passes the trial's

  MibgScores scores() const;
  nbra::scoring::MibgReading reading() const;
  std::vector<nbra::records::MibgSegmentEntry> segmentEntries() const;

  // The baseline read the relative scores compare against (its own marks and flags).
  void setBaseline(std::optional<MibgScores> baseline) { baseline_ = std::move(baseline); }
  const std::optional<MibgScores>& baseline() const { return baseline_; }
  RelativeScore relativeCurie() const;
  RelativeScore relativeSiopen() const;

  // State as stored with the read: marks, diffuse flags, landmarks of both views.
  QJsonObject toJson() const;
  // Restores a stored state (landmarks replace the fitted ones). Returns an error text and
  // leaves the model unchanged when the JSON is not a scoring state.
  std::optional<QString> fromJson(const QJsonObject& json);
  void clear();

 private:
  void assignFromAtlas(MibgMark& m) const;
  std::optional<QPointF> anyPoint(const MibgMark& m, PlanarSide& side) const;

  int width_ = 0;
  double columnSpacingMm_ = 1;
  std::array<nbra::dicom::atlas::AtlasLandmarks, 2> landmarks_{};
  std::array<nbra::dicom::atlas::AtlasLandmarks, 2> fitted_{};
  std::vector<MibgMark> marks_;
  int nextId_ = 1;
  std::array<bool, nbra::scoring::kCurieSegmentCount> curieDiffuse_{};
  std::array<int, nbra::scoring::kSiopenSegmentCount> siopenDiffuse_{};
  std::optional<MibgScores> baseline_;
};

// The SIOPEN diffuse extent of a grade the reader set (0 none, 4, 5, 6; clinical-rules.md 2.2).
nbra::scoring::SiopenDiffuseExtent siopenExtent(int grade);

}  // namespace nbra::viewer::mibg
