#include "viewer/app/mibg/MibgScoringModel.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

#include "scoring/curie/CurieSegment.h"
#include "scoring/mibg/RelativeScore.h"
#include "scoring/siopen/SiopenScore.h"

namespace nbra::viewer::mibg {

using nbra::dicom::atlas::AtlasScale;
namespace sc = nbra::scoring;

namespace {

std::size_t at(PlanarSide side) {
  return static_cast<std::size_t>(side);
}

QJsonArray point(const QPointF& p) {
  return QJsonArray{p.x(), p.y()};
}

std::optional<QPointF> readPoint(const QJsonValue& v) {
  const QJsonArray a = v.toArray();
  if (a.size() != 2 || !a[0].isDouble() || !a[1].isDouble()) {
    return std::nullopt;
  }
  return QPointF(a[0].toDouble(), a[1].toDouble());
}

}  // namespace

sc::SiopenDiffuseExtent siopenExtent(int grade) {
  switch (grade) {
    case 4:
      return sc::SiopenDiffuseExtent::UnderHalf;
    case 5:
      return sc::SiopenDiffuseExtent::HalfTo95Percent;
    case 6:
      return sc::SiopenDiffuseExtent::EntireBone;
    default:
      return sc::SiopenDiffuseExtent::None;
  }
}

QString RelativeScore::text() const {
  if (!defined) {
    return baseline == 0 ? QStringLiteral("baseline score 0: not defined")
                         : QStringLiteral("no baseline read");
  }
  QString verdict = atMostHalf           ? QStringLiteral("at most 0.5")
                    : atLeastOnePointTwo ? QStringLiteral("at least 1.2")
                                         : QStringLiteral("between 0.5 and 1.2");
  return QStringLiteral("%1 / %2 = %3 (%4)")
      .arg(followUp)
      .arg(baseline)
      .arg(static_cast<double>(followUp) / baseline, 0, 'f', 2)
      .arg(verdict);
}

void MibgScoringModel::setViews(const nbra::dicom::PlanarImage& anterior,
                                const nbra::dicom::PlanarImage& posterior) {
  width_ = anterior.width;
  columnSpacingMm_ = anterior.columnSpacingMm > 0 ? anterior.columnSpacingMm : 1.0;
  landmarks_[at(PlanarSide::Anterior)] = nbra::dicom::atlas::fitLandmarks(anterior, true);
  landmarks_[at(PlanarSide::Posterior)] = nbra::dicom::atlas::fitLandmarks(posterior, false);
  fitted_ = landmarks_;
  for (MibgMark& m : marks_) {
    assignFromAtlas(m);
  }
}

void MibgScoringModel::resetLandmarks() {
  landmarks_ = fitted_;
  for (MibgMark& m : marks_) {
    assignFromAtlas(m);
  }
}

std::optional<int> MibgScoringModel::segmentAt(PlanarSide side,
                                               nbra::dicom::atlas::AtlasScale scale,
                                               QPointF p) const {
  return nbra::dicom::atlas::segmentAt(landmarks_[at(side)], scale, p.x(), p.y());
}

void MibgScoringModel::moveLandmark(PlanarSide side, nbra::dicom::atlas::LandmarkId id, double x,
                                    double y) {
  nbra::dicom::atlas::moveLandmark(landmarks_[at(side)], id, x, y);
  for (MibgMark& m : marks_) {
    assignFromAtlas(m);
  }
}

std::optional<QPointF> MibgScoringModel::anyPoint(const MibgMark& m, PlanarSide& side) const {
  if (m.anterior) {
    side = PlanarSide::Anterior;
    return m.anterior;
  }
  if (m.posterior) {
    side = PlanarSide::Posterior;
    return m.posterior;
  }
  return std::nullopt;
}

// Segments from the atlas of the view the mark was first placed on (the anterior when both).
void MibgScoringModel::assignFromAtlas(MibgMark& m) const {
  if (m.segmentsByReader) {
    return;
  }
  if (m.softTissue) {
    m.curieSegment = kCurieSoftTissue;
    m.siopenSegment = -1;
    return;
  }
  PlanarSide side = PlanarSide::Anterior;
  const auto p = anyPoint(m, side);
  if (!p) {
    return;
  }
  const auto& l = landmarks_[at(side)];
  m.curieSegment = nbra::dicom::atlas::segmentAt(l, AtlasScale::Curie, p->x(), p->y()).value_or(-1);
  m.siopenSegment =
      nbra::dicom::atlas::segmentAt(l, AtlasScale::Siopen, p->x(), p->y()).value_or(-1);
  // No bone segment under the click: the focus is outside the skeleton, i.e. soft tissue.
  if (m.curieSegment < 0) {
    m.curieSegment = kCurieSoftTissue;
    m.siopenSegment = -1;
  }
}

int MibgScoringModel::placeMark(PlanarSide side, QPointF p, bool softTissue) {
  // Join: a mark seen only on the other view, near this point's mirrored position.
  const double joinPx = kJoinRadiusMm / columnSpacingMm_;
  const QPointF mirrored(width_ - 1 - p.x(), p.y());
  MibgMark* best = nullptr;
  double bestDistance = joinPx;
  for (MibgMark& m : marks_) {
    const auto& mine = side == PlanarSide::Anterior ? m.anterior : m.posterior;
    const auto& theirs = side == PlanarSide::Anterior ? m.posterior : m.anterior;
    if (mine || !theirs || m.softTissue != softTissue) {
      continue;
    }
    const double d = std::hypot(theirs->x() - mirrored.x(), theirs->y() - mirrored.y());
    if (d <= bestDistance) {
      bestDistance = d;
      best = &m;
    }
  }
  if (best) {
    (side == PlanarSide::Anterior ? best->anterior : best->posterior) = p;
    return best->id;
  }
  MibgMark m;
  m.id = nextId_++;
  (side == PlanarSide::Anterior ? m.anterior : m.posterior) = p;
  m.softTissue = softTissue;
  assignFromAtlas(m);
  marks_.push_back(m);
  return m.id;
}

std::optional<int> MibgScoringModel::markAt(PlanarSide side, QPointF p) const {
  const double pickPx = kPickRadiusMm / columnSpacingMm_;
  std::optional<int> best;
  double bestDistance = pickPx;
  for (const MibgMark& m : marks_) {
    const auto& q = side == PlanarSide::Anterior ? m.anterior : m.posterior;
    if (!q) {
      continue;
    }
    const double d = std::hypot(q->x() - p.x(), q->y() - p.y());
    if (d <= bestDistance) {
      bestDistance = d;
      best = m.id;
    }
  }
  return best;
}

const MibgMark* MibgScoringModel::mark(int id) const {
  for (const MibgMark& m : marks_) {
    if (m.id == id) {
      return &m;
    }
  }
  return nullptr;
}

bool MibgScoringModel::removeMark(int id) {
  const auto it =
      std::find_if(marks_.begin(), marks_.end(), [&](const MibgMark& m) { return m.id == id; });
  if (it == marks_.end()) {
    return false;
  }
  marks_.erase(it);
  return true;
}

bool MibgScoringModel::setMarkSegments(int id, int curieSegment, int siopenSegment) {
  if (curieSegment < 0 || curieSegment >= sc::kCurieSegmentCount || siopenSegment < -1 ||
      siopenSegment >= sc::kSiopenSegmentCount) {
    return false;
  }
  for (MibgMark& m : marks_) {
    if (m.id == id) {
      m.curieSegment = curieSegment;
      m.softTissue = curieSegment == kCurieSoftTissue;
      m.siopenSegment = m.softTissue ? -1 : siopenSegment;
      m.primary = m.primary && m.softTissue;
      m.segmentsByReader = true;
      return true;
    }
  }
  return false;
}

bool MibgScoringModel::setMarkSoftTissue(int id, bool softTissue) {
  for (MibgMark& m : marks_) {
    if (m.id == id) {
      m.softTissue = softTissue;
      m.segmentsByReader = false;  // back to the atlas for a bone focus
      m.primary = m.primary && softTissue;
      assignFromAtlas(m);
      return true;
    }
  }
  return false;
}

bool MibgScoringModel::setMarkPrimary(int id, bool primary) {
  for (MibgMark& m : marks_) {
    if (m.id == id && (m.softTissue || !primary)) {
      m.primary = primary;
      return true;
    }
  }
  return false;
}

void MibgScoringModel::setCurieDiffuse(int segment, bool diffuse) {
  if (segment >= 0 && segment < sc::kCurieSegmentCount) {
    curieDiffuse_[static_cast<std::size_t>(segment)] = diffuse;
  }
}

void MibgScoringModel::setSiopenDiffuseGrade(int segment, int grade) {
  if (segment >= 0 && segment < sc::kSiopenSegmentCount &&
      (grade == 0 || (grade >= 4 && grade <= 6))) {
    siopenDiffuse_[static_cast<std::size_t>(segment)] = grade;
  }
}

bool MibgScoringModel::curieDiffuse(int segment) const {
  return segment >= 0 && segment < sc::kCurieSegmentCount &&
         curieDiffuse_[static_cast<std::size_t>(segment)];
}

int MibgScoringModel::siopenDiffuseGrade(int segment) const {
  return segment >= 0 && segment < sc::kSiopenSegmentCount
             ? siopenDiffuse_[static_cast<std::size_t>(segment)]
             : 0;
}

nbra::scoring::MibgReading MibgScoringModel::reading() const {
  std::array<sc::CurieSegmentEntry, sc::kCurieSegmentCount> curie{};
  std::array<int, sc::kSiopenSegmentCount> siopenMarks{};
  for (int i = 0; i < sc::kCurieSegmentCount; ++i) {
    curie[static_cast<std::size_t>(i)].lesionMarks = 0;
    curie[static_cast<std::size_t>(i)].diffuse = curieDiffuse_[static_cast<std::size_t>(i)];
  }
  for (const MibgMark& m : marks_) {
    if (m.curieSegment >= 0 && m.curieSegment < sc::kCurieSegmentCount) {
      auto& e = curie[static_cast<std::size_t>(m.curieSegment)];
      e.lesionMarks = *e.lesionMarks + 1;
      e.primaryMarks += m.primary ? 1 : 0;
    }
    if (m.siopenSegment >= 0 && m.siopenSegment < sc::kSiopenSegmentCount) {
      ++siopenMarks[static_cast<std::size_t>(m.siopenSegment)];
    }
  }
  std::array<int, sc::kSiopenSegmentCount> siopen{};
  for (std::size_t i = 0; i < siopen.size(); ++i) {
    siopen[i] = sc::siopenSegmentScoreFromMarks(siopenMarks[i], siopenExtent(siopenDiffuse_[i]));
  }
  sc::MibgReading r;
  r.curie = curie;
  r.siopen = siopen;
  return r;
}

MibgScores MibgScoringModel::scores() const {
  const sc::MibgReading r = reading();
  MibgScores s;
  s.curie = sc::curieScores(*r.curie, softTissueIncludesPrimary);
  s.siopen = *r.siopen;
  s.siopenTotal = sc::siopenTotal(s.siopen);
  for (std::size_t i = 0; i < s.curieMarks.size(); ++i) {
    s.curieMarks[i] = (*r.curie)[i].lesionMarks.value_or(0);
  }
  for (const MibgMark& m : marks_) {
    if (m.siopenSegment >= 0 && m.siopenSegment < sc::kSiopenSegmentCount) {
      ++s.siopenMarks[static_cast<std::size_t>(m.siopenSegment)];
    }
  }
  return s;
}

std::vector<nbra::records::MibgSegmentEntry> MibgScoringModel::segmentEntries() const {
  const MibgScores s = scores();
  const sc::MibgReading r = reading();
  std::vector<nbra::records::MibgSegmentEntry> out;
  for (int i = 0; i < sc::kCurieSegmentCount; ++i) {
    const auto& e = (*r.curie)[static_cast<std::size_t>(i)];
    nbra::records::MibgSegmentEntry m;
    m.scale = "curie";
    m.segment = i;
    m.marks = e.lesionMarks;
    m.diffuse = e.diffuse;
    m.primaryMarks = e.primaryMarks;
    out.push_back(m);
  }
  // SIOPEN has no rule in the record for marks, so its entries carry the derived score too.
  for (int i = 0; i < sc::kSiopenSegmentCount; ++i) {
    nbra::records::MibgSegmentEntry m;
    m.scale = "siopen";
    m.segment = i;
    m.score = s.siopen[static_cast<std::size_t>(i)];
    m.marks = s.siopenMarks[static_cast<std::size_t>(i)];
    m.diffuse = siopenDiffuse_[static_cast<std::size_t>(i)] > 0;
    out.push_back(m);
  }
  return out;
}

RelativeScore MibgScoringModel::relativeCurie() const {
  RelativeScore r;
  r.followUp = scores().curie.skeletal;
  if (!baseline_) {
    r.baseline = -1;
    return r;
  }
  r.baseline = baseline_->curie.skeletal;
  r.defined = r.baseline > 0;
  if (r.defined) {
    r.atMostHalf = sc::relativeScoreAtMostHalf(r.followUp, r.baseline);
    r.atLeastOnePointTwo = sc::relativeScoreAtLeastOnePointTwo(r.followUp, r.baseline);
  }
  return r;
}

RelativeScore MibgScoringModel::relativeSiopen() const {
  RelativeScore r;
  r.followUp = scores().siopenTotal;
  if (!baseline_) {
    r.baseline = -1;
    return r;
  }
  r.baseline = baseline_->siopenTotal;
  r.defined = r.baseline > 0;
  if (r.defined) {
    r.atMostHalf = sc::relativeScoreAtMostHalf(r.followUp, r.baseline);
    r.atLeastOnePointTwo = sc::relativeScoreAtLeastOnePointTwo(r.followUp, r.baseline);
  }
  return r;
}

QJsonObject MibgScoringModel::toJson() const {
  QJsonArray marks;
  for (const MibgMark& m : marks_) {
    QJsonObject o{{"id", m.id},
                  {"curieSegment", m.curieSegment},
                  {"siopenSegment", m.siopenSegment},
                  {"softTissue", m.softTissue},
                  {"primary", m.primary},
                  {"segmentsByReader", m.segmentsByReader}};
    if (m.anterior) {
      o["anterior"] = point(*m.anterior);
    }
    if (m.posterior) {
      o["posterior"] = point(*m.posterior);
    }
    marks.append(o);
  }
  QJsonArray curieDiffuse;
  for (bool d : curieDiffuse_) {
    curieDiffuse.append(d);
  }
  QJsonArray siopenDiffuse;
  for (int g : siopenDiffuse_) {
    siopenDiffuse.append(g);
  }
  QJsonObject landmarks;
  for (const PlanarSide side : {PlanarSide::Anterior, PlanarSide::Posterior}) {
    QJsonObject l;
    for (const std::string& key : nbra::dicom::atlas::landmarkKeys()) {
      double v = 0;
      nbra::dicom::atlas::landmarkValue(landmarks_[at(side)], key, v);
      l[QString::fromStdString(key)] = v;
    }
    landmarks[side == PlanarSide::Anterior ? "anterior" : "posterior"] = l;
  }
  const MibgScores s = scores();
  QJsonArray curieScores;
  for (int v : s.curie.segments) {
    curieScores.append(v);
  }
  QJsonArray siopenScores;
  for (int v : s.siopen) {
    siopenScores.append(v);
  }
  return QJsonObject{{"format", "nbra-mibg-scoring"},
                     {"version", 1},
                     {"marks", marks},
                     {"curieDiffuse", curieDiffuse},
                     {"siopenDiffuseGrade", siopenDiffuse},
                     {"softTissueIncludesPrimary", softTissueIncludesPrimary},
                     {"landmarks", landmarks},
                     // Derived, for readers of the stored JSON; recomputed on load.
                     {"curie", curieScores},
                     {"curieTotal", s.curie.total},
                     {"curieSkeletal", s.curie.skeletal},
                     {"siopen", siopenScores},
                     {"siopenTotal", s.siopenTotal}};
}

std::optional<QString> MibgScoringModel::fromJson(const QJsonObject& json) {
  if (json["format"].toString() != "nbra-mibg-scoring") {
    return QStringLiteral("not an MIBG scoring state (format is not nbra-mibg-scoring)");
  }
  if (json["version"].toInt() != 1) {
    return QStringLiteral("MIBG scoring state version %1 is not supported")
        .arg(json["version"].toInt());
  }
  std::vector<MibgMark> marks;
  int nextId = 1;
  for (const QJsonValue& v : json["marks"].toArray()) {
    const QJsonObject o = v.toObject();
    MibgMark m;
    m.id = o["id"].toInt();
    m.anterior = readPoint(o["anterior"]);
    m.posterior = readPoint(o["posterior"]);
    m.curieSegment = o["curieSegment"].toInt(-1);
    m.siopenSegment = o["siopenSegment"].toInt(-1);
    m.softTissue = o["softTissue"].toBool();
    m.primary = o["primary"].toBool();
    m.segmentsByReader = o["segmentsByReader"].toBool();
    if (m.id <= 0 || (!m.anterior && !m.posterior) || m.curieSegment < -1 ||
        m.curieSegment >= sc::kCurieSegmentCount || m.siopenSegment < -1 ||
        m.siopenSegment >= sc::kSiopenSegmentCount) {
      return QStringLiteral("mark %1: needs an id, a point on a view and valid segments").arg(m.id);
    }
    nextId = std::max(nextId, m.id + 1);
    marks.push_back(m);
  }
  const QJsonArray cd = json["curieDiffuse"].toArray();
  const QJsonArray sd = json["siopenDiffuseGrade"].toArray();
  if (cd.size() != sc::kCurieSegmentCount || sd.size() != sc::kSiopenSegmentCount) {
    return QStringLiteral("diffuse flags need 10 Curie and 12 SIOPEN entries");
  }
  std::array<bool, sc::kCurieSegmentCount> curieDiffuse{};
  std::array<int, sc::kSiopenSegmentCount> siopenDiffuse{};
  for (int i = 0; i < sc::kCurieSegmentCount; ++i) {
    curieDiffuse[static_cast<std::size_t>(i)] = cd[i].toBool();
  }
  for (int i = 0; i < sc::kSiopenSegmentCount; ++i) {
    const int g = sd[i].toInt();
    if (g != 0 && (g < 4 || g > 6)) {
      return QStringLiteral("SIOPEN diffuse grade %1 of segment %2 is not 0, 4, 5 or 6")
          .arg(g)
          .arg(i);
    }
    siopenDiffuse[static_cast<std::size_t>(i)] = g;
  }
  auto landmarks = landmarks_;
  const QJsonObject lj = json["landmarks"].toObject();
  for (const PlanarSide side : {PlanarSide::Anterior, PlanarSide::Posterior}) {
    const QJsonObject l = lj[side == PlanarSide::Anterior ? "anterior" : "posterior"].toObject();
    for (auto it = l.begin(); it != l.end(); ++it) {
      if (!nbra::dicom::atlas::setLandmarkValue(landmarks[at(side)], it.key().toStdString(),
                                                it.value().toDouble(NAN))) {
        return QStringLiteral("landmark '%1' is unknown or not a number").arg(it.key());
      }
    }
  }
  marks_ = std::move(marks);
  nextId_ = nextId;
  curieDiffuse_ = curieDiffuse;
  siopenDiffuse_ = siopenDiffuse;
  landmarks_ = landmarks;
  softTissueIncludesPrimary = json["softTissueIncludesPrimary"].toBool(true);
  return std::nullopt;
}

void MibgScoringModel::clear() {
  marks_.clear();
  nextId_ = 1;
  curieDiffuse_ = {};
  siopenDiffuse_ = {};
}

}  // namespace nbra::viewer::mibg
