#include "workflow/reads/ReadModel.h"

#include <algorithm>

namespace nbra::workflow {

records::ReadContent readContentOf(const scoring::Timepoint& t) {
  records::ReadContent c;
  c.ctDone = t.lesions.has_value();
  for (const scoring::Lesion& l : t.lesions.value_or(std::vector<scoring::Lesion>{})) {
    records::LesionMeasurement m;
    m.trackingId = QString::fromStdString(l.trackingId);
    m.organ = QString::fromStdString(l.organ);
    m.isPrimary = l.isPrimary;
    m.isLymphNode = l.isLymphNode;
    m.role = l.role == scoring::LesionRole::Target ? "target" : "non-target";
    m.notEvaluable = l.notEvaluable;
    m.longAxisMm = l.notEvaluable ? 0.0 : l.longAxisMm;  // no length: the flag says why
    m.shortAxisMm = l.notEvaluable ? std::nullopt : l.shortAxisMm;
    m.sliceThicknessMm = l.sliceThicknessMm;
    m.mibgAvid = l.mibgAvid;
    m.fdgAvid = l.fdgAvid;
    m.isNew = l.isNew;
    m.biopsyProven = l.biopsyProven;
    c.lesions.push_back(m);
  }
  if (t.mibg) {
    if (t.mibg->curie) {
      for (int i = 0; i < scoring::kCurieSegmentCount; ++i) {
        const scoring::CurieSegmentEntry& e = (*t.mibg->curie)[static_cast<std::size_t>(i)];
        c.mibg.push_back({"curie", i, e.score, e.lesionMarks, e.diffuse, e.primaryMarks});
      }
    }
    if (t.mibg->siopen) {
      for (int i = 0; i < scoring::kSiopenSegmentCount; ++i) {
        c.mibg.push_back(
            {"siopen", i, (*t.mibg->siopen)[static_cast<std::size_t>(i)], std::nullopt, false, 0});
      }
    }
    c.mibgNewBoneSites = t.mibg->newBoneSites;
  }
  if (t.fdgPet) {
    c.pet = records::PetFinding{t.fdgPet->avidBoneLesions, t.fdgPet->newAvidBoneLesions,
                                t.fdgPet->newBoneLesionsConfirmed};
  }
  if (t.marrow) {
    for (const scoring::MarrowSample& s : t.marrow->samples) {
      c.marrow.push_back({s.kind == scoring::MarrowSampleKind::Biopsy ? "biopsy" : "aspirate",
                          s.infiltrationPercent, t.marrow->pathologyConfirmed});
    }
  }
  return c;
}

scoring::Timepoint timepointOfRead(const records::ReadContent& c) {
  scoring::Timepoint t;
  if (c.ctDone) {
    std::vector<scoring::Lesion> lesions;
    for (const records::LesionMeasurement& m : c.lesions) {
      scoring::Lesion l;
      l.trackingId = m.trackingId.toStdString();
      l.organ = m.organ.toStdString();
      l.isPrimary = m.isPrimary;
      l.isLymphNode = m.isLymphNode;
      l.role = m.role == "target" ? scoring::LesionRole::Target : scoring::LesionRole::NonTarget;
      l.notEvaluable = m.notEvaluable;
      l.longAxisMm = m.notEvaluable ? 0.0 : m.longAxisMm;
      l.shortAxisMm = m.notEvaluable ? std::nullopt : m.shortAxisMm;
      l.sliceThicknessMm = m.sliceThicknessMm;
      l.mibgAvid = m.mibgAvid;
      l.fdgAvid = m.fdgAvid;
      l.isNew = m.isNew;
      l.biopsyProven = m.biopsyProven;
      lesions.push_back(l);
    }
    t.lesions = lesions;
  }
  const bool anyCurie =
      std::any_of(c.mibg.begin(), c.mibg.end(), [](const auto& e) { return e.scale == "curie"; });
  const bool anySiopen =
      std::any_of(c.mibg.begin(), c.mibg.end(), [](const auto& e) { return e.scale == "siopen"; });
  if (anyCurie || anySiopen) {
    scoring::MibgReading m;
    if (anyCurie) {
      m.curie.emplace();
      for (scoring::CurieSegmentEntry& e : *m.curie) {
        e.lesionMarks = 0;  // a segment without a row: nothing marked
      }
    }
    if (anySiopen) {
      m.siopen.emplace();
      m.siopen->fill(0);
    }
    for (const records::MibgSegmentEntry& e : c.mibg) {
      const auto i = static_cast<std::size_t>(e.segment);
      if (e.scale == "curie" && e.segment >= 0 && e.segment < scoring::kCurieSegmentCount) {
        (*m.curie)[i] = {e.score, e.marks, e.diffuse, e.primaryMarks};
      } else if (e.scale == "siopen" && e.segment >= 0 &&
                 e.segment < scoring::kSiopenSegmentCount) {
        (*m.siopen)[i] = e.score.value_or(0);
      }
    }
    m.newBoneSites = c.mibgNewBoneSites.value_or(0);
    t.mibg = m;
  }
  if (c.pet) {
    t.fdgPet = scoring::FdgPetReading{c.pet->avidBoneLesions, c.pet->newAvidBoneLesions,
                                      c.pet->newLesionsConfirmed};
  }
  if (!c.marrow.empty()) {
    scoring::MarrowReading marrow;
    for (const records::MarrowResult& r : c.marrow) {
      marrow.samples.push_back({r.kind == "biopsy" ? scoring::MarrowSampleKind::Biopsy
                                                   : scoring::MarrowSampleKind::Aspirate,
                                r.infiltrationPercent});
      marrow.pathologyConfirmed = marrow.pathologyConfirmed || r.pathologyConfirmed;
    }
    t.marrow = marrow;
  }
  return t;
}

}  // namespace nbra::workflow
