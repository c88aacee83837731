#pragma once

#include <QWidget>
#include <array>
#include <optional>

#include "records/store/TrialRecord.h"
#include "workflow/decisions/DecisionModel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace nbra::viewer::decide {

// INRC 2017 for one timepoint of a subject: the investigator picks the timepoint, enters the
// bone-marrow results from pathology (or keeps the read's), and records the assessment; the
// components and the overall response show with the rules' reasons, and a stale assessment (a
// read corrected since) is flagged.
class AssessmentPanel : public QWidget {
  Q_OBJECT
 public:
  AssessmentPanel(records::TrialRecord& record, const QString& studyId, QWidget* parent = nullptr);
  void refresh();
  void selectTimepoint(const QString& label);
  const std::optional<workflow::AssessmentView>& shown() const { return shown_; }

 signals:
  void assessed(qint64 assessmentId);

 private:
  void timepointChanged();
  void assess();
  void display(const std::optional<records::AssessmentRecord>& record);

  records::TrialRecord& record_;
  QString studyId_;
  QComboBox* timepoint_;
  QComboBox* reader_;
  QCheckBox* enterMarrow_;
  QGroupBox* marrow_;
  std::array<QCheckBox*, 4> sampleDone_{};
  std::array<QDoubleSpinBox*, 4> samplePercent_{};
  QCheckBox* pathologyConfirmed_;
  QPushButton* assess_;
  QLabel* reading_;  // under double reading: the timepoint's state and read of record
  QLabel* overall_;
  QLabel* modality_;
  QLabel* marrowSource_;
  QLabel* stale_;
  QLabel* error_;
  QTableWidget* components_;
  std::optional<workflow::AssessmentView> shown_;
};

}  // namespace nbra::viewer::decide
