#include "dicom/nm/atlas/AtlasLandmarks.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "dicom/nm/atlas/BodyProfile.h"

namespace nbra::dicom::atlas {
namespace {

// Typical proportions (a 6-year-old's body, checked against adult anthropometry: the crotch at
// about 45 % of the shoulder-to-sole distance, the knee half way from crotch to sole). They
// place the landmarks the outline cannot show; the reader adjusts them with the handles.
// Fractions of the shoulder-to-crotch distance:
constexpr double kElbowFraction = 0.51;
constexpr double kThoracolumbarFraction = 0.47;
constexpr double kLumbosacralFraction = 0.72;
constexpr double kHipFraction = 0.94;
// Fraction of the shoulder-to-sole distance:
constexpr double kCrotchFraction = 0.45;
// Fractions of the crotch-to-sole distance:
constexpr double kFingertipFraction = 0.11;
constexpr double kKneeFraction = 0.48;
// The vertebral column strip: a fraction of the trunk's width (between the arms).
constexpr double kSpineWidthFraction = 0.09;
// Where arms cannot be told from the trunk: the arm's share of the shoulder width.
constexpr double kArmWidthFraction = 0.16;

double median(std::vector<double> v) {
  if (v.empty()) {
    return 0;
  }
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// Row widths smoothed over +-radius rows (ignoring empty rows is not wanted: they count as 0).
std::vector<double> smoothedWidths(const BodyProfile& p, int radius) {
  std::vector<double> w(static_cast<std::size_t>(p.height), 0.0);
  for (int y = 0; y < p.height; ++y) {
    double sum = 0;
    int n = 0;
    for (int t = std::max(0, y - radius); t <= std::min(p.height - 1, y + radius); ++t) {
      sum += p.rowWidth(t);
      ++n;
    }
    w[static_cast<std::size_t>(y)] = n > 0 ? sum / n : 0;
  }
  return w;
}

void proportionalLandmarks(AtlasLandmarks& l) {
  const double span = l.crotchY - l.shoulderY;
  l.elbowY = l.shoulderY + kElbowFraction * span;
  l.thoracolumbarY = l.shoulderY + kThoracolumbarFraction * span;
  l.lumbosacralY = l.shoulderY + kLumbosacralFraction * span;
  l.hipY = l.shoulderY + kHipFraction * span;
}

void imageProportions(AtlasLandmarks& l) {
  const double h = l.imageHeight;
  l.vertexY = 0;
  l.soleY = h - 1;
  l.headBottomY = 0.17 * h;
  l.shoulderY = 0.2 * h;
  l.crotchY = l.shoulderY + kCrotchFraction * (l.soleY - l.shoulderY);
  proportionalLandmarks(l);
  l.fingertipY = l.crotchY + kFingertipFraction * (l.soleY - l.crotchY);
  l.kneeY = l.crotchY + kKneeFraction * (l.soleY - l.crotchY);
  l.midlineX = 0.5 * (l.imageWidth - 1);
  l.leftBodyX = 0;
  l.rightBodyX = l.imageWidth - 1;
  l.headHalfWidth = 0.2 * l.imageWidth;
  const double arm = kArmWidthFraction * l.imageWidth;
  l.leftArmTopX = l.leftArmBottomX = l.leftBodyX + arm;
  l.rightArmTopX = l.rightArmBottomX = l.rightBodyX - arm;
  l.spineHalfWidth = kSpineWidthFraction * (l.rightArmTopX - l.leftArmTopX);
}

// Least-squares line x = a + b*y through (y, x) pairs; false when too few or degenerate.
bool fitLine(const std::vector<std::array<double, 2>>& pts, double& a, double& b) {
  if (pts.size() < 8) {
    return false;
  }
  double sy = 0, sx = 0, syy = 0, sxy = 0;
  for (const auto& p : pts) {
    sy += p[0];
    sx += p[1];
    syy += p[0] * p[0];
    sxy += p[0] * p[1];
  }
  const double n = static_cast<double>(pts.size());
  const double den = n * syy - sy * sy;
  if (std::abs(den) < 1e-9) {
    return false;
  }
  b = (n * sxy - sy * sx) / den;
  a = (sx - b * sy) / n;
  return true;
}

}  // namespace

double AtlasLandmarks::leftArmX(double y) const {
  const double t = std::clamp((y - shoulderY) / std::max(1.0, fingertipY - shoulderY), 0.0, 1.0);
  return leftArmTopX + t * (leftArmBottomX - leftArmTopX);
}

double AtlasLandmarks::rightArmX(double y) const {
  const double t = std::clamp((y - shoulderY) / std::max(1.0, fingertipY - shoulderY), 0.0, 1.0);
  return rightArmTopX + t * (rightArmBottomX - rightArmTopX);
}

AtlasLandmarks fitLandmarks(const PlanarImage& image, bool seenFromFront) {
  AtlasLandmarks l;
  l.imageWidth = std::max(0, image.width);
  l.imageHeight = std::max(0, image.height);
  l.seenFromFront = seenFromFront;
  imageProportions(l);
  const BodyProfile p = bodyProfile(image);
  if (p.height < 32 || p.width < 8) {
    l.notes.push_back("image too small for a body outline: proportions of the image");
    return l;
  }
  // Vertex and soles: the first and last rows of a body at least 4 pixels wide, held for 3 rows
  // (a lone hot pixel or a marker is not the head).
  auto bodyRow = [&](int y) { return p.rowWidth(y) >= 4; };
  int vertex = -1;
  for (int y = 0; y + 2 < p.height && vertex < 0; ++y) {
    if (bodyRow(y) && bodyRow(y + 1) && bodyRow(y + 2)) {
      vertex = y;
    }
  }
  int sole = -1;
  for (int y = p.height - 1; y >= 2 && sole < 0; --y) {
    if (bodyRow(y) && bodyRow(y - 1) && bodyRow(y - 2)) {
      sole = y;
    }
  }
  if (vertex < 0 || sole - vertex < 32) {
    l.notes.push_back("no body outline found: proportions of the image");
    return l;
  }
  const double bodyH = sole - vertex;
  l.vertexY = vertex;
  l.soleY = sole;
  const std::vector<double> w = smoothedWidths(p, 2);
  auto wAt = [&](double y) {
    return w[static_cast<std::size_t>(
        std::clamp(static_cast<int>(std::lround(y)), 0, p.height - 1))];
  };
  // Head: the widest row in the top 12 % of the body; the neck: the narrowest row between it
  // and 25 % of the body; the shoulders: the first row below the neck wider than half way from
  // the neck to the widest trunk row above 45 %.
  int headRow = vertex;
  for (int y = vertex; y <= vertex + static_cast<int>(0.12 * bodyH); ++y) {
    if (w[static_cast<std::size_t>(y)] > w[static_cast<std::size_t>(headRow)]) {
      headRow = y;
    }
  }
  int neckRow = headRow;
  for (int y = headRow; y <= vertex + static_cast<int>(0.25 * bodyH); ++y) {
    if (w[static_cast<std::size_t>(y)] < w[static_cast<std::size_t>(neckRow)]) {
      neckRow = y;
    }
  }
  double trunkMax = 0;
  for (int y = neckRow; y <= vertex + static_cast<int>(0.45 * bodyH); ++y) {
    trunkMax = std::max(trunkMax, w[static_cast<std::size_t>(y)]);
  }
  const double neckW = w[static_cast<std::size_t>(neckRow)];
  const double headW = w[static_cast<std::size_t>(headRow)];
  int shoulder = -1;
  for (int y = neckRow; y <= vertex + static_cast<int>(0.45 * bodyH) && shoulder < 0; ++y) {
    if (w[static_cast<std::size_t>(y)] >= 0.5 * (neckW + trunkMax)) {
      shoulder = y;
    }
  }
  // The skull base: the first row below the head's widest where the outline has narrowed to
  // within 10 % of the neck (the mandible and the upper neck are the same width on a planar).
  int headBottom = neckRow;
  for (int y = headRow; y < neckRow; ++y) {
    if (w[static_cast<std::size_t>(y)] <= 1.1 * neckW) {
      headBottom = y;
      break;
    }
  }
  if (shoulder < 0 || trunkMax < 1.3 * neckW) {
    l.notes.push_back("head, neck and shoulders not distinct: proportions of the body height");
    headBottom = vertex + static_cast<int>(0.16 * bodyH);
    shoulder = vertex + static_cast<int>(0.21 * bodyH);
  } else if (headW < 1.15 * neckW) {
    // The shoulders show but the neck does not narrow (faint neck, a bone scan's soft tissue):
    // the skull base sits a neck's length above the shoulders (3.4 % of the body height).
    l.notes.push_back("shoulders from the width profile; skull base in proportion (no neck seen)");
    headBottom = std::max(vertex + 1, shoulder - static_cast<int>(0.034 * bodyH));
  } else {
    l.notes.push_back("head, neck and shoulders from the width profile");
  }
  l.headBottomY = headBottom;
  l.shoulderY = shoulder;
  l.headHalfWidth = 0.5 * headW + 2;

  // Body centre line: the median centre of the outline over the trunk rows.
  std::vector<double> centres;
  for (int y = shoulder; y < shoulder + static_cast<int>(0.4 * (sole - shoulder)); ++y) {
    if (p.left[static_cast<std::size_t>(y)] >= 0) {
      centres.push_back(
          0.5 * (p.left[static_cast<std::size_t>(y)] + p.right[static_cast<std::size_t>(y)]));
    }
  }
  l.midlineX = centres.empty() ? 0.5 * (p.width - 1) : median(centres);

  // Crotch: in proportion, moved to a gap between the legs at the midline if one starts within
  // 4 % of the body height of it and lasts (children lying with their legs apart). Thighs that
  // touch open a gap only far lower, which the narrow window ignores.
  l.crotchY = shoulder + kCrotchFraction * (sole - shoulder);
  {
    const int mid = static_cast<int>(std::lround(l.midlineX));
    auto gapAtMid = [&](int y) {
      for (const RowRun& r : p.runs[static_cast<std::size_t>(y)]) {
        if (r.begin <= mid && mid < r.end) {
          return false;
        }
      }
      return true;
    };
    const int from = static_cast<int>(l.crotchY - 0.04 * bodyH);
    const int to = static_cast<int>(l.crotchY + 0.04 * bodyH);
    for (int y = std::max(from, shoulder + 1); y <= std::min(to, sole - 12); ++y) {
      bool lasting = true;
      for (int t = y; t < y + 10 && lasting; ++t) {
        lasting = gapAtMid(t);
      }
      if (lasting) {
        l.crotchY = y;
        l.notes.push_back("crotch from the gap between the legs");
        break;
      }
    }
    if (l.notes.back() != "crotch from the gap between the legs") {
      l.notes.push_back("crotch in proportion to shoulders and soles");
    }
  }
  proportionalLandmarks(l);
  const double legSpan = sole - l.crotchY;

  // Knee: the steepest narrowing of the outline between 30 % and 65 % of crotch-to-sole (the
  // thigh's muscle ends at the knee) when it is a step (> 12 % within 6 % of the leg length);
  // a leg that tapers all the way (most real legs) gets the proportion instead.
  l.kneeY = l.crotchY + kKneeFraction * legSpan;
  {
    const int step = std::max(3, static_cast<int>(0.03 * legSpan));
    double best = 0;
    int bestRow = -1;
    for (int y = static_cast<int>(l.crotchY + 0.3 * legSpan);
         y <= static_cast<int>(l.crotchY + 0.65 * legSpan) && y + step < p.height; ++y) {
      const double drop = wAt(y - step) - wAt(y + step);
      if (drop > best) {
        best = drop;
        bestRow = y;
      }
    }
    if (bestRow >= 0 && best > 0.12 * wAt(bestRow - step)) {
      l.kneeY = bestRow;
      l.notes.push_back("knees from the narrowing of the legs");
    } else {
      l.notes.push_back("knees in proportion to crotch and soles");
    }
  }

  // Arms: where rows show the arm apart from the trunk (three runs or more, the outer ones
  // narrow), the gap between them gives the arm boundary on each side; a line through those
  // points, or a share of the shoulder width where the arms touch the body all the way.
  std::vector<std::array<double, 2>> leftPts;
  std::vector<std::array<double, 2>> rightPts;
  int lowestSeparateRow = -1;
  const int armFrom = static_cast<int>(l.shoulderY + 0.25 * (l.crotchY - l.shoulderY));
  const int armTo = static_cast<int>(std::min<double>(sole - 1, l.crotchY + 0.3 * legSpan));
  const double shoulderWidth = wAt(l.shoulderY + 0.1 * (l.crotchY - l.shoulderY));
  for (int y = armFrom; y <= armTo; ++y) {
    const auto& runs = p.runs[static_cast<std::size_t>(y)];
    if (runs.size() < 3) {
      continue;
    }
    const RowRun& a = runs.front();
    const RowRun& b = runs.back();
    const bool armsNarrow = a.width() < 0.3 * shoulderWidth && b.width() < 0.3 * shoulderWidth &&
                            a.centre() < l.midlineX && b.centre() > l.midlineX;
    if (!armsNarrow) {
      continue;
    }
    leftPts.push_back({static_cast<double>(y), 0.5 * (a.end - 1 + runs[1].begin)});
    rightPts.push_back({static_cast<double>(y), 0.5 * (b.begin + runs[runs.size() - 2].end - 1)});
    lowestSeparateRow = y;
  }
  double la = 0, lb = 0, ra = 0, rb = 0;
  if (lowestSeparateRow > l.crotchY && lowestSeparateRow < l.kneeY) {
    l.fingertipY = lowestSeparateRow + 1;
    l.notes.push_back("fingertips from the lowest row the hands show apart");
  } else {
    l.fingertipY = l.crotchY + kFingertipFraction * legSpan;
    l.notes.push_back("fingertips in proportion to crotch and soles");
  }
  // Outer body edges: the widest extent over the shoulder-to-fingertip rows.
  double minLeft = p.width;
  double maxRight = 0;
  for (int y = shoulder; y <= static_cast<int>(l.fingertipY) && y < p.height; ++y) {
    if (p.left[static_cast<std::size_t>(y)] >= 0) {
      minLeft = std::min<double>(minLeft, p.left[static_cast<std::size_t>(y)]);
      maxRight = std::max<double>(maxRight, p.right[static_cast<std::size_t>(y)]);
    }
  }
  l.leftBodyX = minLeft <= maxRight ? minLeft : 0;
  l.rightBodyX = minLeft <= maxRight ? maxRight : p.width - 1;
  if (fitLine(leftPts, la, lb) && fitLine(rightPts, ra, rb)) {
    l.leftArmTopX = la + lb * l.shoulderY;
    l.leftArmBottomX = la + lb * l.fingertipY;
    l.rightArmTopX = ra + rb * l.shoulderY;
    l.rightArmBottomX = ra + rb * l.fingertipY;
    l.notes.push_back("arm boundaries from the gaps beside the trunk");
  } else {
    const double arm = kArmWidthFraction * (l.rightBodyX - l.leftBodyX);
    l.leftArmTopX = l.leftArmBottomX = l.leftBodyX + arm;
    l.rightArmTopX = l.rightArmBottomX = l.rightBodyX - arm;
    l.notes.push_back("arm boundaries in proportion to the shoulder width");
  }
  l.spineHalfWidth = std::max(2.0, kSpineWidthFraction * (l.rightArmTopX - l.leftArmTopX));
  l.fitted = true;
  return l;
}

std::vector<LandmarkHandle> landmarkHandles(const AtlasLandmarks& l) {
  // Row handles stand in one column just right of the body (the spine's rows in a column left
  // of it), so their labels never cross the outlines or each other; column handles sit on the
  // lines they move.
  const double m = l.midlineX;
  const double right = l.rightBodyX + 5;
  const double left = l.leftBodyX - 5;
  std::vector<LandmarkHandle> h;
  h.push_back({LandmarkId::Vertex, "vertex", right, l.vertexY, true});
  h.push_back({LandmarkId::HeadBottom, "skull base", left, l.headBottomY, true});
  h.push_back({LandmarkId::Shoulders, "shoulders", right, l.shoulderY, true});
  h.push_back({LandmarkId::Elbows, "elbows", right, l.elbowY, true});
  h.push_back({LandmarkId::Thoracolumbar, "T12/L1", left, l.thoracolumbarY, true});
  h.push_back({LandmarkId::Lumbosacral, "L5/S1", left, l.lumbosacralY, true});
  h.push_back({LandmarkId::Hips, "hips", right, l.hipY, true});
  h.push_back({LandmarkId::Crotch, "crotch", left, l.crotchY, true});
  h.push_back({LandmarkId::Fingertips, "fingertips", right, l.fingertipY, true});
  h.push_back({LandmarkId::Knees, "knees", right, l.kneeY, true});
  h.push_back({LandmarkId::Soles, "soles", right, l.soleY, true});
  h.push_back({LandmarkId::Midline, "midline", m, 0.5 * (l.crotchY + l.kneeY), false});
  h.push_back({LandmarkId::SpineWidth, "spine width", m + l.spineHalfWidth,
               0.5 * (l.thoracolumbarY + l.lumbosacralY), false});
  h.push_back({LandmarkId::LeftArmTop, "arm", l.leftArmTopX, l.shoulderY, false});
  h.push_back({LandmarkId::LeftArmBottom, "arm", l.leftArmBottomX, l.fingertipY, false});
  h.push_back({LandmarkId::RightArmTop, "arm", l.rightArmTopX, l.shoulderY, false});
  h.push_back({LandmarkId::RightArmBottom, "arm", l.rightArmBottomX, l.fingertipY, false});
  return h;
}

void moveLandmark(AtlasLandmarks& l, LandmarkId id, double x, double y) {
  const double gap = 2;  // pixels kept between neighbouring landmarks
  auto between = [&](double v, double lo, double hi) {
    return std::clamp(v, lo + gap, std::max(lo + gap, hi - gap));
  };
  const double bottom = std::max(1, l.imageHeight - 1);
  switch (id) {
    case LandmarkId::Vertex:
      l.vertexY = between(y, -gap, l.headBottomY);
      break;
    case LandmarkId::HeadBottom:
      l.headBottomY = between(y, l.vertexY, l.shoulderY);
      break;
    case LandmarkId::Shoulders:
      l.shoulderY = between(y, l.headBottomY, std::min(l.elbowY, l.thoracolumbarY));
      break;
    case LandmarkId::Elbows:
      l.elbowY = between(y, l.shoulderY, l.fingertipY);
      break;
    case LandmarkId::Thoracolumbar:
      l.thoracolumbarY = between(y, l.shoulderY, l.lumbosacralY);
      break;
    case LandmarkId::Lumbosacral:
      l.lumbosacralY = between(y, l.thoracolumbarY, l.hipY);
      break;
    case LandmarkId::Hips:
      l.hipY = between(y, l.lumbosacralY, l.crotchY);
      break;
    case LandmarkId::Crotch:
      l.crotchY = between(y, l.hipY, l.kneeY);
      break;
    case LandmarkId::Fingertips:
      l.fingertipY = between(y, l.elbowY, l.soleY);
      break;
    case LandmarkId::Knees:
      l.kneeY = between(y, l.crotchY, l.soleY);
      break;
    case LandmarkId::Soles:
      l.soleY = between(y, l.kneeY, bottom + gap);
      break;
    case LandmarkId::Midline:
      l.midlineX = between(x, l.leftArmTopX + l.spineHalfWidth, l.rightArmTopX - l.spineHalfWidth);
      break;
    case LandmarkId::SpineWidth:
      l.spineHalfWidth =
          std::clamp(std::abs(x - l.midlineX), 1.0, 0.5 * (l.rightArmTopX - l.leftArmTopX));
      break;
    case LandmarkId::LeftArmTop:
      l.leftArmTopX = between(x, l.leftBodyX - gap, l.midlineX);
      break;
    case LandmarkId::LeftArmBottom:
      l.leftArmBottomX = between(x, l.leftBodyX - gap, l.midlineX);
      break;
    case LandmarkId::RightArmTop:
      l.rightArmTopX = between(x, l.midlineX, l.rightBodyX + gap);
      break;
    case LandmarkId::RightArmBottom:
      l.rightArmBottomX = between(x, l.midlineX, l.rightBodyX + gap);
      break;
  }
}

namespace {
struct KeyField {
  const char* key;
  double AtlasLandmarks::*field;
};
constexpr std::array<KeyField, 20> kFields{{
    {"vertexY", &AtlasLandmarks::vertexY},
    {"headBottomY", &AtlasLandmarks::headBottomY},
    {"shoulderY", &AtlasLandmarks::shoulderY},
    {"elbowY", &AtlasLandmarks::elbowY},
    {"thoracolumbarY", &AtlasLandmarks::thoracolumbarY},
    {"lumbosacralY", &AtlasLandmarks::lumbosacralY},
    {"hipY", &AtlasLandmarks::hipY},
    {"crotchY", &AtlasLandmarks::crotchY},
    {"fingertipY", &AtlasLandmarks::fingertipY},
    {"kneeY", &AtlasLandmarks::kneeY},
    {"soleY", &AtlasLandmarks::soleY},
    {"midlineX", &AtlasLandmarks::midlineX},
    {"spineHalfWidth", &AtlasLandmarks::spineHalfWidth},
    {"headHalfWidth", &AtlasLandmarks::headHalfWidth},
    {"leftArmTopX", &AtlasLandmarks::leftArmTopX},
    {"leftArmBottomX", &AtlasLandmarks::leftArmBottomX},
    {"rightArmTopX", &AtlasLandmarks::rightArmTopX},
    {"rightArmBottomX", &AtlasLandmarks::rightArmBottomX},
    {"leftBodyX", &AtlasLandmarks::leftBodyX},
    {"rightBodyX", &AtlasLandmarks::rightBodyX},
}};
constexpr std::size_t kFieldCount = kFields.size();
}  // namespace

const char* landmarkKey(LandmarkId id) {
  switch (id) {
    case LandmarkId::Vertex:
      return "vertexY";
    case LandmarkId::HeadBottom:
      return "headBottomY";
    case LandmarkId::Shoulders:
      return "shoulderY";
    case LandmarkId::Elbows:
      return "elbowY";
    case LandmarkId::Thoracolumbar:
      return "thoracolumbarY";
    case LandmarkId::Lumbosacral:
      return "lumbosacralY";
    case LandmarkId::Hips:
      return "hipY";
    case LandmarkId::Crotch:
      return "crotchY";
    case LandmarkId::Fingertips:
      return "fingertipY";
    case LandmarkId::Knees:
      return "kneeY";
    case LandmarkId::Soles:
      return "soleY";
    case LandmarkId::Midline:
      return "midlineX";
    case LandmarkId::SpineWidth:
      return "spineHalfWidth";
    case LandmarkId::LeftArmTop:
      return "leftArmTopX";
    case LandmarkId::LeftArmBottom:
      return "leftArmBottomX";
    case LandmarkId::RightArmTop:
      return "rightArmTopX";
    case LandmarkId::RightArmBottom:
      return "rightArmBottomX";
  }
  return "";
}

bool landmarkValue(const AtlasLandmarks& l, const std::string& key, double& value) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (key == kFields[i].key) {
      value = l.*(kFields[i].field);
      return true;
    }
  }
  return false;
}

bool setLandmarkValue(AtlasLandmarks& l, const std::string& key, double value) {
  if (!std::isfinite(value)) {
    return false;
  }
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (key == kFields[i].key) {
      l.*(kFields[i].field) = value;
      return true;
    }
  }
  return false;
}

std::vector<std::string> landmarkKeys() {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    keys.emplace_back(kFields[i].key);
  }
  return keys;
}

}  // namespace nbra::dicom::atlas
