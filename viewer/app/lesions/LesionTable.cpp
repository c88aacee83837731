#include "viewer/app/lesions/LesionTable.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "scoring/recist/TargetSelection.h"

namespace nbra::viewer {

namespace sc = nbra::scoring;

const char* statusName(LesionStatus status) {
  switch (status) {
    case LesionStatus::Pending:
      return "to measure";
    case LesionStatus::Measured:
      return "measured";
    case LesionStatus::NotMeasurable:
      return "not measurable";
    case LesionStatus::TooSmall:
      return "too small (5 mm)";
    case LesionStatus::Resolved:
      return "resolved (0 mm)";
  }
  return "";
}

double LesionTable::thicknessOf(const TrackedLesion& l) const {
  return l.sliceThicknessMm > 0 ? l.sliceThicknessMm : sliceThicknessMm_;
}

double onTenthGrid(double mm) {
  return static_cast<double>(roundToTenths(mm)) / 10.0;
}

std::optional<std::size_t> LesionTable::rowOfMark(int markId) const {
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].markId == markId)
      return i;
  return std::nullopt;
}

std::optional<std::size_t> LesionTable::rowOf(const std::string& trackingId) const {
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].trackingId == trackingId)
      return i;
  return std::nullopt;
}

std::string LesionTable::nextTrackingId(const TrackedLesion& lesion) const {
  const char prefix = lesion.isPrimary ? 'P' : lesion.isLymphNode ? 'N' : 'L';
  for (int n = 1;; ++n) {
    const std::string id = prefix + std::to_string(n);
    if (!rowOf(id))
      return id;
  }
}

std::string LesionTable::autoIdLike(const TrackedLesion& lesion, const std::string& id) const {
  // `id` when it has the shape the table gives this kind of lesion (prefix and a number).
  const char prefix = lesion.isPrimary ? 'P' : lesion.isLymphNode ? 'N' : 'L';
  if (id.size() < 2 || id[0] != prefix)
    return {};
  for (std::size_t i = 1; i < id.size(); ++i)
    if (id[i] < '0' || id[i] > '9')
      return {};
  return id;
}

std::string LesionTable::add(TrackedLesion lesion, const MeasurementSet& marks) {
  if (lesion.trackingId.empty())
    lesion.trackingId = nextTrackingId(lesion);
  if (rowOf(lesion.trackingId))
    return "a lesion '" + lesion.trackingId + "' is already in the table: tracking ids are unique";
  if (kind_ == Kind::FollowUp) {
    // A lesion first seen on a follow-up is new; targets were chosen at baseline.
    lesion.isNew = true;
    lesion.isTarget = false;
  }
  if (lesion.markId && marks.find(*lesion.markId))
    lesion.status = LesionStatus::Measured;
  if (lesion.isTarget) {
    std::vector<TrackedLesion> candidate = rows_;
    candidate.push_back(lesion);
    if (std::string why = checkTargets(candidate, candidate.size() - 1, marks); !why.empty())
      return why;
  }
  rows_.push_back(std::move(lesion));
  return {};
}

std::string LesionTable::update(std::size_t row, const TrackedLesion& edited,
                                MeasurementSet& marks) {
  if (row >= rows_.size())
    return "no such lesion";
  const TrackedLesion old = rows_[row];  // a copy: the row is replaced below
  if (edited.trackingId != old.trackingId &&
      (edited.trackingId.empty() || rowOf(edited.trackingId)))
    return "tracking id '" + edited.trackingId + "' is empty or already used";
  if (edited.isTarget != old.isTarget ||
      (edited.isTarget && (edited.site != old.site || edited.isLymphNode != old.isLymphNode ||
                           edited.isPrimary != old.isPrimary))) {
    if (kind_ == Kind::FollowUp && edited.isTarget != old.isTarget)
      return "lesion '" + old.trackingId +
             "': targets are chosen at baseline and kept for the whole study (RECIST 1.1)";
    if (edited.isTarget) {
      std::vector<TrackedLesion> candidate = rows_;
      candidate[row] = edited;
      if (std::string why = checkTargets(candidate, row, marks); !why.empty())
        return why;
    }
  }
  rows_[row] = edited;
  // A baseline id the table chose ("L2") follows the lesion's kind when it becomes the primary
  // or a node ("P1", "N1"); an id the reader typed is kept. Follow-up ids never change.
  if (kind_ == Kind::Baseline && edited.trackingId == old.trackingId &&
      (edited.isPrimary != old.isPrimary || edited.isLymphNode != old.isLymphNode) &&
      old.trackingId == autoIdLike(old, old.trackingId)) {
    rows_[row].trackingId.clear();
    rows_[row].trackingId = nextTrackingId(rows_[row]);
  }
  if (edited.markId) {
    const Measurement* m = marks.find(*edited.markId);
    if (m && m->isLymphNode != edited.isLymphNode)
      marks.setLymphNode(m->id, edited.isLymphNode);
  }
  return {};
}

std::string LesionTable::setTarget(std::size_t row, bool target, MeasurementSet& marks) {
  if (row >= rows_.size())
    return "no such lesion";
  TrackedLesion edited = rows_[row];
  edited.isTarget = target;
  return update(row, edited, marks);
}

void LesionTable::attachMark(std::size_t row, int markId, MeasurementSet& marks,
                             double sliceThicknessMm) {
  if (row >= rows_.size())
    return;
  rows_[row].markId = markId;
  rows_[row].sliceThicknessMm = sliceThicknessMm;
  rows_[row].status = LesionStatus::Measured;
  const Measurement* m = marks.find(markId);
  if (m && m->isLymphNode != rows_[row].isLymphNode)
    marks.setLymphNode(markId, rows_[row].isLymphNode);
}

