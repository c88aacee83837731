#pragma once

#include <QWidget>

class QLineEdit;
class QMenu;
class QTreeView;

namespace nbra::viewer {

class StudyTreeModel;

// The study browser: a filter box above the patient / study / series tree.
//
// The filter hides rows in the view rather than putting a proxy model between them: the tree's
// indexes stay the StudyTreeModel's, so everything that selects, opens or drags rows by model
// index keeps working unchanged.
class StudyBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit StudyBrowser(StudyTreeModel* model, QWidget* parent = nullptr);

  QTreeView* tree() const { return tree_; }
  QLineEdit* filterBox() const { return filter_; }
  StudyTreeModel* model() const { return model_; }

  // Shows the rows whose patient name, patient ID, study description, modality, date, accession
  // number or timepoint label contain every word of `text` (case-insensitive), with the parents
  // that lead to them and the rows below them. Empty shows everything.
  void setFilterText(const QString& text);
  // Rows the filter leaves visible (for tests and the status line).
  bool isRowShown(const QModelIndex& index) const;

  // The context menu of a row (owned by the caller): "Remove from index…" for patients, studies
  // and series. Null for no row.
  QMenu* contextMenuFor(const QModelIndex& index);
  // Asks to confirm, saying the files on disk stay, then emits removeRequested. Returns whether
  // it was confirmed.
  bool confirmRemoval(const QModelIndex& index);

 signals:
  // The user confirmed forgetting this row's patient, study or series (StudyTreeModel::Level and
  // the index id): the owner of the image index removes it and refreshes the model.
  void removeRequested(int level, qint64 id);

 private:
  void applyFilter();
  bool filterRows(const QModelIndex& parent, const QString& ancestorsText);

  StudyTreeModel* model_;
  QLineEdit* filter_;
  QTreeView* tree_;
  QStringList terms_;
};

}  // namespace nbra::viewer
