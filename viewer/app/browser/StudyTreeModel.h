#pragma once

#include <QHash>
#include <QPixmap>
#include <QStandardItemModel>

#include <vector>

#include "dicom/index/ImageIndex.h"
#include "viewer/app/browser/DicomText.h"

namespace nbra::viewer {

class SeriesThumbnails;

// The patient / study / series tree of the study browser, built from the image index.
// Series rows carry their index id under kSeriesIdRole; every name cell says what it is and
// its index id (kLevelRole, kEntryIdRole) and the words the browser's filter looks for
// (kSearchTextRole, lower case).
class StudyTreeModel : public QStandardItemModel {
  Q_OBJECT
 public:
  static constexpr int kSeriesIdRole = Qt::UserRole + 1;
  static constexpr int kLevelRole = Qt::UserRole + 2;
  static constexpr int kEntryIdRole = Qt::UserRole + 3;
  static constexpr int kSearchTextRole = Qt::UserRole + 4;
  static constexpr int kStudyUidRole = Qt::UserRole + 5;
  static constexpr int kPlainNameRole = Qt::UserRole + 6;  // the name without a timepoint label
  static constexpr int kBaseSearchRole = Qt::UserRole + 7;  // kSearchTextRole without the label
  enum Column { kName = 0, kModality, kDate, kImages, kColumnCount };
  enum Level { kPatient = 0, kStudy, kSeries };

  explicit StudyTreeModel(QObject* parent = nullptr);
  void setPatients(const std::vector<nbra::dicom::PatientEntry>& patients);

  // Trial timepoint labels by Study Instance UID (e.g. "NBRA-001 · baseline"), shown after the
  // study's description and found by the filter. Kept across setPatients; empty clears them.
  void setStudyLabels(const QHash<QString, QString>& labelsByStudyUid);
  const QHash<QString, QString>& studyLabels() const { return labels_; }

  // Series rows show a thumbnail of their middle image from `thumbnails` (null: none).
  void setThumbnails(SeriesThumbnails* thumbnails);
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  // Series rows can be dragged onto a view.
  QStringList mimeTypes() const override;
  QMimeData* mimeData(const QModelIndexList& indexes) const override;

 signals:
  // The rows or their texts changed (a new index read, labels): filters apply again.
  void contentsChanged();

 private:
  void applyStudyLabel(QStandardItem* studyName);
  QModelIndex seriesIndex(qint64 seriesId) const;

  QHash<QString, QString> labels_;
  SeriesThumbnails* thumbnails_ = nullptr;
  QPixmap placeholder_;
};

}  // namespace nbra::viewer
