#pragma once

#include <QListWidget>
#include <functional>
#include <optional>

#include "workflow/subjects/LinkedStudies.h"

namespace nbra::viewer::session {

// The studies of a timepoint being added: a list that takes series or studies dragged from the
// study browser (each becomes its study, once) and shows each study in words, never as a UID.
class StudyDropList : public QListWidget {
  Q_OBJECT
 public:
  using SeriesLookup = std::function<std::optional<workflow::LinkedStudy>(qint64 seriesId)>;
  using StudyLookup = std::function<std::optional<workflow::LinkedStudy>(const QString& uid)>;

  StudyDropList(SeriesLookup bySeries, StudyLookup byUid, QWidget* parent = nullptr);
  // Adds a study unless listed already; false when it was.
  bool addStudy(const workflow::LinkedStudy& study);
  std::vector<workflow::LinkedStudy> studies() const;
  // What the list does with the browser's drag data; false when nothing in it was a study.
  bool acceptMime(const QMimeData* mime);

 signals:
  void studiesChanged();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  SeriesLookup bySeries_;
  StudyLookup byUid_;
  std::vector<workflow::LinkedStudy> studies_;
};

}  // namespace nbra::viewer::session
