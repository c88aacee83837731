#pragma once

// Small builders for readable test cases.
#include <string>

#include "scoring/model/Case.h"

namespace nbra::scoring::testing {

inline Lesion lesion(const std::string& id, const std::string& organ, double longMm,
                     LesionRole role = LesionRole::Target) {
  Lesion l;
  l.trackingId = id;
  l.organ = organ;
  l.longAxisMm = longMm;
  l.sliceThicknessMm = 3.0;
  l.role = role;
  return l;
}

inline Lesion avid(Lesion l) {
  l.mibgAvid = true;
  return l;
}

inline Lesion primaryLesion(double longMm, bool mibgAvid) {
  Lesion l = lesion("P", "adrenal", longMm, LesionRole::NonTarget);
  l.isPrimary = true;
  l.mibgAvid = mibgAvid;
  return l;
}

inline Lesion node(const std::string& id, double longMm, double shortMm,
                   LesionRole role = LesionRole::Target) {
  Lesion l = lesion(id, "lymph node", longMm, role);
  l.isLymphNode = true;
  l.shortAxisMm = shortMm;
  return l;
}

// Curie reading with the given skeletal score put on the head (max 3 per segment is respected by
// spreading over segments) and soft-tissue score.
inline MibgReading curie(int skeletal, int softTissue = 0) {
  MibgReading m;
  std::array<CurieSegmentEntry, kCurieSegmentCount> entries{};
  for (int i = 0; i < kCurieSegmentCount; ++i) {
    entries[static_cast<std::size_t>(i)].score = 0;
  }
  for (int i = 0; i < 9 && skeletal > 0; ++i) {
    const int s = skeletal >= 3 ? 3 : skeletal;
    entries[static_cast<std::size_t>(i)].score = s;
    skeletal -= s;
  }
  entries[9].score = softTissue;
  m.curie = entries;
  return m;
}

inline MarrowReading marrow(double percent, int aspirates = 2, int biopsies = 2) {
  MarrowReading r;
  for (int i = 0; i < aspirates; ++i) {
    r.samples.push_back({MarrowSampleKind::Aspirate, percent});
  }
  for (int i = 0; i < biopsies; ++i) {
    r.samples.push_back({MarrowSampleKind::Biopsy, percent});
  }
  return r;
}

inline Timepoint timepoint(TimepointKind kind, int year, unsigned month, unsigned day,
                           int injections) {
  Timepoint t;
  t.kind = kind;
  t.label = kind == TimepointKind::Baseline ? "baseline" : "follow-up";
  t.date = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
  t.injectionsBefore = injections;
  return t;
}

inline Case caseWith(std::vector<Timepoint> timepoints, double weightKg = 20.0) {
  Case c;
  c.subject.id = "NB-001";
  c.subject.weightKg = weightKg;
  c.subject.ageYears = 6.0;
  c.timepoints = std::move(timepoints);
  return c;
}

}  // namespace nbra::scoring::testing
