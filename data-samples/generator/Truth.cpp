#include "data-samples/generator/Truth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "data-samples/generator/Scene.h"
#include "data-samples/generator/Writers.h"

namespace nbra::synthetic {
namespace {

std::string num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  std::string s = text;
  if (s.find_first_of(".e") == std::string::npos) {
    s += ".0";
  }
  return s;
}

std::string tenths(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string quote(const std::string& s) {
  return "\"" + s + "\"";
}
const char* boolean(bool b) {
  return b ? "true" : "false";
}

bool mibgAvid(const LesionSpec& l) {
  return l.mibgRelative > 0;
}

// Curie marks: MIBG-avid lesions per segment; the reader's diffuse override is the lesion's.
struct CurieMarks {
  int marks = 0;
  int primaryMarks = 0;
  bool diffuse = false;
};

CurieMarks curieMarks(const TimepointSpec& tp, int segment) {
  CurieMarks m;
  for (const LesionSpec& l : tp.lesions) {
    if (l.curieSegment == segment && mibgAvid(l)) {
      ++m.marks;
      m.primaryMarks += l.isPrimary ? 1 : 0;
      m.diffuse = m.diffuse || l.diffuse;
    }
  }
  return m;
}

double longAxis(const LesionSpec& l) {
  return 2 * std::max(l.semiXMm, l.semiYMm);
}
double shortAxis(const LesionSpec& l) {
  return 2 * std::min(l.semiXMm, l.semiYMm);
}

}  // namespace

int curieScore(const TimepointSpec& tp, int segment) {
  const CurieMarks m = curieMarks(tp, segment);
  if (m.diffuse) {
    return 3;  // > 50 % of the segment (clinical-rules.md 1.2)
  }
  return std::min(m.marks, 2);
}

int siopenScore(const TimepointSpec& tp, int segment) {
  int discrete = 0;
  int diffuse = 0;
  for (const LesionSpec& l : tp.lesions) {
    if (l.isBone && l.siopenSegment == segment && mibgAvid(l)) {
      if (l.diffuse) {
        diffuse = std::max(diffuse, l.siopenDiffuseScore);
      } else {
        ++discrete;
      }
    }
  }
  // 1-3 discrete lesions score their number, more than 3 score 4 (clinical-rules.md 2.2).
  return std::max(diffuse, std::min(discrete, 4));
}

std::string caseJson(const SubjectSpec& subject) {
  std::ostringstream o;
  o << "{\n  \"$schema\": \"../../../scoring/schema/case.schema.json\",\n";
  o << "  \"subject\": { \"id\": " << quote(subject.id)
    << ", \"weightKg\": " << num(subject.weightKg) << ", \"ageYears\": " << num(subject.ageYears)
    << " },\n";
  o << "  \"timepoints\": [\n";
  for (std::size_t t = 0; t < subject.timepoints.size(); ++t) {
    const TimepointSpec& tp = subject.timepoints[t];
    o << "    {\n      \"label\": " << quote(tp.label)
      << ",\n      \"kind\": " << quote(t == 0 ? "baseline" : "follow-up")
      << ",\n      \"date\": " << quote(tp.date)
      << ",\n      \"injectionsBefore\": " << tp.injectionsBefore << ",\n      \"lesions\": [";
    bool first = true;
    for (const LesionSpec& l : tp.lesions) {
      if (l.isBone) {
        continue;  // bone disease is read on MIBG / FDG-PET, not measured
      }
      o << (first ? "\n" : ",\n") << "        { \"trackingId\": " << quote(l.trackingId)
        << ", \"organ\": " << quote(l.organ);
      if (l.isPrimary)
        o << ", \"isPrimary\": true";
      if (l.isLymphNode)
        o << ", \"isLymphNode\": true";
      o << ", \"longAxisMm\": " << tenths(longAxis(l))
        << ", \"shortAxisMm\": " << tenths(shortAxis(l))
        << ", \"sliceThicknessMm\": " << tenths(kCtSliceMm);
      if (!l.isPrimary)
        o << ", \"role\": " << quote(l.target ? "target" : "non-target");
      o << ", \"mibgAvid\": " << boolean(mibgAvid(l)) << ", \"fdgAvid\": " << boolean(l.fdgSuv > 0);
      if (l.isNew)
        o << ", \"isNew\": true";
      o << " }";
      first = false;
    }
    o << "\n      ],\n      \"mibg\": {\n        \"curie\": [";
    for (int s = 1; s <= 10; ++s) {
      const CurieMarks m = curieMarks(tp, s);
      o << (s > 1 ? ", " : " ");
      if (m.marks == 0) {
        o << 0;
      } else {
        o << "{\"marks\": " << m.marks;
        if (m.diffuse)
          o << ", \"diffuse\": true";
        if (s == 10)
          o << ", \"primaryMarks\": " << m.primaryMarks;
        o << "}";
      }
    }
    o << " ],\n        \"siopen\": [";
    for (int s = 0; s < 12; ++s) {
      o << (s > 0 ? ", " : " ") << siopenScore(tp, s);
    }
    o << " ]";
    if (t > 0)
      o << ",\n        \"newBoneSites\": " << tp.newMibgBoneSites;
    o << "\n      }";
    if (tp.pet) {
      o << ",\n      \"fdgPet\": { \"avidBoneLesions\": " << tp.fdgAvidBoneLesions;
      if (t > 0)
        o << ", \"newAvidBoneLesions\": " << tp.newFdgAvidBoneLesions;
      o << " }";
    }
    if (!tp.marrow.empty()) {
      o << ",\n      \"marrow\": {\n        \"samples\": [";
      for (std::size_t m = 0; m < tp.marrow.size(); ++m) {
        o << (m > 0 ? ",\n" : "\n") << "          { \"kind\": " << quote(tp.marrow[m].kind)
          << ", \"infiltrationPercent\": " << tenths(tp.marrow[m].infiltrationPercent) << " }";
      }
      o << "\n        ]";
      if (tp.marrowPathologyConfirmed)
        o << ",\n        \"pathologyConfirmed\": true";
      o << "\n      }";
    }
    o << "\n    }" << (t + 1 < subject.timepoints.size() ? "," : "") << "\n";
  }
  o << "  ]\n}\n";
  return o.str();
}

std::string truthJson(const SubjectSpec& subject, std::uint64_t seed) {
  std::ostringstream o;
  o << "{\n  \"subjectId\": " << quote(subject.id) << ",\n  \"seed\": " << seed
    << ",\n  \"story\": " << quote(subject.story) << ",\n  \"sex\": " << quote(subject.sex)
    << ",\n  \"ageYears\": " << num(subject.ageYears)
    << ",\n  \"weightKg\": " << num(subject.weightKg)
    << ",\n  \"heightCm\": " << num(subject.heightCm)
    << ",\n  \"expected\": {\n    \"disease\": " << quote(subject.expectedDisease)
    << ",\n    \"eligible\": " << boolean(subject.expectedEligible)
    << ",\n    \"eligibilityBasis\": " << quote(subject.expectedEligibilityBasis)
    << ",\n    \"extraDoses\": " << quote(subject.expectedExtraDoses) << ",\n    \"responses\": [";
  bool firstResponse = true;
  for (const TimepointSpec& tp : subject.timepoints) {
    if (tp.expectedOverall.empty())
      continue;
    o << (firstResponse ? "\n" : ",\n") << "      { \"timepoint\": " << quote(tp.key)
      << ", \"overall\": " << quote(tp.expectedOverall)
      << ", \"primary\": " << quote(tp.expectedPrimary)
      << ", \"metastatic\": " << quote(tp.expectedMetastatic)
      << ", \"marrow\": " << quote(tp.expectedMarrow) << " }";
    firstResponse = false;
  }
  o << "\n    ]\n  },\n  \"timepoints\": [\n";
  for (std::size_t t = 0; t < subject.timepoints.size(); ++t) {
    const TimepointSpec& tp = subject.timepoints[t];
    const Scene scene = buildScene(subject, tp, seed);
    const Grid grid = ctGrid(scene);
    o << "    {\n      \"key\": " << quote(tp.key) << ",\n      \"date\": " << quote(tp.date)
      << ",\n      \"folders\": { \"ct\": " << quote(tp.key + "/CT")
      << ", \"mibg\": " << quote(tp.key + "/NM")
      << (tp.pet ? ", \"pet\": " + quote(tp.key + "/PT") : std::string())
      << " },\n      \"ct\": { \"columns\": " << grid.nx << ", \"rows\": " << grid.ny
      << ", \"slices\": " << grid.nz << ", \"pixelSpacingMm\": " << num(grid.spacingMm[0])
      << ", \"sliceSpacingMm\": " << num(kCtSliceMm) << ", \"firstVoxelCentreMm\": ["
      << num(grid.originMm[0]) << ", " << num(grid.originMm[1]) << ", " << num(grid.originMm[2])
      << "], \"lastSliceZMm\": " << num(grid.originMm[2] + (grid.nz - 1) * grid.spacingMm[2])
      << " },\n";
    o << "      \"mibg\": { \"layout\": "
      << quote(tp.nmSeparateSeries ? "two series (ANT, POST)" : "one multi-frame object")
      << ", \"posteriorIsDetectorOne\": " << boolean(tp.posteriorIsDetectorOne) << " },\n";
    if (tp.pet) {
      const PetDose dose = petDose(scene);
      o << "      \"pet\": { \"injectedBq\": " << num(dose.injectedBq)
        << ", \"halfLifeS\": " << num(dose.halfLifeS)
        << ", \"injectionTime\": " << quote(dose.injectionTime)
        << ", \"seriesTime\": " << quote(dose.seriesTime)
        << ", \"decayTimeS\": " << num(dose.decayTimeS) << " },\n";
    }
    o << "      \"curie\": [";
    int skeletal = 0;
    int total = 0;
    for (int s = 1; s <= 10; ++s) {
      const int score = curieScore(tp, s);
      skeletal += s <= 9 ? score : 0;
      total += score;
      o << (s > 1 ? ", " : "") << score;
    }
    o << "],\n      \"curieSkeletal\": " << skeletal << ",\n      \"curieTotal\": " << total
      << ",\n      \"siopen\": [";
    int siopenTotal = 0;
    for (int s = 0; s < 12; ++s) {
      siopenTotal += siopenScore(tp, s);
      o << (s > 0 ? ", " : "") << siopenScore(tp, s);
    }
    o << "],\n      \"siopenTotal\": " << siopenTotal << ",\n      \"lesions\": [";
    for (std::size_t i = 0; i < tp.lesions.size(); ++i) {
      const LesionSpec& l = tp.lesions[i];
      const Vec3 c = lesionCentreMm(subject, l);
      const Shape& shape = scene.lesionShapes[i];
      o << (i > 0 ? ",\n" : "\n") << "        { \"trackingId\": " << quote(l.trackingId)
        << ", \"site\": " << quote(l.site) << ", \"bone\": " << boolean(l.isBone)
        << ", \"centreMm\": [" << num(c[0]) << ", " << num(c[1]) << ", " << num(c[2]) << "]";
      if (!l.isBone) {
        o << ", \"longAxisMm\": " << tenths(longAxis(l))
          << ", \"shortAxisMm\": " << tenths(shortAxis(l))
          << ", \"craniocaudalMm\": " << tenths(2 * l.semiDMm);
      }
      o << ", \"curieSegment\": " << quote(curieSegmentName(l.curieSegment))
        << ", \"siopenSegment\": " << quote(l.isBone ? siopenSegmentName(l.siopenSegment) : "")
        << ", \"mibgAvid\": " << boolean(mibgAvid(l)) << ", \"diffuse\": " << boolean(l.diffuse);
      if (l.fdgSuv > 0) {
        // The lesion's largest semi-axis: a sphere of this radius plus 3 mm holds the lesion.
        const double radius = std::max({shape.semiAxes[0], shape.semiAxes[1], shape.semiAxes[2]});
        o << ", \"suvMax\": " << num(l.fdgSuv)
          << ", \"roiRadiusMm\": " << num(std::round(radius + 3));
      }
      if (l.isNew)
        o << ", \"isNew\": true";
      o << " }";
    }
    o << "\n      ]\n    }" << (t + 1 < subject.timepoints.size() ? "," : "") << "\n";
  }
  o << "  ]\n}\n";
  return o.str();
}

}  // namespace nbra::synthetic
