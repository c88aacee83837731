#pragma once

#include <optional>
#include <vector>

#include "viewer/app/measure/Measurement.h"

namespace nbra::viewer {

// The marks of one view, with undo and redo. Every change stores a snapshot of the whole set:
// a read holds tens of marks, so copying is cheap and undo can never get out of step with the
// data. A drag is one step: its moves after the first pass `continuing = true`.
class MeasurementSet {
 public:
  // Adds a mark (its id is assigned) and returns the id.
  int add(Measurement m);
  // Moves one point. Short axis ends stay on the perpendicular through the other end; moving a
  // long axis end turns the short axis back to perpendicular. False when there is no such mark.
  bool movePoint(int id, Handle handle, const Vec3& mm, bool continuing = false);
  // Changes a flag that alters the verdict (lymph node), undoable.
  bool setLymphNode(int id, bool isNode);
  // Starts the short axis of a bidirectional mark at `mm` (zero length until dragged).
  bool startShortAxis(int id, const Vec3& mm, bool continuing = false);
  bool remove(int id);
  // Drops the last step entirely (a click that drew nothing): it is neither kept nor redoable.
  void discardLastStep();

  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  bool undo();
  bool redo();

  const std::vector<Measurement>& all() const { return items_; }
  const Measurement* find(int id) const;
  bool empty() const { return items_.empty(); }
  void clear();
  // Replaces the marks with saved ones, ids kept (a reopened read); nothing to undo after it.
  void restore(std::vector<Measurement> items);

 private:
  struct Snapshot {
    std::vector<Measurement> items;
    int nextId = 1;
  };
  Measurement* findMutable(int id);
  void record(bool continuing);

  std::vector<Measurement> items_;
  int nextId_ = 1;
  std::vector<Snapshot> undo_, redo_;
};

}  // namespace nbra::viewer
