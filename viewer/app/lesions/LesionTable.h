#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scoring/model/Lesion.h"
#include "viewer/app/lesions/TrackedLesion.h"
#include "viewer/app/measure/MeasurementSet.h"
#include "viewer/app/measure/Verdict.h"

namespace nbra::viewer {

// A lesion's diameters as recorded: from its mark, or by its status (too small 5 mm, resolved
// 0 mm). Nothing for a lesion still to measure or not measurable.
struct LesionSizes {
  double longAxisMm = 0;
  double shortAxisMm = 0;  // 0 when no short axis was drawn
  bool hasShortAxis = false;
  std::optional<Verdict> verdict;  // from the rules engine, for a measured mark only
};

// The lesion table of one reading (one timepoint). Plain logic over the reading's marks: the
// widget (LesionPanel) only shows it. Every change that RECIST forbids is refused with a message
// naming the lesion and the rule, and leaves the table as it was.
class LesionTable {
 public:
  enum class Kind { Baseline, FollowUp };

  explicit LesionTable(Kind kind = Kind::Baseline) : kind_(kind) {}

  Kind kind() const { return kind_; }
  const std::vector<TrackedLesion>& lesions() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  const TrackedLesion& at(std::size_t row) const { return rows_.at(row); }
  std::optional<std::size_t> rowOfMark(int markId) const;
  std::optional<std::size_t> rowOf(const std::string& trackingId) const;

  // The slice thickness for lesions that do not know their series' (RECIST's 2 × thickness rule).
  void setSliceThicknessMm(double mm) { sliceThicknessMm_ = mm; }
  double sliceThicknessMm() const { return sliceThicknessMm_; }

  // Adds a lesion (a new tracking id is chosen when empty: P, N or L and the next number). On a
  // follow-up every added lesion is new. Returns an empty string, or why it was refused.
  std::string add(TrackedLesion lesion, const MeasurementSet& marks);
  // Replaces a row by an edited copy (site, flags, target) after checking the target rules;
  // the mark's lymph-node flag follows the row's so the label on the image judges it alike.
  std::string update(std::size_t row, const TrackedLesion& edited, MeasurementSet& marks);
  std::string setTarget(std::size_t row, bool target, MeasurementSet& marks);
  // Ties a mark to a row (it is measured) or records a status without a mark.
  void attachMark(std::size_t row, int markId, MeasurementSet& marks, double sliceThicknessMm = 0);
  // The thickness a lesion is judged with: its series', else the table's.
  double thicknessOf(const TrackedLesion& l) const;
  void setStatus(std::size_t row, LesionStatus status);
  void remove(std::size_t row);
  // Rows whose mark no longer exists (deleted, undone) go back to "to measure"; when that mark
  // comes back (redo) the row takes it again.
  void dropMissingMarks(const MeasurementSet& marks);

  std::optional<LesionSizes> sizes(std::size_t row, const MeasurementSet& marks) const;
  std::string nextTrackingId(const TrackedLesion& lesion) const;

  // The rows the rules engine can assess, with lengths on its 0.1 mm grid. Refused (message)
  // while a lesion is still to measure or is not measurable: a sum without it would be wrong.
  std::optional<std::vector<nbra::scoring::Lesion>> toScoring(const MeasurementSet& marks,
                                                              std::string& whyNot) const;

  // Whole-table replacement (restoring a saved read); no checks.
  void restore(std::vector<TrackedLesion> rows) {
    rows_ = std::move(rows);
    lostMarks_.clear();
  }

 private:
  std::string checkTargets(const std::vector<TrackedLesion>& candidate, std::size_t row,
                           const MeasurementSet& marks) const;
  std::string autoIdLike(const TrackedLesion& lesion, const std::string& id) const;
  std::optional<LesionSizes> sizesOf(const TrackedLesion& l, const MeasurementSet& marks) const;
  nbra::scoring::Lesion scoringLesion(const TrackedLesion& l, const LesionSizes& s) const;

  Kind kind_;
  std::vector<TrackedLesion> rows_;
  std::vector<std::pair<std::string, int>> lostMarks_;  // tracking id, mark id gone by undo/delete
  double sliceThicknessMm_ = 0;
};

// A length on the rules engine's 0.1 mm grid (the precision the labels show).
double onTenthGrid(double mm);

}  // namespace nbra::viewer
