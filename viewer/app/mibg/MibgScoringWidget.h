#pragma once

#include <QJsonObject>
#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viewer/app/mibg/MibgOverlay.h"
#include "viewer/app/mibg/MibgScoringModel.h"

class QAbstractButton;
class QCheckBox;
class QLabel;
class QSplitter;
class QTableWidget;

namespace nbra::viewer {
class PlanarView;
}

namespace nbra::viewer::mibg {

// Scoring a planar 123I-MIBG whole-body study: the Curie or SIOPEN atlas over the
// anterior and posterior views, marks placed by clicking foci, diffuse segments, live segment
// scores and totals (scoring/curie, SIOPEN rule 2.2), the relative score against the baseline
// read, physiological-uptake reminders, and the baseline study side by side with one intensity
// scale. The read's state is JSON (state/setState); the lead stores it with the read.
class MibgScoringWidget : public QWidget {
  Q_OBJECT
 public:
  explicit MibgScoringWidget(QWidget* parent = nullptr);
  ~MibgScoringWidget() override;

  // Loads the current study's NM files (and optionally the baseline's, with its stored read).
  // Returns an error text naming the file and the problem; the widget then shows it.
  std::optional<QString> setStudy(const std::vector<std::string>& currentNmFiles,
                                  const std::vector<std::string>& baselineNmFiles = {},
                                  const std::optional<QJsonObject>& baselineState = std::nullopt);

  QJsonObject state() const;
  std::optional<QString> setState(const QJsonObject& state);  // error text, state unchanged
  nbra::scoring::MibgReading reading() const { return model_.reading(); }
  std::vector<nbra::records::MibgSegmentEntry> segmentEntries() const {
    return model_.segmentEntries();
  }
  MibgScores scores() const { return model_.scores(); }
  void setSoftTissueIncludesPrimary(bool include);

  // Every change to the scoring (a mark, a segment, diffuse, the fit) is a step that Ctrl+Z
  // undoes and Ctrl+Shift+Z redoes. Loading a study or a saved state starts a new history.
  bool undo();
  bool redo();
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }

  // For tests and the lead: the parts a user touches.
  PlanarView* currentView() const { return current_; }
  PlanarView* baselineView() const { return baselineView_; }
  QTableWidget* curieTable() const { return curieTable_; }
  QTableWidget* siopenTable() const { return siopenTable_; }
  MibgScoringModel& model() { return model_; }
  void setAtlas(MibgOverlay::Atlas atlas);
  void setHandlesShown(bool shown);
  void setComparisonShown(bool shown);

 signals:
  void stateChanged();

 protected:
  // Delete removes the selected mark; Ctrl+Z / Ctrl+Shift+Z undo and redo.
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void refresh();
  void showMarkMenu(int markId, QPoint globalPos);
  void curieCellClicked(int row, int column);
  void siopenCellClicked(int row, int column);
  void syncDisplay(PlanarView* from, PlanarView* to);
  void changed();
  void restore(const QJsonObject& state);
  void startHistory();

  MibgScoringModel model_;
  MibgScoringModel baselineModel_;
  bool haveBaselineState_ = false;
  PlanarView* current_ = nullptr;
  PlanarView* baselineView_ = nullptr;
  QWidget* baselineBox_ = nullptr;
  QSplitter* views_ = nullptr;
  std::unique_ptr<MibgOverlay> overlay_;
  std::unique_ptr<MibgOverlay> baselineOverlay_;
  QTableWidget* curieTable_ = nullptr;
  QTableWidget* siopenTable_ = nullptr;
  QLabel* curieTotals_ = nullptr;
  QLabel* siopenTotals_ = nullptr;
  QLabel* lastMark_ = nullptr;
  QLabel* error_ = nullptr;
  QAbstractButton* curieButton_ = nullptr;
  QAbstractButton* siopenButton_ = nullptr;
  QAbstractButton* offButton_ = nullptr;
  QCheckBox* handlesBox_ = nullptr;
  QCheckBox* compareBox_ = nullptr;
  bool syncing_ = false;
  // Whole-state snapshots: a scoring is a few dozen marks, so copies are cheap and undo can
  // never drift from what is shown.
  std::vector<QJsonObject> undo_, redo_;
  QJsonObject shownState_;
  bool restoring_ = false;
  std::optional<int> stepDrag_;  // the handle drag the newest undo step belongs to
};

}  // namespace nbra::viewer::mibg
