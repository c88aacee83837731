#include "viewer/app/trial/PetFindings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <exception>

#include "workflow/reads/ReaderReads.h"

namespace nbra::viewer::trial {

PetFindingsDialog::PetFindingsDialog(records::TrialRecord& record, const QString& studyId,
                                     const QString& timepointLabel, bool baseline, QWidget* parent)
    : QDialog(parent), record_(record), studyId_(studyId), label_(timepointLabel) {
  setWindowTitle(QString("FDG-PET findings — %1, %2").arg(studyId, timepointLabel));
  setObjectName("petFindings");
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      "Bone lesions with increased FDG uptake, counted on the PET of this timepoint. INRC uses "
      "them instead of the MIBG score when the disease is not MIBG-avid. Mark soft-tissue "
      "lesions FDG-avid in the lesion table.",
      this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  avid_ = new QSpinBox(this);
  avid_->setObjectName("avidBoneLesions");
  avid_->setRange(0, 999);
  form->addRow("FDG-avid bone lesions:", avid_);
  new_ = new QSpinBox(this);
  new_->setObjectName("newAvidBoneLesions");
  new_->setRange(0, 999);
  new_->setEnabled(!baseline);  // nothing is new before treatment
  form->addRow("New FDG-avid bone lesions since baseline:", new_);
  confirmed_ = new QCheckBox("confirmed as tumour by CT/MRI or histology", this);
  confirmed_->setObjectName("newConfirmed");
  confirmed_->setEnabled(!baseline);
  confirmed_->setToolTip("A new FDG-avid bone lesion is progression only when confirmed");
  form->addRow("", confirmed_);
  layout->addLayout(form);
  status_ = new QLabel(this);
  status_->setObjectName("status");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  auto* save = buttons->addButton("Save in my draft read", QDialogButtonBox::ApplyRole);
  save->setObjectName("save");
  connect(save, &QPushButton::clicked, this, [this] { this->save(); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);

  try {
    if (const auto saved = workflow::savedPetFindings(record_, studyId_, label_)) {
      avid_->setValue(saved->avidBoneLesions);
      new_->setValue(saved->newAvidBoneLesions);
      confirmed_->setChecked(saved->newLesionsConfirmed);
      status_->setText("Saved findings of your read");
    } else {
      status_->setText("No FDG-PET findings saved yet");
    }
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
  }
}

QString PetFindingsDialog::statusText() const {
  return status_->text();
}

bool PetFindingsDialog::save() {
  try {
    const qint64 id = workflow::savePetFindings(
        record_, studyId_, label_, {avid_->value(), new_->value(), confirmed_->isChecked()});
    status_->setStyleSheet("");
    status_->setText(QString("Saved in your draft read (read %1)").arg(id));
    return true;
  } catch (const std::exception& e) {
    status_->setStyleSheet("color: #a40000; font-weight: bold;");
    status_->setText(QString::fromUtf8(e.what()));
    return false;
  }
}

}  // namespace nbra::viewer::trial
