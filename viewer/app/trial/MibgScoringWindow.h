#pragma once

#include <QMainWindow>
#include <QString>

class QCloseEvent;
class QLabel;
class QSpinBox;

namespace nbra::records {
class TrialRecord;
}

namespace nbra::viewer::mibg {
class MibgScoringWidget;
}

namespace nbra::viewer::trial {

// Scoring one timepoint's planar MIBG study inside the reader's read: the timepoint's NM images
// come from its studies in the trial record (found in the image index), a follow-up is shown
// next to the baseline's signed scoring, and Save draft / Sign read write the scoring into the
// same read as the CT measurements (MibgReadStore). `record` must outlive the window.
class MibgScoringWindow : public QMainWindow {
  Q_OBJECT
 public:
  MibgScoringWindow(nbra::records::TrialRecord& record, const QString& indexPath,
                    const QString& studyId, const QString& timepointLabel,
                    QWidget* parent = nullptr);

  // Loads the images and the reader's saved scoring. Returns an error text (also shown in the
  // window), empty on success.
  QString load();
  // Writes the scoring into the reader's draft; false with the reason shown when refused.
  bool saveDraft();
  // Saves, then signs the read with the password (the dialog asks when `password` is empty).
  bool signRead(const QString& password = {});

  mibg::MibgScoringWidget* scoring() const { return scoring_; }
  QSpinBox* newBoneSites() const { return newBoneSites_; }
  QString statusText() const;
  // Scoring changed since it was loaded or saved.
  bool isDirty() const { return dirty_; }

 protected:
  // Unsaved scoring is never thrown away by closing: Save / Discard / Cancel.
  void closeEvent(QCloseEvent* event) override;

 private:
  void showStatus(const QString& text, bool problem);

  nbra::records::TrialRecord& record_;
  QString indexPath_, studyId_, label_;
  mibg::MibgScoringWidget* scoring_ = nullptr;
  QSpinBox* newBoneSites_ = nullptr;
  QLabel* status_ = nullptr;
  bool dirty_ = false;
};

}  // namespace nbra::viewer::trial