void LesionTable::setStatus(std::size_t row, LesionStatus status) {
  if (row >= rows_.size())
    return;
  // A status other than "measured" says the lesion has no usable caliper: the mark, if any,
  // stays on the image but no longer gives the size.
  rows_[row].status = status;
  if (status != LesionStatus::Measured)
    rows_[row].markId.reset();
}

void LesionTable::remove(std::size_t row) {
  if (row < rows_.size())
    rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(row));
}

void LesionTable::dropMissingMarks(const MeasurementSet& marks) {
  for (TrackedLesion& l : rows_) {
    if (l.markId && !marks.find(*l.markId)) {
      lostMarks_.emplace_back(l.trackingId, *l.markId);
      l.markId.reset();
      l.status = LesionStatus::Pending;
    }
  }
  // A redo brings a mark back with its id: its lesion takes it again if still waiting for one.
  for (auto it = lostMarks_.begin(); it != lostMarks_.end();) {
    const auto row = rowOf(it->first);
    if (!row || rowOfMark(it->second)) {
      it = lostMarks_.erase(it);  // the lesion is gone, or the mark has another lesion now
    } else if (marks.find(it->second) && !rows_[*row].markId &&
               rows_[*row].status == LesionStatus::Pending) {
      rows_[*row].markId = it->second;
      rows_[*row].status = LesionStatus::Measured;
      it = lostMarks_.erase(it);
    } else {
      ++it;
    }
  }
}

std::optional<LesionSizes> LesionTable::sizes(std::size_t row, const MeasurementSet& marks) const {
  return sizesOf(rows_.at(row), marks);
}

std::optional<LesionSizes> LesionTable::sizesOf(const TrackedLesion& l,
                                                const MeasurementSet& marks) const {
  switch (l.status) {
    case LesionStatus::TooSmall:
      return LesionSizes{5.0, l.isLymphNode ? 5.0 : 0.0, l.isLymphNode, {}};
    case LesionStatus::Resolved:
      return LesionSizes{0.0, 0.0, l.isLymphNode, {}};
    case LesionStatus::Pending:
    case LesionStatus::NotMeasurable:
      return std::nullopt;
    case LesionStatus::Measured:
      break;
  }
  const Measurement* m = l.markId ? marks.find(*l.markId) : nullptr;
  if (!m)
    return std::nullopt;
  LesionSizes s;
  s.longAxisMm = longAxisMm(*m);
  s.hasShortAxis = m->hasShortAxis;
  s.shortAxisMm = m->hasShortAxis ? shortAxisMm(*m) : 0.0;
  s.verdict = judge(*m, thicknessOf(l));
  return s;
}

sc::Lesion LesionTable::scoringLesion(const TrackedLesion& l, const LesionSizes& s) const {
  sc::Lesion out;
  out.trackingId = l.trackingId;
  out.organ = l.site;
  out.isPrimary = l.isPrimary;
  out.isLymphNode = l.isLymphNode;
  out.longAxisMm = onTenthGrid(s.longAxisMm);
  if (s.hasShortAxis || l.isLymphNode)
    out.shortAxisMm = onTenthGrid(s.shortAxisMm);
  out.sliceThicknessMm = onTenthGrid(thicknessOf(l));
  out.role = l.isTarget && !l.isPrimary ? sc::LesionRole::Target : sc::LesionRole::NonTarget;
  out.mibgAvid = l.mibgAvid;
  out.fdgAvid = l.fdgAvid;
  out.isNew = l.isNew;
  return out;
}

std::string LesionTable::checkTargets(const std::vector<TrackedLesion>& candidate, std::size_t row,
                                      const MeasurementSet& marks) const {
  const TrackedLesion& l = candidate[row];
  if (l.isPrimary)
    return "lesion '" + l.trackingId +
           "' is the primary tumour: INRC assesses it on its own, it is never a RECIST target";
  if (l.isNew)
    return "lesion '" + l.trackingId + "' is new on this follow-up: targets are chosen at baseline";
  if (!sizesOf(l, marks))
    return "lesion '" + l.trackingId +
           "' has no measurement yet: measure it before making it a target";
  // The rules engine judges the selection; a change is refused when it adds a problem.
  auto toLesions = [&](const std::vector<TrackedLesion>& rows) {
    std::vector<sc::Lesion> out;
    for (const TrackedLesion& r : rows)
      out.push_back(scoringLesion(r, sizesOf(r, marks).value_or(LesionSizes{})));
    return out;
  };
  std::set<std::string> before;
  for (const auto& p : sc::targetSelectionProblems(toLesions(rows_)))
    before.insert(p.message);
  for (const auto& p : sc::targetSelectionProblems(toLesions(candidate))) {
    if (!before.count(p.message))
      return "refused: " + p.message;
  }
  return {};
}

std::optional<std::vector<sc::Lesion>> LesionTable::toScoring(const MeasurementSet& marks,
                                                              std::string& whyNot) const {
  std::vector<sc::Lesion> out;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const auto s = sizes(i, marks);
    if (!s) {
      whyNot = "lesion '" + rows_[i].trackingId + "' is " + statusName(rows_[i].status) +
               ": the sums cannot be computed without it";
      return std::nullopt;
    }
    out.push_back(scoringLesion(rows_[i], *s));
  }
  return out;
}

}  // namespace nbra::viewer
