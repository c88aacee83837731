#pragma once

#include <QWidget>

#include "records/store/TrialRecord.h"

class QLabel;
class QPushButton;
class QTabWidget;

namespace nbra::viewer::decide {

class AssessmentPanel;
class EligibilityPanel;
class ExtraDoseDialog;

// Injections 4 and 5: NBRA's current proposal in one line, the dose per injection (the latest
// weight; each extra injection's own once the calendar has it), the signed decisions, and the
// button that opens the decision dialog.
class ExtraDosePanel : public QWidget {
  Q_OBJECT
 public:
  ExtraDosePanel(records::TrialRecord& record, const QString& studyId, QWidget* parent = nullptr);
  void refresh();
  // Opens the decision dialog (window-modal, not blocking) on the latest assessment; nullptr
  // when there is none.
  ExtraDoseDialog* openDialog();

 signals:
  void decided(qint64 decisionId);

 private:
  // The calendar's lines for injections 4 and 5 with their doses (empty when it has none).
  QStringList scheduledExtraDoses() const;

  records::TrialRecord& record_;
  QString studyId_;
  QLabel* summary_;
  QLabel* dose_;
  QLabel* decisions_;
  QPushButton* decide_;
};

// The investigator's decision workspace for one subject: the INRC assessment, the eligibility
// confirmation and the extra-dose decision, over the trial record of the signed-in user.
class DecisionWorkspace : public QWidget {
  Q_OBJECT
 public:
  DecisionWorkspace(records::TrialRecord& record, const QString& studyId,
                    QWidget* parent = nullptr);
  AssessmentPanel* assessmentPanel() const { return assessment_; }
  EligibilityPanel* eligibilityPanel() const { return eligibility_; }
  ExtraDosePanel* extraDosePanel() const { return extraDoses_; }
  QTabWidget* tabs() const { return tabs_; }
  // The PDF report of a timepoint (records/report), as `nbra-cli record report` writes it.
  // Throws RecordError naming the file when it cannot be written.
  void writeReport(const QString& timepointLabel, const QString& pdfPath);
  void refresh();

 private:
  records::TrialRecord& record_;
  QString studyId_;
  QTabWidget* tabs_;
  AssessmentPanel* assessment_;
  EligibilityPanel* eligibility_;
  ExtraDosePanel* extraDoses_;
};

}  // namespace nbra::viewer::decide
