#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "scoring/model/Tenths.h"
#include "viewer/app/lesions/LesionTable.h"
#include "viewer/app/lesions/Tracking.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace nbra::viewer {

class SliceView;
class ViewerPanel;

// The lesion table of the reading on screen, beside the views. A caliper or bidirectional mark
// drawn while a row waiting for its measurement is selected measures that lesion; any other new
// mark adds a lesion. Clicking a row jumps every view to the lesion (on a follow-up: the baseline
// view to the baseline mark, the others to where the lesion is expected). Refusals (a 6th target,
// a 3rd in one organ, the primary as a target) show in words under the table.
class LesionPanel : public QWidget {
  Q_OBJECT
 public:
  // Sizes and verdict first (what is read most), then the flags the reader sets.
  enum Column {
    Id,
    Site,
    Long,
    Short,
    Verdict,
    Status,
    Primary,
    Node,
    Target,
    Mibg,
    Fdg,
    ColumnCount
  };

  explicit LesionPanel(QWidget* parent = nullptr);

  // The views whose marks this table lists (their reading marks) and which it moves.
  void setViewer(ViewerPanel* viewer);
  // A baseline reading: the table of the viewer's reading marks.
  void startBaseline(LesionTable table = LesionTable(LesionTable::Kind::Baseline));
  // A follow-up against a baseline (its table and marks, shown read-only in `baselineView`).
  // `earlierSums`/`earlierPrimaries` (tenths of mm): follow-ups in between, for the nadir.
  void startFollowUp(const LesionTable& baseline, std::shared_ptr<MeasurementSet> baselineMarks,
                     SliceView* baselineView, std::optional<LesionTable> restored = {},
                     std::vector<nbra::scoring::Tenths> earlierSums = {},
                     std::vector<nbra::scoring::Tenths> earlierPrimaries = {});
  // Follow-up minus baseline (mm) where the frames of reference differ.
  void setComparisonOffset(const Vec3& offsetMm);
  const Vec3& comparisonOffset() const { return offsetMm_; }
  // The offset from the two views' crosshairs, placed by the reader on the same anatomy:
  // follow-up crosshair minus baseline crosshair. False (with a message) without both.
  bool offsetFromCrosshairs();
  void setSliceThicknessMm(double mm);

  LesionTable& table() { return table_; }
  const LesionTable& table() const { return table_; }
  const LesionTable& baseline() const { return baseline_; }
  QTableWidget* tableWidget() const { return grid_; }
  QString message() const;  // the last refusal or note, empty when none
  QString summary() const;  // the follow-up comparison lines
  std::optional<std::size_t> currentRow() const;

  // The same paths the table's cells and buttons take (tests drive them too).
  bool setTarget(std::size_t row, bool target);
  bool editRow(std::size_t row, const TrackedLesion& edited);
  void setStatus(std::size_t row, LesionStatus status);
  void selectRow(std::size_t row);  // selects it and jumps the views to it

 signals:
  void tableChanged();

 private:
  void refresh();
  // Rows take the lymph-node judgement of their marks (N in a view); a judgement the table
  // refuses is turned back on the mark, with the reason.
  void followMarkFlags();
  void onMarkDrawn(SliceView* view, int markId);
  void onCellChanged(int row, int column);
  void jumpToRow(std::size_t row);
  void showMessage(const QString& text, bool refusal);
  bool rowsOnReadingMarks() const;
  // A refusal stays only until the next change the table accepts: then it no longer applies.
  void clearRefusal();
  MeasurementSet& marks();

  ViewerPanel* viewer_ = nullptr;
  LesionTable table_;
  LesionTable baseline_{LesionTable::Kind::Baseline};
  std::shared_ptr<MeasurementSet> baselineMarks_;
  SliceView* baselineView_ = nullptr;
  Vec3 offsetMm_{};
  std::vector<nbra::scoring::Tenths> earlierSums_, earlierPrimaries_;
  QLabel* title_ = nullptr;
  QTableWidget* grid_ = nullptr;
  QLabel* message_ = nullptr;
  QLabel* summary_ = nullptr;
  QPushButton* notMeasurable_ = nullptr;
  QPushButton* tooSmall_ = nullptr;
  QPushButton* resolved_ = nullptr;
  QPushButton* remeasure_ = nullptr;
  QPushButton* remove_ = nullptr;
  QPushButton* offset_ = nullptr;
  bool refreshing_ = false;
  bool showingRefusal_ = false;
  // The marks the rows were last started on: a new reading's marks arrive (measurementsChanged)
  // before its table, and must not be matched with the old rows.
  std::weak_ptr<MeasurementSet> rowsMarks_;
};

}  // namespace nbra::viewer
