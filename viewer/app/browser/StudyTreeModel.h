#pragma once

#include <QStandardItemModel>

#include <vector>

#include "dicom/index/ImageIndex.h"
#include "viewer/app/browser/DicomText.h"

namespace nbra::viewer {

// The patient / study / series tree of the study browser, built from the image index.
// Series rows carry their index id under kSeriesIdRole.
class StudyTreeModel : public QStandardItemModel {
  Q_OBJECT
 public:
  static constexpr int kSeriesIdRole = Qt::UserRole + 1;
  enum Column { kName = 0, kModality, kDate, kImages, kColumnCount };

  explicit StudyTreeModel(QObject* parent = nullptr);
  void setPatients(const std::vector<nbra::dicom::PatientEntry>& patients);

  // Series rows can be dragged onto a view.
  QStringList mimeTypes() const override;
  QMimeData* mimeData(const QModelIndexList& indexes) const override;
};

}  // namespace nbra::viewer
