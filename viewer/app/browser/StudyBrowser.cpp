#include "viewer/app/browser/StudyBrowser.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QTreeView>
#include <QVBoxLayout>
#include <memory>

#include "viewer/app/browser/SeriesThumbnails.h"
#include "viewer/app/browser/StudyTreeModel.h"

namespace nbra::viewer {

StudyBrowser::StudyBrowser(StudyTreeModel* model, QWidget* parent)
    : QWidget(parent), model_(model) {
  filter_ = new QLineEdit;
  filter_->setObjectName("studyFilter");
  filter_->setClearButtonEnabled(true);
  filter_->setPlaceholderText(tr("Filter: name, ID, description, modality, date, timepoint"));
  filter_->setToolTip(
      tr("Shows the patients, studies and series whose name, patient ID, description, "
         "modality, date (2026-01-15 or 20260115), accession number or timepoint label contain "
         "every word typed (upper or lower case alike)"));

  tree_ = new QTreeView;
  tree_->setObjectName("studyTree");
  tree_->setModel(model_);
  // Series rows are taller (their thumbnail): rows cannot share one height.
  tree_->setUniformRowHeights(false);
  tree_->setIconSize(QSize(SeriesThumbnails::kSizePx, SeriesThumbnails::kSizePx));
  tree_->setAlternatingRowColors(true);
  tree_->setSelectionMode(QAbstractItemView::SingleSelection);
  tree_->setTextElideMode(Qt::ElideMiddle);
  tree_->setContextMenuPolicy(Qt::CustomContextMenu);
  // The name column keeps a readable width of its own (the user may drag it); a narrow browser
  // scrolls sideways instead of cutting names to "SY…".
  QHeaderView* header = tree_->header();
  header->setStretchLastSection(false);
  header->setSectionResizeMode(StudyTreeModel::kName, QHeaderView::Interactive);
  for (int c = StudyTreeModel::kModality; c < StudyTreeModel::kColumnCount; ++c)
    header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  tree_->setColumnWidth(StudyTreeModel::kName, 260);
  tree_->setDragEnabled(true);
  tree_->setDragDropMode(QAbstractItemView::DragOnly);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(filter_);
  layout->addWidget(tree_, 1);

  connect(filter_, &QLineEdit::textChanged, this, &StudyBrowser::setFilterText);
  connect(model_, &StudyTreeModel::contentsChanged, this, &StudyBrowser::applyFilter);
  connect(tree_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
    std::unique_ptr<QMenu> menu(contextMenuFor(tree_->indexAt(at)));
    if (menu) menu->exec(tree_->viewport()->mapToGlobal(at));
  });
}

void StudyBrowser::setFilterText(const QString& text) {
  if (filter_->text() != text) {
    filter_->setText(text);  // comes back here through textChanged
    return;
  }
  terms_ = text.toLower().split(' ', Qt::SkipEmptyParts);
  applyFilter();
}

void StudyBrowser::applyFilter() {
  filterRows({}, {});
  if (terms_.isEmpty()) {
    tree_->expandToDepth(1);
  } else {
    tree_->expandAll();  // the matches may be series deep down
  }
}

bool StudyBrowser::filterRows(const QModelIndex& parent, const QString& ancestorsText) {
  bool anyShown = false;
  for (int r = 0; r < model_->rowCount(parent); ++r) {
    const QModelIndex index = model_->index(r, StudyTreeModel::kName, parent);
    // A row matches with its parents' words too: "zeta ct" finds Zeta's CT series, and every
    // row under a matching patient or study stays visible.
    const QString text = ancestorsText + ' ' + index.data(StudyTreeModel::kSearchTextRole).toString();
    bool matches = true;
    for (const QString& term : terms_) {
      if (!text.contains(term)) {
        matches = false;
        break;
      }
    }
    const bool childShown = filterRows(index, text);
    const bool shown = matches || childShown;
    tree_->setRowHidden(r, parent, !shown);
    anyShown = anyShown || shown;
  }
  return anyShown;
}

bool StudyBrowser::isRowShown(const QModelIndex& index) const {
  for (QModelIndex i = index.siblingAtColumn(0); i.isValid(); i = i.parent())
    if (tree_->isRowHidden(i.row(), i.parent())) return false;
  return index.isValid();
}

QMenu* StudyBrowser::contextMenuFor(const QModelIndex& index) {
  if (!index.isValid()) return nullptr;
  const QModelIndex name = index.siblingAtColumn(StudyTreeModel::kName);
  if (!name.data(StudyTreeModel::kLevelRole).isValid()) return nullptr;
  auto* menu = new QMenu(this);
  QAction* remove = menu->addAction(tr("Remove from index…"));
  remove->setObjectName("removeFromIndex");
  remove->setToolTip(tr("Forget these images in the browser; the files on disk are kept"));
  const QPersistentModelIndex target(name);
  connect(remove, &QAction::triggered, this, [this, target] {
    if (target.isValid()) confirmRemoval(target);
  });
  return menu;
}

bool StudyBrowser::confirmRemoval(const QModelIndex& index) {
  const QModelIndex name = index.siblingAtColumn(StudyTreeModel::kName);
  const int level = name.data(StudyTreeModel::kLevelRole).toInt();
  const qint64 id = name.data(StudyTreeModel::kEntryIdRole).toLongLong();
  const QString what = level == StudyTreeModel::kPatient ? tr("the patient %1 with all its studies")
                       : level == StudyTreeModel::kStudy ? tr("the study %1 with all its series")
                                                         : tr("the series %1");
  QMessageBox box(QMessageBox::Question, tr("Remove from index"),
                  tr("Remove %1 from the image index?")
                      .arg(what.arg(name.data(StudyTreeModel::kPlainNameRole).toString())),
                  QMessageBox::Yes | QMessageBox::Cancel, this);
  box.setObjectName("confirmRemoveFromIndex");
  box.setInformativeText(
      tr("Only the browser forgets them: the files on disk are kept, and importing their folder "
         "again brings them back. Reads and trial records are not affected."));
  box.setDefaultButton(QMessageBox::Cancel);
  if (box.exec() != QMessageBox::Yes) return false;
  emit removeRequested(level, id);
  return true;
}

}  // namespace nbra::viewer
