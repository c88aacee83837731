#pragma once

#include <QDialog>
#include <QString>

#include "records/store/RecordTypes.h"
#include "records/store/TrialRecord.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace nbra::viewer::trial {

// The FDG-PET bone findings of a reader's read (workflow/reads/ReaderReads: saved into the
// reader's draft as the read's PET row), used when the disease is not MIBG-avid.
// The reader's entry form (Trial > FDG-PET findings).
class PetFindingsDialog : public QDialog {
  Q_OBJECT
 public:
  PetFindingsDialog(nbra::records::TrialRecord& record, const QString& studyId,
                    const QString& timepointLabel, bool baseline, QWidget* parent = nullptr);
  QSpinBox* avidBoneLesions() const { return avid_; }
  QSpinBox* newAvidBoneLesions() const { return new_; }
  QCheckBox* newConfirmed() const { return confirmed_; }
  QString statusText() const;
  bool save();  // false with the reason shown

 private:
  nbra::records::TrialRecord& record_;
  QString studyId_, label_;
  QSpinBox* avid_;
  QSpinBox* new_;
  QCheckBox* confirmed_;
  QLabel* status_;
};

}  // namespace nbra::viewer::trial
