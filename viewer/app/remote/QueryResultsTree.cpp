#include "viewer/app/remote/QueryResultsTree.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QStringList>
#include <algorithm>
#include <array>
#include <map>
#include <tuple>
#include <utility>

#include "viewer/app/browser/DicomText.h"
#include "viewer/app/remote/QueryRetrieveSupport.h"

namespace nbra::viewer {
namespace {

using dicom::net::QueryMatch;
using qr::counted;
using qr::str;
using RowKind = QueryResultsTree::RowKind;

// Set when the series of a study are being listed: a second expand does not ask again.
constexpr int kListingRole = Qt::UserRole + 10;

QString countText(int n) {
  return n < 0 ? QString() : QString::number(n);
}

QList<QStandardItem*> makeRow(RowKind kind,
                              const std::array<QString, QueryResultsTree::kColumnCount>& text) {
  QList<QStandardItem*> items;
  for (const QString& t : text) {
    auto* item = new QStandardItem(t);
    item->setEditable(false);
    item->setData(static_cast<int>(kind), QueryResultsTree::kKindRole);
    items.append(item);
  }
  items[QueryResultsTree::kImages]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return items;
}

RowKind kindOf(const QStandardItem* item) {
  return static_cast<RowKind>(item->data(QueryResultsTree::kKindRole).toInt());
}

QStandardItem* placeholder(const QString& text) {
  auto* item = new QStandardItem(text);
  item->setEditable(false);
  item->setSelectable(false);
  item->setData(static_cast<int>(RowKind::Placeholder), QueryResultsTree::kKindRole);
  QFont font = item->font();
  font.setItalic(true);
  item->setFont(font);
  return item;
}

}  // namespace

QueryResultsTree::QueryResultsTree(QWidget* parent) : QTreeView(parent) {
  results_ = new QStandardItemModel(this);
  results_->setHorizontalHeaderLabels({tr("Patient / study / series"), tr("Date"), tr("Modality"),
                                       tr("Description"), tr("Images")});
  setObjectName("qrResults");
  setAccessibleName(tr("Studies found"));
  setModel(results_);
  setUniformRowHeights(true);
  setAlternatingRowColors(true);
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  QHeaderView* columns = header();
  columns->setStretchLastSection(false);
  columns->setSectionResizeMode(kName, QHeaderView::Interactive);
  columns->setSectionResizeMode(kDate, QHeaderView::ResizeToContents);
  columns->setSectionResizeMode(kModality, QHeaderView::ResizeToContents);
  columns->setSectionResizeMode(kDescription, QHeaderView::Stretch);
  columns->setSectionResizeMode(kImages, QHeaderView::ResizeToContents);
  setColumnWidth(kName, fontMetrics().horizontalAdvance("M") * 26);
  connect(this, &QTreeView::expanded, this, &QueryResultsTree::onExpanded);
}

void QueryResultsTree::keyPressEvent(QKeyEvent* event) {
  // Enter searching again would replace the results the reader is going through.
  if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
    const QModelIndex current = currentIndex().siblingAtColumn(kName);
    if (current.isValid())
      setExpanded(current, !isExpanded(current));
    event->accept();
    return;
  }
  QTreeView::keyPressEvent(event);
}

