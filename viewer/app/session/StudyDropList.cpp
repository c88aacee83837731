#include "viewer/app/session/StudyDropList.h"

#include <QDragEnterEvent>
#include <QMimeData>

namespace nbra::viewer::session {

namespace {
constexpr const char* kSeriesMime = "application/x-nbra-series-id";
constexpr const char* kStudyMime = "application/x-nbra-study-uid";
}  // namespace

StudyDropList::StudyDropList(SeriesLookup bySeries, StudyLookup byUid, QWidget* parent)
    : QListWidget(parent), bySeries_(std::move(bySeries)), byUid_(std::move(byUid)) {
  setObjectName("timepointStudies");
  setAcceptDrops(true);
  setDropIndicatorShown(true);
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  setToolTip(tr("Drag a study or one of its series here from the study browser"));
}

bool StudyDropList::addStudy(const workflow::LinkedStudy& study) {
  for (int i = 0; i < count(); ++i) {
    if (item(i)->data(Qt::UserRole).toString() == study.studyUid)
      return false;
  }
  studies_.push_back(study);  // looked up by the rows, which the user may remove
  auto* item = new QListWidgetItem(workflow::studyCaption(study), this);
  QString name = study.patientName;
  name.replace('^', ' ');
  item->setToolTip(
      tr("Patient %1 %2\nStudy Instance UID %3").arg(study.patientId, name, study.studyUid));
  item->setData(Qt::UserRole, study.studyUid);
  emit studiesChanged();
  return true;
}

std::vector<workflow::LinkedStudy> StudyDropList::studies() const {
  // The rows as they are now (the user may have removed some).
  std::vector<workflow::LinkedStudy> out;
  for (int i = 0; i < count(); ++i) {
    const QString uid = item(i)->data(Qt::UserRole).toString();
    for (const workflow::LinkedStudy& s : studies_) {
      if (s.studyUid == uid)
        out.push_back(s);
    }
  }
  return out;
}

bool StudyDropList::acceptMime(const QMimeData* mime) {
  if (!mime)
    return false;
  std::optional<workflow::LinkedStudy> study;
  if (mime->hasFormat(kStudyMime)) {
    study = byUid_(QString::fromUtf8(mime->data(kStudyMime)));
  } else if (mime->hasFormat(kSeriesMime)) {
    bool ok = false;
    const qint64 id = mime->data(kSeriesMime).toLongLong(&ok);
    if (ok)
      study = bySeries_(id);
  }
  if (!study)
    return false;
  addStudy(*study);
  return true;
}

void StudyDropList::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kSeriesMime) || event->mimeData()->hasFormat(kStudyMime)) {
    event->acceptProposedAction();
  }
}

void StudyDropList::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(kSeriesMime) || event->mimeData()->hasFormat(kStudyMime)) {
    event->acceptProposedAction();
  }
}

void StudyDropList::dropEvent(QDropEvent* event) {
  if (acceptMime(event->mimeData()))
    event->acceptProposedAction();
}

}  // namespace nbra::viewer::session
