#include "viewer/app/browser/StudyTreeModel.h"

#include <QMimeData>

#include "viewer/app/browser/SeriesThumbnails.h"

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

// What the filter matches for a row: the words shown and the ones a user types for them (a date
// both as shown and as DICOM writes it).
QString searchText(const QStringList& words) {
  QStringList kept;
  for (const QString& w : words)
    if (!w.trimmed().isEmpty()) kept << w.trimmed();
  return kept.join(' ').toLower();
}

// Tooltip lines "Label: value", leaving out empty values; HTML-escaped, one per line.
QString tooltip(const QList<QPair<QString, QString>>& lines) {
  QStringList out;
  for (const auto& [label, value] : lines)
    if (!value.isEmpty()) out << QStringLiteral("%1: %2").arg(label, value);
  return out.join('\n');
}

void setIdentity(QStandardItem* name, StudyTreeModel::Level level, std::int64_t id,
                 const QString& search) {
  name->setData(level, StudyTreeModel::kLevelRole);
  name->setData(QVariant::fromValue<qlonglong>(id), StudyTreeModel::kEntryIdRole);
  name->setData(search, StudyTreeModel::kSearchTextRole);
  name->setData(search, StudyTreeModel::kBaseSearchRole);
  name->setData(name->text(), StudyTreeModel::kPlainNameRole);
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
    // A patient has no date of its own: the birth date is in the tooltip, labelled, so nobody
    // reads it as the date of a study.
    auto patientRow = row(label, {}, {}, {});
    patientRow[kName]->setToolTip(tooltip({{tr("Patient"), displayPersonName(patient.name)},
                                           {tr("Patient ID"), str(patient.patientId)},
                                           {tr("Birth date"), displayDate(patient.birthDate)},
                                           {tr("Sex"), str(patient.sex)}}));
    setIdentity(patientRow[kName], kPatient, patient.id,
                searchText({displayPersonName(patient.name), str(patient.name),
                            str(patient.patientId)}));
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
        seriesRow[kName]->setToolTip(
            tooltip({{tr("Series"), seriesLabel},
                     {tr("Modality"), str(series.modality)},
                     {tr("Body part"), str(series.bodyPart)},
                     {tr("Date"), displayDate(date)},
                     {tr("Images"), imagesLabel(series)},
                     {tr("Series Instance UID"), str(series.seriesInstanceUid)}}));
        setIdentity(seriesRow[kName], kSeries, series.id,
                    searchText({seriesLabel, str(series.modality), str(series.bodyPart),
                                displayDate(date), str(date)}));
        studyRow[kName]->appendRow(seriesRow);
        studyImages += series.instanceCount;
        if (!modalities.contains(str(series.modality))) {
          modalities << str(series.modality);
        }
      }
      studyRow[kModality]->setText(modalities.join('/'));
      studyRow[kImages]->setText(QString::number(studyImages));
      const int seriesCount = static_cast<int>(study.series.size());
      // What a reader recognises a study by first; the UID last, for the one who needs it.
      studyRow[kName]->setToolTip(
          tooltip({{tr("Study"), studyLabel},
                   {tr("Date"), displayDate(study.studyDate)},
                   {tr("Accession number"), str(study.accessionNumber)},
                   {tr("Series"), QString::number(seriesCount)},
                   {tr("Modalities"), modalities.join('/')},
                   {tr("Study Instance UID"), str(study.studyInstanceUid)}}));
      setIdentity(studyRow[kName], kStudy, study.id,
                  searchText({studyLabel, modalities.join(' '), displayDate(study.studyDate),
                              str(study.studyDate), str(study.accessionNumber)}));
      studyRow[kName]->setData(str(study.studyInstanceUid), kStudyUidRole);
      applyStudyLabel(studyRow[kName]);
      patientImages += studyImages;
      patientRow[kName]->appendRow(studyRow);
    }
    patientRow[kImages]->setText(QString::number(patientImages));
    appendRow(patientRow);
  }
  emit contentsChanged();
}

void StudyTreeModel::setStudyLabels(const QHash<QString, QString>& labelsByStudyUid) {
  labels_ = labelsByStudyUid;
  for (int p = 0; p < rowCount(); ++p) {
    QStandardItem* patient = item(p, kName);
    for (int s = 0; s < patient->rowCount(); ++s) applyStudyLabel(patient->child(s, kName));
  }
  emit contentsChanged();
}

void StudyTreeModel::applyStudyLabel(QStandardItem* studyName) {
  const QString plain = studyName->data(kPlainNameRole).toString();
  const QString label = labels_.value(studyName->data(kStudyUidRole).toString()).trimmed();
  studyName->setText(label.isEmpty() ? plain : QStringLiteral("%1  —  %2").arg(plain, label));
  const QString base = studyName->data(kBaseSearchRole).toString();
  studyName->setData(label.isEmpty() ? base : base + ' ' + label.toLower(), kSearchTextRole);
}

void StudyTreeModel::setThumbnails(SeriesThumbnails* thumbnails) {
  if (thumbnails_) disconnect(thumbnails_, nullptr, this, nullptr);
  thumbnails_ = thumbnails;
  if (thumbnails_) {
    placeholder_ = QPixmap(SeriesThumbnails::kSizePx, SeriesThumbnails::kSizePx);
    placeholder_.fill(Qt::transparent);
    connect(thumbnails_, &SeriesThumbnails::ready, this, [this](qint64 seriesId) {
      const QModelIndex index = seriesIndex(seriesId);
      if (index.isValid()) emit dataChanged(index, index, {Qt::DecorationRole});
    });
  }
}

QVariant StudyTreeModel::data(const QModelIndex& index, int role) const {
  if (role == Qt::DecorationRole && thumbnails_ && index.column() == kName) {
    const QVariant id = QStandardItemModel::data(index, kSeriesIdRole);
    if (id.isValid()) {
      const qint64 seriesId = id.toLongLong();
      const QPixmap picture = thumbnails_->thumbnail(seriesId);
      if (!picture.isNull()) return picture;
      if (thumbnails_->failed(seriesId)) return {};
      // Rendering: an empty square of the same size keeps the row from jumping when it arrives.
      return placeholder_;
    }
  }
  return QStandardItemModel::data(index, role);
}

QModelIndex StudyTreeModel::seriesIndex(qint64 seriesId) const {
  const QModelIndexList hits =
      match(index(0, kName), kSeriesIdRole, QVariant::fromValue<qlonglong>(seriesId), 1,
            Qt::MatchExactly | Qt::MatchRecursive);
  return hits.isEmpty() ? QModelIndex() : hits.front();
}

QStringList StudyTreeModel::mimeTypes() const {
  return {"application/x-nbra-series-id", "application/x-nbra-study-uid"};
}

// A series goes onto a view (its id) or into a timepoint's studies (its study); a study row only
// into a timepoint's studies.
QMimeData* StudyTreeModel::mimeData(const QModelIndexList& indexes) const {
  for (const QModelIndex& index : indexes) {
    const QModelIndex name = index.siblingAtColumn(kName);
    const QVariant id = name.data(kSeriesIdRole);
    const QVariant study = name.data(kStudyUidRole);
    if (!id.isValid() && !study.isValid()) {
      continue;
    }
    auto* data = new QMimeData;
    if (id.isValid()) data->setData("application/x-nbra-series-id", QByteArray::number(id.toLongLong()));
    if (study.isValid()) data->setData("application/x-nbra-study-uid", study.toString().toUtf8());
    return data;
  }
  return nullptr;
}

}  // namespace nbra::viewer
