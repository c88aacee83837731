#pragma once

#include <QList>
#include <QString>
#include <QWidget>
#include <string>

#include "dicom/net/QueryKeys.h"

class QComboBox;
class QLineEdit;

namespace nbra::viewer {

// The filters of File > Query/Retrieve...: patient ID and name, accession, a study date range,
// modality and description, checked and turned into the study-level dicom::net::QueryFilter a
// search sends.
class QueryFilterForm : public QWidget {
  Q_OBJECT
 public:
  explicit QueryFilterForm(QWidget* parent = nullptr);

  // Fills `filter` from the fields. Returns what is wrong (the field at fault takes the focus),
  // or "" when the search can be sent.
  QString read(dicom::net::QueryFilter& filter);
  // Every field emptied, the modality back to any, the focus on the patient ID.
  void clear();
  // The patient ID takes the keyboard, as a reader opening the window types an ID first.
  void focusFirstField();
  // The fields in reading order, for the window's tab order.
  QList<QWidget*> fields() const;

 private:
  QLineEdit* patientId_;
  QLineEdit* patientName_;
  QLineEdit* dateFrom_;
  QLineEdit* dateTo_;
  QComboBox* modality_;
  QLineEdit* accession_;
  QLineEdit* description_;
};

// "DOE^JANE" and "Doe, Jane" alike; a name without wildcards matches names that start with it,
// as a reader typing part of a name expects. Empty stays empty.
std::string nameQuery(QString typed);

// Empty stays empty (any date); YYYYMMDD or YYYY-MM-DD becomes YYYYMMDD; false when it is not a
// real date.
bool dateQuery(const QString& typed, std::string& out);

}  // namespace nbra::viewer
