#pragma once

// The administrator's form for the trial's reading design (docs/adjudication.md): single or
// double reading, the four categorical variables that send a discordant timepoint to
// adjudication, the optional thresholds of the continuous ones, and the reason. Everyone else
// sees the design in force, read-only, with who set it and why.

#include <QGroupBox>
#include <array>

#include "records/store/TrialRecord.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace nbra::viewer::adjudication {

class ReadingDesignForm : public QGroupBox {
  Q_OBJECT
 public:
  ReadingDesignForm(records::TrialRecord& record, QWidget* parent);
  // The design in force, shown and put in the fields.
  void refresh();

 signals:
  void designSet(qint64 designId);

 private:
  void submit();

  records::TrialRecord& record_;
  QLabel* current_ = nullptr;
  QRadioButton* single_ = nullptr;
  QRadioButton* double_ = nullptr;
  std::array<QCheckBox*, 4> triggers_{};  // response, eligibility, extra doses, new lesion
  QLineEdit* sumThreshold_ = nullptr;
  QLineEdit* curieThreshold_ = nullptr;
  QLineEdit* siopenThreshold_ = nullptr;
  QLineEdit* reason_ = nullptr;
  QPushButton* set_ = nullptr;
};

}  // namespace nbra::viewer::adjudication
