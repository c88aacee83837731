#pragma once

#include <QWidget>

class QCloseEvent;

#include "records/store/TrialRecord.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "workflow/adjudication/AdjudicationCase.h"

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace nbra::viewer::adjudication {

class MarksOverlay;

// Trial > Adjudication: the adjudicator's view of one discordant timepoint, blinded (the two
// reads are A and B, never their readers): what the rules make of each read and which variables
// send it to adjudication, the lesions aligned by tracking id, both reads' calipers on a
// schematic of each image, the MIBG segment scores side by side, and the choice of the read of
// record, signed with the password. Once adjudicated, the window shows the choice read-only.
class AdjudicationWindow : public QWidget {
  Q_OBJECT
 public:
  // Throws the record's refusal (naming the timepoint and its state) when the actor is not an
  // adjudicator or the timepoint has no two compared reads.
  AdjudicationWindow(records::TrialRecord& record, const QString& studyId, const QString& label,
                     QWidget* parent = nullptr);
  QSize sizeHint() const override;

  const workflow::AdjudicationCase& adjudicationCase() const { return case_; }
  QTableWidget* variables() const { return variables_; }
  QTableWidget* lesions() const { return lesions_; }
  QTableWidget* siopen() const { return siopen_; }
  QTableWidget* curie() const { return curie_; }
  MarksOverlay* marks() const { return marks_; }

 signals:
  void adjudicated(qint64 adjudicationId);

 protected:
  // An unsigned choice or reason is asked about before the window closes (nothing is kept).
  void closeEvent(QCloseEvent* event) override;

 private:
  void load();
  void showDecision();
  void askSignature();
  void sign(const QString& password);

  records::TrialRecord& record_;
  QString studyId_;
  QString label_;
  workflow::AdjudicationCase case_;
  QLabel* header_ = nullptr;
  QLabel* reads_ = nullptr;
  QLabel* status_ = nullptr;
  protocol::FittedTable* variables_ = nullptr;
  protocol::FittedTable* lesions_ = nullptr;
  protocol::FittedTable* siopen_ = nullptr;
  protocol::FittedTable* curie_ = nullptr;
  QWidget* siopenBox_ = nullptr;
  QWidget* curieBox_ = nullptr;
  QLabel* noSegments_ = nullptr;
  MarksOverlay* marks_ = nullptr;
  QButtonGroup* choice_ = nullptr;
  QRadioButton* chooseA_ = nullptr;
  QRadioButton* chooseB_ = nullptr;
  QLineEdit* reason_ = nullptr;
  QPushButton* sign_ = nullptr;
  QLabel* decision_ = nullptr;
};

}  // namespace nbra::viewer::adjudication
