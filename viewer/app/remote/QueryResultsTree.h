#pragma once

#include <QStandardItemModel>
#include <QString>
#include <QTreeView>
#include <vector>

#include "dicom/net/DimseClient.h"
#include "dicom/net/QueryKeys.h"

namespace nbra::viewer {

// The results of File > Query/Retrieve...: patient > study > series rows over a
// QStandardItemModel, the series of a study filled in when it is opened, and what the selected
// rows ask an archive for.
class QueryResultsTree : public QTreeView {
  Q_OBJECT
 public:
  // What a row is (kKindRole).
  enum class RowKind { Patient = 1, Study, Series, Placeholder };
  static constexpr int kKindRole = Qt::UserRole + 1;
  static constexpr int kStudyUidRole = Qt::UserRole + 2;
  static constexpr int kSeriesUidRole = Qt::UserRole + 3;
  static constexpr int kInstancesRole = Qt::UserRole + 4;  // -1: the archive did not say
  enum Column { kName = 0, kDate, kModality, kDescription, kImages, kColumnCount };

  explicit QueryResultsTree(QWidget* parent = nullptr);

  QStandardItemModel* results() const { return results_; }

  // Replaces the rows with the studies found: one row per patient (the same ID under another
  // name is another row), its studies newest first, each with a placeholder until its series
  // are listed. Returns the number of patients.
  int showMatches(const std::vector<dicom::net::QueryMatch>& matches);
  // The series of the study with this UID (wherever it is now), or why they could not be
  // listed. False when no such study is shown any more.
  bool showSeries(const QString& studyUid, const std::vector<dicom::net::QueryMatch>& series,
                  const QString& error);
  // The selected studies and series in the order shown; a series inside a chosen study (or
  // patient) is not asked for twice. `instances`: how many the query said they hold, -1 when it
  // did not say; `what`: "2 series of DOE, JANE  [123]".
  std::vector<dicom::net::RetrieveTarget> selectedTargets(qint64* instances, QString* what) const;

 signals:
  // A study was opened whose series are not listed (never asked, or failed): it reads "listing
  // the series…" until showSeries().
  void seriesWanted(const QString& studyUid);

 protected:
  // Enter opens or closes the row; passed on, it would press the dialog's default button.
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void onExpanded(const QModelIndex& index);
  QStandardItem* findStudy(const QString& studyUid) const;

  QStandardItemModel* results_;
};

}  // namespace nbra::viewer