int QueryResultsTree::showMatches(const std::vector<QueryMatch>& matches) {
  results_->removeRows(0, results_->rowCount());
  std::map<std::pair<QString, QString>, std::vector<const QueryMatch*>> patients;
  for (const QueryMatch& m : matches) {
    patients[{displayPersonName(m.patientName), str(m.patientId)}].push_back(&m);
  }
  for (auto& [key, studies] : patients) {
    std::sort(studies.begin(), studies.end(), [](const QueryMatch* a, const QueryMatch* b) {
      return std::tie(a->studyDate, a->studyTime) > std::tie(b->studyDate, b->studyTime);
    });
    const QString born = studies.front()->patientBirthDate.empty()
                             ? QString()
                             : tr("born %1").arg(displayDate(studies.front()->patientBirthDate));
    QString label = key.first;
    if (!key.second.isEmpty())
      label += QStringLiteral("  [%1]").arg(key.second);
    auto patient = makeRow(
        RowKind::Patient,
        {label, born, {}, counted(static_cast<qint64>(studies.size()), "study", "studies"), {}});
    patient[kName]->setToolTip(tr("%1\nPatient ID: %2").arg(key.first, key.second));
    QStringList modalities;
    int images = 0;
    for (const QueryMatch* s : studies) {
      const QString inStudy = str(s->modalitiesInStudy).split('\\', Qt::SkipEmptyParts).join('/');
      for (const QString& m : inStudy.split('/', Qt::SkipEmptyParts))
        if (!modalities.contains(m))
          modalities << m;
      images =
          (images < 0 || s->studyRelatedInstances < 0) ? -1 : images + s->studyRelatedInstances;
      const QString name = s->accessionNumber.empty()
                               ? tr("Study")
                               : tr("Accession %1").arg(str(s->accessionNumber));
      const QString description =
          s->studyDescription.empty() ? tr("(no description)") : str(s->studyDescription);
      auto study = makeRow(RowKind::Study, {name, displayDate(s->studyDate), inStudy, description,
                                            countText(s->studyRelatedInstances)});
      for (QStandardItem* item : study) {
        item->setData(str(s->studyInstanceUid), kStudyUidRole);
        item->setData(s->studyRelatedInstances, kInstancesRole);
      }
      study[kName]->setToolTip(tr("Study Instance UID %1").arg(str(s->studyInstanceUid)));
      if (s->studyRelatedSeries >= 0)
        study[kImages]->setToolTip(counted(s->studyRelatedSeries, "series", "series"));
      study[kName]->appendRow(placeholder(tr("expand to list the series")));
      patient[kName]->appendRow(study);
    }
    patient[kModality]->setText(modalities.join('/'));
    patient[kImages]->setText(countText(images));
    patient[kName]->setData(images, kInstancesRole);
    results_->appendRow(patient);
  }
  expandToDepth(0);
  // The patient is named in full: the first column is as wide as its longest name, but leaves
  // the description a third of the view.
  resizeColumnToContents(kName);
  const int roomForName = viewport()->width() * 2 / 3 - columnWidth(kDate) -
                          columnWidth(kModality) - columnWidth(kImages);
  const int least = fontMetrics().horizontalAdvance("M") * 20;
  setColumnWidth(kName, std::clamp(columnWidth(kName), least, std::max(roomForName, least)));
  return static_cast<int>(patients.size());
}

QStandardItem* QueryResultsTree::findStudy(const QString& studyUid) const {
  for (int p = 0; p < results_->rowCount(); ++p) {
    QStandardItem* patient = results_->item(p, kName);
    for (int s = 0; s < patient->rowCount(); ++s) {
      QStandardItem* study = patient->child(s, kName);
      if (study->data(kStudyUidRole).toString() == studyUid)
        return study;
    }
  }
  return nullptr;
}

void QueryResultsTree::onExpanded(const QModelIndex& index) {
  QStandardItem* item = results_->itemFromIndex(index.siblingAtColumn(kName));
  if (!item || kindOf(item) != RowKind::Study || item->rowCount() != 1)
    return;
  // Only a study whose one child is still the placeholder (never listed, or failed) asks.
  if (kindOf(item->child(0)) != RowKind::Placeholder || item->data(kListingRole).toBool())
    return;
  item->setData(true, kListingRole);
  item->child(0)->setText(tr("listing the series…"));
  emit seriesWanted(item->data(kStudyUidRole).toString());
}

