#pragma once

// Finding a row of the study browser (in the tree's own model, filtered or not) the way a person
// looks for it: by what it shows. Header-only test support for the GUI tests.

#include <QAbstractItemModel>
#include <functional>

namespace nbra::viewer::testing {

// The first row, depth first, for which `match` holds; invalid when there is none.
inline QModelIndex findRow(QAbstractItemModel* model,
                           const std::function<bool(const QModelIndex&)>& match,
                           const QModelIndex& parent = {}) {
  for (int r = 0; r < model->rowCount(parent); ++r) {
    const QModelIndex i = model->index(r, 0, parent);
    if (match(i)) return i;
    const QModelIndex below = findRow(model, match, i);
    if (below.isValid()) return below;
  }
  return {};
}

}  // namespace nbra::viewer::testing
