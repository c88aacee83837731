#include "viewer/app/measure/MeasurementSet.h"

#include <algorithm>

#include "viewer/app/roi/RoiGeometry.h"

namespace nbra::viewer {

void MeasurementSet::record(bool continuing) {
  if (continuing && !undo_.empty())
    return;  // part of the step already recorded
  undo_.push_back({items_, nextId_});
  redo_.clear();
}

Measurement* MeasurementSet::findMutable(int id) {
  const auto it =
      std::find_if(items_.begin(), items_.end(), [id](const Measurement& m) { return m.id == id; });
  return it == items_.end() ? nullptr : &*it;
}

const Measurement* MeasurementSet::find(int id) const {
  const auto it =
      std::find_if(items_.begin(), items_.end(), [id](const Measurement& m) { return m.id == id; });
  return it == items_.end() ? nullptr : &*it;
}

int MeasurementSet::add(Measurement m) {
  record(false);
  m.id = nextId_++;
  items_.push_back(m);
  return m.id;
}

bool MeasurementSet::movePoint(int id, Handle handle, const Vec3& mm, bool continuing) {
  Measurement* m = findMutable(id);
  if (!m)
    return false;
  record(continuing);
  if (m->kind == MeasurementKind::Roi)  // ROI (H5): viewer/app/roi/RoiGeometry.h
    return moveRoiHandle(*m, handle, mm);
  if (m->kind == MeasurementKind::Point) {
    m->longStartMm = mm;
    m->longEndMm = mm;
    return true;
  }
  // A mark stays in the plane it was drawn on: a point moved from a neighbouring slice (within
  // half a slice) must not tilt the line and add its offset to the length.
  const Vec3 ref = handle == Handle::LongStart ? m->longEndMm : m->longStartMm;
  const Vec3& n = m->planeNormal;
  const double off = (mm[0] - ref[0]) * n[0] + (mm[1] - ref[1]) * n[1] + (mm[2] - ref[2]) * n[2];
  const Vec3 inPlane{mm[0] - n[0] * off, mm[1] - n[1] * off, mm[2] - n[2] * off};
  if (handle == Handle::ShortStart || handle == Handle::ShortEnd) {
    if (m->kind != MeasurementKind::Bidirectional || !m->hasShortAxis)
      return false;
    const Vec3 fixed =
        m->point(handle == Handle::ShortStart ? Handle::ShortEnd : Handle::ShortStart);
    m->setPoint(handle, constrainToPerpendicular(*m, fixed, inPlane));
    return true;
  }
  m->setPoint(handle, inPlane);
  if (distanceMm(m->longStartMm, m->longEndMm) > 0)
    restorePerpendicular(*m);
  return true;
}

bool MeasurementSet::setLymphNode(int id, bool isNode) {
  Measurement* m = findMutable(id);
  if (!m || m->isLymphNode == isNode)
    return false;
  record(false);
  m->isLymphNode = isNode;
  return true;
}

bool MeasurementSet::startShortAxis(int id, const Vec3& mm, bool continuing) {
  Measurement* m = findMutable(id);
  if (!m || m->kind != MeasurementKind::Bidirectional || longAxisMm(*m) <= 0)
    return false;
  record(continuing);
  m->hasShortAxis = true;
  m->shortStartMm = mm;
  m->shortEndMm = mm;
  return true;
}

bool MeasurementSet::remove(int id) {
  if (!find(id))
    return false;
  record(false);
  std::erase_if(items_, [id](const Measurement& m) { return m.id == id; });
  return true;
}

void MeasurementSet::discardLastStep() {
  if (undo_.empty())
    return;
  items_ = undo_.back().items;
  nextId_ = undo_.back().nextId;
  undo_.pop_back();
}

bool MeasurementSet::undo() {
  if (undo_.empty())
    return false;
  redo_.push_back({items_, nextId_});
  items_ = undo_.back().items;
  nextId_ = undo_.back().nextId;
  undo_.pop_back();
  return true;
}

bool MeasurementSet::redo() {
  if (redo_.empty())
    return false;
  undo_.push_back({items_, nextId_});
  items_ = redo_.back().items;
  nextId_ = redo_.back().nextId;
  redo_.pop_back();
  return true;
}

void MeasurementSet::clear() {
  items_.clear();
  undo_.clear();
  redo_.clear();
  nextId_ = 1;
}

void MeasurementSet::restore(std::vector<Measurement> items) {
  items_ = std::move(items);
  nextId_ = 1;
  for (const Measurement& m : items_) nextId_ = std::max(nextId_, m.id + 1);
  undo_.clear();
  redo_.clear();
}

}  // namespace nbra::viewer
