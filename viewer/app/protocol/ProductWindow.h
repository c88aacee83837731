#pragma once

#include <QWidget>
#include <optional>

#include "records/store/TrialRecord.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace nbra::viewer::protocol {

// Trial > NK-cell product: every lot with its release QC and whether the rules release it (with
// each failure named), the coordinator's form for a new lot, and for the open subject the
// thaw-and-wash check of an injection and the checks recorded. An injection is refused by the
// record when its check is missing or fails; this window records what it is refused on.
class ProductWindow : public QWidget {
  Q_OBJECT
 public:
  ProductWindow(records::TrialRecord& record, const QString& studyId, QWidget* parent = nullptr);
  QSize sizeHint() const override;
  void refresh();
  QTableWidget* lots() const { return lots_; }
  QTableWidget* thawChecks() const { return thawChecks_; }

 signals:
  void lotRecorded(qint64 lotId);
  void thawCheckRecorded(qint64 checkId);

 private:
  QWidget* buildLotForm(QWidget* parent);
  QWidget* buildThawForm(QWidget* parent);
  void addLot();
  void recordThawCheck();

  records::TrialRecord& record_;
  QString studyId_;
  QLabel* error_ = nullptr;
  FittedTable* lots_ = nullptr;
  // Add lot
  QLineEdit* lotCode_ = nullptr;
  QLineEdit* donorCode_ = nullptr;
  QDateEdit* apheresis_ = nullptr;
  QDateEdit* separation_ = nullptr;
  QDateEdit* cryopreserved_ = nullptr;
  QLineEdit* storage_ = nullptr;
  QComboBox* lotSterility_ = nullptr;
  QLineEdit* lotCells_ = nullptr;
  QLineEdit* lotViability_ = nullptr;
  QLineEdit* purity_ = nullptr;
  QLineEdit* activePhenotype_ = nullptr;
  QPushButton* addLot_ = nullptr;
  // Thaw check
  QSpinBox* injection_ = nullptr;
  QComboBox* thawLot_ = nullptr;
  QDateEdit* thawDate_ = nullptr;
  QLineEdit* thawViability_ = nullptr;
  QLineEdit* thawCells_ = nullptr;
  QComboBox* thawSterility_ = nullptr;
  QPushButton* recordThaw_ = nullptr;
  FittedTable* thawChecks_ = nullptr;
};

}  // namespace nbra::viewer::protocol
