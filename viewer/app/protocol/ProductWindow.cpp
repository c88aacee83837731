#include "viewer/app/protocol/ProductWindow.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

namespace nbra::viewer::protocol {

namespace {

const QString kTitle = "NK-cell product";

QComboBox* sterilityCombo(const QString& name, QWidget* parent) {
  auto* combo = new QComboBox(parent);
  combo->setObjectName(name);
  combo->addItem("choose…", QString());
  for (const char* code : {"negative", "positive", "pending"}) {
    combo->addItem(code, QString(code));
  }
  return combo;
}

// A field of a form: what the field is called, for the message when it is not a number.
struct Typed {
  QString field;
  QLineEdit* edit;
};

// The number typed in `t`, or a refusal naming the field (the window's own reading of the text;
// whether the value is plausible is the record's check).
double number(const Typed& t) {
  if (t.edit->text().trimmed().isEmpty()) {
    throw std::invalid_argument((t.field + " is empty: enter a number").toStdString());
  }
  const std::optional<double> v = typedNumber(t.edit->text());
  if (!v) {
    throw std::invalid_argument(
        (t.field + ": '" + t.edit->text().trimmed() + "' is not a number").toStdString());
  }
  return *v;
}

std::int64_t cells(const Typed& t) {
  if (t.edit->text().trimmed().isEmpty()) {
    throw std::invalid_argument((t.field + " is empty: enter a number of cells").toStdString());
  }
  const std::optional<std::int64_t> v = typedCellCount(t.edit->text());
  if (!v) {
    throw std::invalid_argument((t.field + ": '" + t.edit->text().trimmed() +
                                 "' is not a whole number of cells (e.g. 120000000 or 1.2e8)")
                                    .toStdString());
  }
  return *v;
}

QLineEdit* numberEdit(const QString& name, const QString& placeholder, QWidget* parent) {
  auto* edit = new QLineEdit(parent);
  edit->setObjectName(name);
  edit->setPlaceholderText(placeholder);
  edit->setMinimumWidth(110);
  return edit;
}

QString percent(double v) {
  return QString::number(v, 'g', 6);
}

}  // namespace

ProductWindow::ProductWindow(records::TrialRecord& record, const QString& studyId, QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  setObjectName("productWindow");
  setWindowTitle(protocolWindowTitle(kTitle, record_, studyId_));
  auto* layout = scrolledPage(this);
  QWidget* page = layout->parentWidget();

  const scoring::ReleaseLimits& limits = record_.protocolSettings().release;
  auto* who = new QLabel(
      QString("<b>Subject %1</b> — %2 Release limits: viability ≥ %3 %, purity ≥ %4 %, active "
              "phenotype ≥ %5 %, stored at or below %6 °C, sterility negative; after thawing "
              "viability ≥ %7 %, sterility not positive%8.")
          .arg(studyId_.toHtmlEscaped(), signedInText(record_).toHtmlEscaped())
          .arg(limits.minViabilityPercent)
          .arg(limits.minPurityPercent)
          .arg(limits.minActivePhenotypePercent)
          .arg(limits.maxStorageTemperatureC)
          .arg(limits.minPostThawViabilityPercent)
          .arg(limits.allowPendingPostThawSterility ? " (pending allowed)" : ", not pending"),
      page);
  who->setObjectName("who");
  who->setWordWrap(true);
  layout->addWidget(who);
  error_ = new QLabel(page);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(decide::kWarningStyle);
  error_->hide();
  layout->addWidget(error_);

  auto* lotsBox = new QGroupBox("Lots and their release QC", page);
  auto* l = new QVBoxLayout(lotsBox);
  lots_ = new FittedTable(
      {"Lot", "Donor", "Apheresis", "CliniMACS", "Cryopreserved", "Storage °C", "Sterility",
       "Viable cells (x 10^6)", "Viability %", "Purity %", "Active %", "Released"},
      "lots", 8, lotsBox);
  lots_->horizontalHeaderItem(3)->setToolTip("CliniMACS separation date");
  lots_->horizontalHeaderItem(10)->setToolTip("NK cells with the activated phenotype, %");
  l->addWidget(lots_);
  layout->addWidget(lotsBox);
  layout->addWidget(buildLotForm(page));

  auto* subjectBox =
      new QGroupBox(QString("Thaw-and-wash check for subject %1").arg(studyId_), page);
  auto* s = new QVBoxLayout(subjectBox);
  s->addWidget(buildThawForm(subjectBox));
  thawChecks_ = new FittedTable({"Injection", "Lot", "Lot released", "Thawed", "Viability %",
                                 "Viable cells (x 10^6)", "Sterility", "Recorded", "Counts"},
                                "thawChecks", 8, subjectBox);
  s->addWidget(thawChecks_);
  layout->addWidget(subjectBox);
  layout->addStretch();

  const bool mayRecord = mayDo(record_, records::Permission::RecordProduct);
  const QString why =
      notAllowedText(record_, records::Permission::RecordProduct, "the coordinator");
  for (QPushButton* b : {addLot_, recordThaw_}) {
    b->setEnabled(mayRecord);
    if (!mayRecord) {
      b->setToolTip(why);
    }
  }
  connect(addLot_, &QPushButton::clicked, this, [this] { addLot(); });
  connect(recordThaw_, &QPushButton::clicked, this, [this] { recordThawCheck(); });
  refresh();
  setMinimumSize(760, 480);
}

QSize ProductWindow::sizeHint() const {
  return {1240, 720};
}

QWidget* ProductWindow::buildLotForm(QWidget* parent) {
  auto* box = new QGroupBox("Add lot…", parent);
  box->setObjectName("lotForm");
  auto* g = new QGridLayout(box);
  const QDate today = QDate::currentDate();
  lotCode_ = new QLineEdit(box);
  lotCode_->setObjectName("lotCode");
  donorCode_ = new QLineEdit(box);
  donorCode_->setObjectName("donorCode");
  lotSterility_ = sterilityCombo("lotSterility", box);
  apheresis_ = makeDateEdit(today, "apheresisDate", box);
  separation_ = makeDateEdit(today, "separationDate", box);
  cryopreserved_ = makeDateEdit(today, "cryopreservedDate", box);
  storage_ = numberEdit("storageC", "°C", box);
  storage_->setText(QString::number(records::ProductLotInput{}.storageTemperatureC));
  lotCells_ = numberEdit("lotViableCells", "e.g. 1.2e9", box);
  lotViability_ = numberEdit("lotViability", "%", box);
  purity_ = numberEdit("purity", "% CD56+ CD3-", box);
  activePhenotype_ = numberEdit("activePhenotype", "%", box);
  addLot_ = new QPushButton("Add lot", box);
  addLot_->setObjectName("addLot");
  const std::pair<QString, QWidget*> fields[] = {
      {"Lot code", lotCode_},
      {"Donor code", donorCode_},
      {"Sterility (release)", lotSterility_},
      {"Apheresis", apheresis_},
      {"CliniMACS separation", separation_},
      {"Cryopreserved", cryopreserved_},
      {"Storage temperature (°C)", storage_},
      {"Viable cells (count)", lotCells_},
      {"Viability (%)", lotViability_},
      {"Purity (%)", purity_},
      {"Active phenotype (%)", activePhenotype_},
  };
  int i = 0;
  for (const auto& [label, field] : fields) {
    const int row = i / 3;
    const int col = (i % 3) * 2;
    g->addWidget(new QLabel(label + ":", box), row, col, Qt::AlignRight);
    g->addWidget(field, row, col + 1);
    ++i;
  }
  g->addWidget(addLot_, 3, 5, Qt::AlignRight);
  for (int col : {1, 3, 5}) {
    g->setColumnStretch(col, 1);
  }
  return box;
}

QWidget* ProductWindow::buildThawForm(QWidget* parent) {
  auto* box = new QWidget(parent);
  box->setObjectName("thawForm");
  auto* g = new QGridLayout(box);
  g->setContentsMargins(0, 0, 0, 0);
  injection_ = new QSpinBox(box);
  injection_->setObjectName("thawInjection");
  injection_->setRange(1, 5);
  thawLot_ = new QComboBox(box);
  thawLot_->setObjectName("thawLot");
  thawLot_->setMinimumWidth(220);
  thawDate_ = makeDateEdit(QDate::currentDate(), "thawDate", box);
  thawViability_ = numberEdit("thawViability", "%", box);
  thawCells_ = numberEdit("thawViableCells", "e.g. 9.5e7", box);
  thawSterility_ = sterilityCombo("thawSterility", box);
  recordThaw_ = new QPushButton("Record thaw check", box);
  recordThaw_->setObjectName("recordThawCheck");
  const std::pair<QString, QWidget*> fields[] = {
      {"Injection", injection_},
      {"Lot", thawLot_},
      {"Thawed on", thawDate_},
      {"Post-thaw viability (%)", thawViability_},
      {"Viable cells (count)", thawCells_},
      {"Sterility (post-thaw)", thawSterility_},
  };
  int i = 0;
  for (const auto& [label, field] : fields) {
    const int row = i / 3;
    const int col = (i % 3) * 2;
    g->addWidget(new QLabel(label + ":", box), row, col, Qt::AlignRight);
    g->addWidget(field, row, col + 1);
    ++i;
  }
  g->addWidget(recordThaw_, 2, 5, Qt::AlignRight);
  for (int col : {1, 3, 5}) {
    g->setColumnStretch(col, 1);
  }
  return box;
}

void ProductWindow::refresh() {
  error_->hide();
  std::vector<records::ProductLotRecord> lots;
  std::vector<records::ThawCheckRecord> checks;
  try {
    lots = record_.productLots();
    checks = record_.thawChecks(studyId_);
  } catch (const std::exception& e) {
    error_->setText(QString::fromUtf8(e.what()));
    error_->show();
  }
  lots_->setRowCount(0);
  std::map<QString, bool> released;
  for (const records::ProductLotRecord& r : lots) {
    const records::ProductLotInput& lot = r.lot;
    released[lot.lotCode] = r.released;
    const int row = lots_->rowCount();
    lots_->insertRow(row);
    setTableRow(
        lots_, row,
        {lot.lotCode, lot.donorCode, isoDate(lot.apheresisDate), isoDate(lot.separationDate),
         isoDate(lot.cryopreservedDate), QString::number(lot.storageTemperatureC, 'g', 6),
         lot.sterility, millionsOfCells(lot.viableCells), percent(lot.viabilityPercent),
         percent(lot.purityPercent), percent(lot.activePhenotypePercent),
         r.released ? QString("yes") : "NOT RELEASED: " + r.releaseFailures.join("; ")});
    toneRow(lots_, row, r.released ? Tone::Pass : Tone::Stop);
  }
  lots_->refit();

  const QString chosen = thawLot_->currentData().toString();
  thawLot_->clear();
  thawLot_->addItem("choose…", QString());
  for (const records::ProductLotRecord& r : lots) {
    thawLot_->addItem(r.lot.lotCode + (r.released ? " (released)" : " (NOT released)"),
                      r.lot.lotCode);
  }
  thawLot_->setCurrentIndex(std::max(0, thawLot_->findData(chosen)));

  thawChecks_->setRowCount(0);
  std::map<int, qint64> newest;
  for (const records::ThawCheckRecord& c : checks) {
    newest[c.injectionNumber] = std::max(newest[c.injectionNumber], c.id);
  }
  for (const records::ThawCheckRecord& c : checks) {
    const int row = thawChecks_->rowCount();
    thawChecks_->insertRow(row);
    const auto lotReleased = released.find(c.lotCode);
    const bool isReleased = lotReleased != released.end() && lotReleased->second;
    const bool counts = newest[c.injectionNumber] == c.id;
    setTableRow(
        thawChecks_, row,
        {QString::number(c.injectionNumber), c.lotCode, isReleased ? "yes" : "NO",
         isoDate(c.check.thawDate), percent(c.check.viabilityPercent),
         millionsOfCells(c.check.viableCells), c.check.sterility,
         c.recordedByName + ", " + QString(c.recordedUtc).replace('T', ' ').left(16),
         counts ? QString("the check of this injection") : QString("superseded by a newer check")});
    if (!isReleased || c.check.sterility == "positive") {
      toneRow(thawChecks_, row, Tone::Stop);
    }
  }
  thawChecks_->refit();
}

void ProductWindow::addLot() {
  try {
    records::ProductLotInput in;
    in.lotCode = lotCode_->text().trimmed();
    in.donorCode = donorCode_->text().trimmed();
    in.apheresisDate = apheresis_->date();
    in.separationDate = separation_->date();
    in.cryopreservedDate = cryopreserved_->date();
    in.storageTemperatureC = number({"Storage temperature (°C)", storage_});
    in.sterility = lotSterility_->currentData().toString();
    in.viableCells = cells({"Viable cells", lotCells_});
    in.viabilityPercent = number({"Viability (%)", lotViability_});
    in.purityPercent = number({"Purity (%)", purity_});
    in.activePhenotypePercent = number({"Active phenotype (%)", activePhenotype_});
    const qint64 id = record_.recordProductLot(in);
    refresh();
    emit lotRecorded(id);
  } catch (const std::exception& e) {
    showRefusal(this, kTitle, e);
  }
}

void ProductWindow::recordThawCheck() {
  try {
    const QString lot = thawLot_->currentData().toString();
    if (lot.isEmpty()) {
      throw std::invalid_argument("Choose the lot that was thawed.");
    }
    records::ThawCheckInput in;
    in.thawDate = thawDate_->date();
    in.viabilityPercent = number({"Post-thaw viability (%)", thawViability_});
    in.viableCells = cells({"Viable cells", thawCells_});
    in.sterility = thawSterility_->currentData().toString();
    const qint64 id = record_.recordThawCheck(studyId_, injection_->value(), lot, in);
    refresh();
    emit thawCheckRecorded(id);
  } catch (const std::exception& e) {
    showRefusal(this, kTitle, e);
  }
}

}  // namespace nbra::viewer::protocol