bool QueryResultsTree::showSeries(const QString& studyUid, const std::vector<QueryMatch>& series,
                                  const QString& error) {
  QStandardItem* study = findStudy(studyUid);
  if (!study)
    return false;
  study->setData(false, kListingRole);
  if (!error.isEmpty()) {
    study->child(0)->setText(tr("the series could not be listed; collapse and expand to retry"));
    return true;
  }
  std::vector<const QueryMatch*> sorted;
  for (const QueryMatch& m : series)
    sorted.push_back(&m);
  std::sort(sorted.begin(), sorted.end(), [](const QueryMatch* a, const QueryMatch* b) {
    return a->seriesNumber.size() != b->seriesNumber.size()
               ? a->seriesNumber.size() < b->seriesNumber.size()
               : a->seriesNumber < b->seriesNumber;
  });
  study->removeRows(0, study->rowCount());
  if (sorted.empty()) {
    study->appendRow(placeholder(tr("the archive lists no series in this study")));
    return true;
  }
  const QString date =
      study->parent() ? study->parent()->child(study->row(), kDate)->text() : QString();
  for (const QueryMatch* s : sorted) {
    const QString name =
        s->seriesNumber.empty() ? tr("Series") : tr("Series %1").arg(str(s->seriesNumber));
    auto row = makeRow(RowKind::Series, {name, date, str(s->modality),
                                         s->seriesDescription.empty() ? tr("(no description)")
                                                                      : str(s->seriesDescription),
                                         countText(s->seriesRelatedInstances)});
    for (QStandardItem* item : row) {
      item->setData(studyUid, kStudyUidRole);
      item->setData(str(s->seriesInstanceUid), kSeriesUidRole);
      item->setData(s->seriesRelatedInstances, kInstancesRole);
    }
    row[kName]->setToolTip(tr("Series Instance UID %1").arg(str(s->seriesInstanceUid)));
    study->appendRow(row);
  }
  return true;
}

std::vector<dicom::net::RetrieveTarget> QueryResultsTree::selectedTargets(qint64* instances,
                                                                          QString* what) const {
  std::vector<dicom::net::RetrieveTarget> targets;
  qint64 total = 0;
  int studies = 0, series = 0;
  QStringList patients;
  const QStandardItem* patient = nullptr;
  auto add = [&](const QStandardItem* item, bool wholeStudy) {
    if (!patients.contains(patient->text()))
      patients << patient->text();
    dicom::net::RetrieveTarget t;
    t.studyInstanceUid = item->data(kStudyUidRole).toString().toStdString();
    if (!wholeStudy)
      t.seriesInstanceUid = item->data(kSeriesUidRole).toString().toStdString();
    targets.push_back(std::move(t));
    const int n = item->data(kInstancesRole).toInt();
    total = (total < 0 || n < 0) ? -1 : total + n;
    ++(wholeStudy ? studies : series);
  };
  const QItemSelectionModel* selected = selectionModel();
  for (int p = 0; p < results_->rowCount(); ++p) {
    patient = results_->item(p, kName);
    const bool wholePatient = selected->isSelected(patient->index());
    for (int s = 0; s < patient->rowCount(); ++s) {
      QStandardItem* study = patient->child(s, kName);
      if (wholePatient || selected->isSelected(study->index())) {
        add(study, true);
        continue;
      }
      for (int r = 0; r < study->rowCount(); ++r) {
        QStandardItem* row = study->child(r, kName);
        if (kindOf(row) == RowKind::Series && selected->isSelected(row->index()))
          add(row, false);
      }
    }
  }
  if (instances)
    *instances = total;
  if (what) {
    QStringList parts;
    if (studies > 0)
      parts << counted(studies, "study", "studies");
    if (series > 0)
      parts << counted(series, "series", "series");
    // Whose images: a retrieve for the wrong patient is the mistake to make impossible to miss.
    *what = tr("%1 of %2")
                .arg(parts.join(tr(" and ")),
                     patients.size() == 1 ? patients.front()
                                          : counted(patients.size(), "patient", "patients"));
  }
  return targets;
}

}  // namespace nbra::viewer
