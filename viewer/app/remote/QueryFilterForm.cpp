#include "viewer/app/remote/QueryFilterForm.h"

#include <QComboBox>
#include <QDate>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <utility>

namespace nbra::viewer {

std::string nameQuery(QString typed) {
  typed = typed.trimmed();
  if (typed.isEmpty())
    return {};
  typed.replace(QRegularExpression("\\s*,\\s*"), "^");
  if (!typed.contains('*') && !typed.contains('?'))
    typed += '*';
  return typed.toStdString();
}

bool dateQuery(const QString& typed, std::string& out) {
  QString digits = typed.trimmed();
  digits.remove('-');
  if (digits.isEmpty()) {
    out.clear();
    return true;
  }
  if (!QDate::fromString(digits, "yyyyMMdd").isValid())
    return false;
  out = digits.toStdString();
  return true;
}

QueryFilterForm::QueryFilterForm(QWidget* parent) : QWidget(parent) {
  auto edit = [](const char* objectName, const QString& accessible, const QString& placeholder) {
    auto* e = new QLineEdit;
    e->setObjectName(objectName);
    e->setAccessibleName(accessible);
    e->setPlaceholderText(placeholder);
    e->setClearButtonEnabled(true);
    return e;
  };
  patientId_ = edit("qrPatientId", tr("Patient ID"), tr("exact, or with * and ?"));
  patientName_ = edit("qrPatientName", tr("Patient name"), tr("DOE^JANE; the start is enough"));
  accession_ = edit("qrAccession", tr("Accession number"), {});
  description_ = edit("qrDescription", tr("Study description"), tr("e.g. *thorax*"));
  auto* dateValidator =
      new QRegularExpressionValidator(QRegularExpression("\\d{0,4}-?\\d{0,2}-?\\d{0,2}"), this);
  dateFrom_ = edit("qrDateFrom", tr("Study date from"), tr("YYYYMMDD"));
  dateTo_ = edit("qrDateTo", tr("Study date to"), tr("YYYYMMDD"));
  for (QLineEdit* d : {dateFrom_, dateTo_}) {
    d->setValidator(dateValidator);
    d->setToolTip(tr("Empty: any date. YYYYMMDD or YYYY-MM-DD."));
    // Room for "YYYY-MM-DD" and the clear button, no more: the range reads as one field.
    d->setFixedWidth(fontMetrics().horizontalAdvance("YYYY-MM-DD") + 48);
  }
  modality_ = new QComboBox;
  modality_->setObjectName("qrModality");
  modality_->setAccessibleName(tr("Modality"));
  modality_->addItem(tr("any"), QString());
  for (const char* m : {"CT", "MR", "PT", "NM", "SR", "US", "CR", "DX", "SEG", "OT"})
    modality_->addItem(m, QString(m));

  auto* dates = new QHBoxLayout;
  dates->setContentsMargins(0, 0, 0, 0);
  dates->addWidget(dateFrom_);
  dates->addWidget(new QLabel(tr("to")));
  dates->addWidget(dateTo_);
  auto* filters = new QGridLayout(this);
  filters->setContentsMargins(0, 0, 0, 0);
  auto addField = [filters](int row, int column, const QString& label, QWidget* field,
                            QLayout* fieldLayout = nullptr) {
    auto* l = new QLabel(label);
    l->setBuddy(field);
    filters->addWidget(l, row, column * 2);
    if (fieldLayout)
      filters->addLayout(fieldLayout, row, column * 2 + 1);
    else
      filters->addWidget(field, row, column * 2 + 1);
  };
  addField(0, 0, tr("Patient &ID:"), patientId_);
  addField(0, 1, tr("Patient &name:"), patientName_);
  addField(0, 2, tr("A&ccession:"), accession_);
  addField(1, 0, tr("Study &date:"), dateFrom_, dates);
  auto* modalityRow = new QHBoxLayout;
  modalityRow->setContentsMargins(0, 0, 0, 0);
  modalityRow->addWidget(modality_);
  modalityRow->addStretch();
  addField(1, 1, tr("&Modality:"), modality_, modalityRow);
  addField(1, 2, tr("Descri&ption:"), description_);
  for (int c : {1, 3, 5})
    filters->setColumnStretch(c, 1);
}

QList<QWidget*> QueryFilterForm::fields() const {
  return {patientId_, patientName_, accession_, dateFrom_, dateTo_, modality_, description_};
}

void QueryFilterForm::clear() {
  for (QLineEdit* e : {patientId_, patientName_, dateFrom_, dateTo_, accession_, description_})
    e->clear();
  modality_->setCurrentIndex(0);
  patientId_->setFocus();
}

QString QueryFilterForm::read(dicom::net::QueryFilter& filter) {
  filter.patientId = patientId_->text().trimmed().toStdString();
  filter.patientName = nameQuery(patientName_->text());
  filter.accessionNumber = accession_->text().trimmed().toStdString();
  filter.studyDescription = description_->text().trimmed().toStdString();
  filter.modality = modality_->currentData().toString().toStdString();
  const std::pair<QLineEdit*, std::string*> dates[] = {{dateFrom_, &filter.studyDateFrom},
                                                       {dateTo_, &filter.studyDateTo}};
  for (const auto& [field, out] : dates) {
    if (!dateQuery(field->text(), *out)) {
      field->setFocus();
      return tr("%1: '%2' is not a date; write it as YYYYMMDD (e.g. 20260115) or leave it "
                "empty for any date.")
          .arg(field->accessibleName(), field->text());
    }
  }
  if (const std::string problem = dicom::net::checkFilter(filter, dicom::net::QueryLevel::Study);
      !problem.empty()) {
    return tr("The search cannot be sent: %1").arg(QString::fromStdString(problem));
  }
  return {};
}

void QueryFilterForm::focusFirstField() {
  patientId_->setFocus(Qt::OtherFocusReason);
}

}  // namespace nbra::viewer
