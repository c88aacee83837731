#pragma once

#include <QDialog>
#include <QString>

#include "records/store/RecordTypes.h"
#include "records/store/TrialRecord.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace nbra::viewer::trial {

// The FDG-PET bone findings of a reader's read, used when the disease is not MIBG-avid (INRC:
// FDG-PET replaces MIBG). Soft-tissue avidity is per lesion (the lesion table's FDG+ column).
// Saved into the reader's draft of the timepoint: the record's PET row and the "fdgPet" object
// of the case timepoint the rules run on; everything else in the read is kept. Refused, with
// the record's message, when the reader's read is signed.
qint64 savePetFindings(nbra::records::TrialRecord& record, const QString& studyId,
                       const QString& timepointLabel, const nbra::records::PetFinding& finding);

// The findings saved in the reader's latest read of the timepoint, if any.
std::optional<nbra::records::PetFinding> savedPetFindings(nbra::records::TrialRecord& record,
                                                          const QString& studyId,
                                                          const QString& timepointLabel);

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
