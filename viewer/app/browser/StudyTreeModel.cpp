#include "viewer/app/browser/StudyTreeModel.h"

#include <QMimeData>

namespace nbra::viewer {
namespace {

QString str(const std::string& s) { return QString::fromStdString(s); }

QList<QStandardItem*> row(const QString& name, const QString& modality, const QString& date,
                          const QString& images) {
  QList<QStandardItem*> items;
  for (const QString& text : {name, modality, date, images}) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    items.append(item);
  }
  items[StudyTreeModel::kImages]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return items;
}

QString imagesLabel(const nbra::dicom::SeriesEntry& s) {
  QString label = QString::number(s.instanceCount);
  if (s.frameCount > s.instanceCount) {
    label += QStringLiteral(" (%1 frames)").arg(s.frameCount);
  }
  if (s.missingCount > 0) {
    label += QStringLiteral(", %1 missing").arg(s.missingCount);
  }
  return label;
}

}  // namespace

StudyTreeModel::StudyTreeModel(QObject* parent) : QStandardItemModel(parent) {
  setHorizontalHeaderLabels({tr("Patient / study / series"), tr("Modality"), tr("Date"),
                             tr("Images")});
}

void StudyTreeModel::setPatients(const std::vector<nbra::dicom::PatientEntry>& patients) {
  removeRows(0, rowCount());
  for (const auto& patient : patients) {
    QString label = displayPersonName(patient.name);
    if (!patient.patientId.empty() && patient.patientId != patient.name) {
      label += QStringLiteral("  [%1]").arg(str(patient.patientId));
    }
    int patientImages = 0;
    auto patientRow = row(label, {}, displayDate(patient.birthDate), {});
    patientRow[kDate]->setToolTip(tr("Birth date"));
    for (const auto& study : patient.studies) {
      const QString studyLabel =
          study.description.empty() ? tr("(study without description)") : str(study.description);
      int studyImages = 0;
      QStringList modalities;
      auto studyRow = row(studyLabel, {}, displayDate(study.studyDate), {});
      for (const auto& series : study.series) {
        QString seriesLabel = QStringLiteral("#%1  ").arg(series.seriesNumber) +
                              (series.description.empty() ? tr("(no description)")
                                                          : str(series.description));
        // Many series carry no date of their own; they were acquired in the study.
        const std::string& date = series.seriesDate.empty() ? study.studyDate : series.seriesDate;
        auto seriesRow = row(seriesLabel, str(series.modality), displayDate(date),
                             imagesLabel(series));
        seriesRow[kName]->setData(QVariant::fromValue<qlonglong>(series.id), kSeriesIdRole);
        seriesRow[kName]->setToolTip(str(series.seriesInstanceUid));
        studyRow[kName]->appendRow(seriesRow);
        studyImages += series.instanceCount;
        if (!modalities.contains(str(series.modality))) {
          modalities << str(series.modality);
        }
      }
      studyRow[kModality]->setText(modalities.join('/'));
      studyRow[kImages]->setText(QString::number(studyImages));
      studyRow[kName]->setToolTip(str(study.studyInstanceUid));
      patientImages += studyImages;
      patientRow[kName]->appendRow(studyRow);
    }
    patientRow[kImages]->setText(QString::number(patientImages));
    appendRow(patientRow);
  }
}

QStringList StudyTreeModel::mimeTypes() const { return {"application/x-nbra-series-id"}; }

QMimeData* StudyTreeModel::mimeData(const QModelIndexList& indexes) const {
  for (const QModelIndex& index : indexes) {
    const QVariant id = index.siblingAtColumn(kName).data(kSeriesIdRole);
    if (id.isValid()) {
      auto* data = new QMimeData;
      data->setData("application/x-nbra-series-id", QByteArray::number(id.toLongLong()));
      return data;
    }
  }
  return nullptr;
}

}  // namespace nbra::viewer
