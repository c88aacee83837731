// The two synthetic subjects, their lesions at every timepoint, and the answers we expect.
// Expected responses are reasoned from clinical-rules.md by hand (see data-samples/README.md),
// so that `nbra-cli assess` on the generated case is a real check of the rules engine.
#include "data-samples/generator/Subjects.h"

namespace nbra::synthetic {
namespace {

LesionSpec softTissue(const std::string& id, const std::string& site, const std::string& organ,
                      double x, double y, double d, double longMm, double shortMm,
                      double craniocaudalMm) {
  LesionSpec l;
  l.trackingId = id;
  l.site = site;
  l.organ = organ;
  l.x = x;
  l.y = y;
  l.d = d;
  // The long axis lies along x (left-right), the short axis along y (front-back).
  l.semiXMm = longMm / 2;
  l.semiYMm = shortMm / 2;
  l.semiDMm = craniocaudalMm / 2;
  l.curieSegment = 10;
  return l;
}

LesionSpec bone(const std::string& id, const std::string& site, double x, double y, double d,
                double radiusMm, int curie, int siopen) {
  LesionSpec l;
  l.trackingId = id;
  l.site = site;
  l.isBone = true;
  l.x = x;
  l.y = y;
  l.d = d;
  l.semiXMm = l.semiYMm = l.semiDMm = radiusMm;
  l.onlyOverBone = true;
  l.hu = 120;  // lytic: lower than the cancellous bone it replaces
  l.curieSegment = curie;
  l.siopenSegment = siopen;
  return l;
}

// Curie segments (clinical-rules.md 1.1): 1 head, 2 C+T spine, 3 ribs+sternum, 4 L spine+sacrum,
// 5 pelvis, 6 upper arms, 7 forearms+hands, 8 thighs, 9 legs+feet, 10 soft tissue.
// SIOPEN segments (2.1), in the case-format order: 0 skull, 1 thoracic cage, 2 spine, 3 pelvis,
// 4/5 proximal/distal right upper limb, 6/7 left upper, 8/9 right lower, 10/11 left lower.

// Subject 1: MIBG-avid left adrenal neuroblastoma with a para-aortic node, bone metastases in
// seven Curie segments (diffuse in the lumbar spine) and marrow infiltration; responds.
SubjectSpec responder() {
  SubjectSpec s;
  s.id = "NBRA-SYN-001";
  s.patientName = "SYNTHETIC^RESPONDER";
  s.sex = "F";
  s.birthDate = "20190804";
  s.ageYears = 6.4;
  s.weightKg = 19.6;
  s.heightCm = 115;
  s.body = {1.0, 1.0};
  s.expectedDisease = "MIBG-avid";
  s.expectedEligible = true;
  s.expectedEligibilityBasis =
      "criterion 1: the left adrenal primary (50 mm) is at least 10 mm and MIBG-avid";
  s.expectedExtraDoses = "allowed";
  s.story =
      "6-year-old girl, relapsed stage M neuroblastoma of the left adrenal gland, MIBG-avid. "
      "Partial response after the 3rd NK-cell injection (extra doses allowed), continuing "
      "partial response after the 5th.";

  auto primary = [](double longMm, double shortMm, double ccMm, double mibg) {
    LesionSpec l = softTissue("P1", "left adrenal primary", "left adrenal", 40, 12, 425, longMm,
                              shortMm, ccMm);
    l.isPrimary = true;
    l.hu = 42;
    l.withCalcifications = true;
    l.mibgRelative = mibg;
    return l;
  };
  auto node = [](double longMm, double shortMm, double mibg) {
    LesionSpec l = softTissue("N1", "left para-aortic lymph node", "retroperitoneal node", 26, 20,
                              495, longMm, shortMm, longMm * 0.8);
    l.isLymphNode = true;
    l.target = true;
    l.hu = 48;
    l.mibgRelative = mibg;
    return l;
  };
  auto skull = [] {
    LesionSpec l = bone("B1", "left frontal bone / orbital roof", 30, -66, 72, 14, 1, 0);
    l.mibgRelative = 30;
    return l;
  };
  auto spine = [](const std::string& level, const std::string& id, double mibg) {
    LesionSpec l = bone(id, level + " vertebral body", 0, 38, vertebraDepthMm(level), 10,
                        level[0] == 'L' ? 4 : 2, 2);
    l.mibgRelative = mibg;
    return l;
  };
  auto rib = [] {
    const Vec3 p = ribPointReference(7, 1, 0.45);
    LesionSpec l = bone("B4", "left 7th rib, lateral arc (expansile)", p[0], p[1], p[2], 8, 3, 1);
    l.onlyOverBone = false;  // expansile: a small soft-tissue mass around the rib
    l.hu = 60;
    l.mibgRelative = 30;
    return l;
  };
  auto lumbarDiffuse = [] {
    LesionSpec l = bone("B5", "diffuse marrow involvement L1-L5", 0, 44, 0, 0, 4, 2);
    l.cylinder = true;
    l.semiXMm = 30;
    l.semiYMm = 30;
    l.dTopMm = vertebraDepthMm("L1") - 10;
    l.dBottomMm = vertebraDepthMm("L5") + 10;
    l.hu = 250;  // CT-occult marrow disease: barely denser than normal cancellous bone
    l.mibgRelative = 14;
    l.diffuse = true;
    l.siopenDiffuseScore = 4;  // a diffuse lesion in < 50 % of the spine (C1-L5) (2.2)
    return l;
  };
  auto ilium = [] {
    LesionSpec l = bone("B6", "right iliac wing", -64, 18, 566, 14, 5, 3);
    l.mibgRelative = 40;
    return l;
  };
  auto leftFemur = [](double mibg) {
    LesionSpec l = bone("B7", "left proximal femoral shaft", 72, 6, 680, 12, 8, 10);
    l.mibgRelative = mibg;
    return l;
  };
  auto rightFemur = [] {
    LesionSpec l = bone("B8", "right distal femoral metaphysis", -56, 5, 855, 13, 8, 8);
    l.mibgRelative = 30;
    return l;
  };
  auto tibia = [] {
    LesionSpec l = bone("B9", "right proximal tibial metaphysis", -56, 3, 915, 13, 9, 9);
    l.mibgRelative = 30;
    return l;
  };

  TimepointSpec baseline;
  baseline.key = "baseline";
  baseline.label = "baseline (pre-treatment)";
  baseline.date = "2026-01-12";
  baseline.time = "094500";
  baseline.injectionsBefore = 0;
  baseline.lesions = {primary(50, 35, 40, 30),
                      node(24, 17, 18),
                      skull(),
                      spine("T6", "B2", 28),
                      spine("T10", "B3", 28),
                      rib(),
                      lumbarDiffuse(),
                      ilium(),
                      leftFemur(30),
                      rightFemur(),
                      tibia()};
  baseline.marrow = {{"aspirate", 10.0}, {"aspirate", 6.5}, {"biopsy", 15.0}, {"biopsy", 12.0}};
  baseline.marrowPathologyConfirmed = true;
  s.timepoints.push_back(baseline);

  const std::vector<MarrowSample> clearMarrow = {
      {"aspirate", 0.0}, {"aspirate", 0.0}, {"biopsy", 0.0}, {"biopsy", 0.0}};

  TimepointSpec third;
  third.key = "after-injection-3";
  third.label = "after injection 3";
  third.date = "2026-03-30";
  third.time = "101500";
  third.injectionsBefore = 3;
  LesionSpec l3 = spine("L3", "B5", 16);  // the diffuse lumbar disease leaves one focus at L3
  l3.site = "residual focus in L3 (was diffuse L1-L5)";
  third.lesions = {primary(31, 21, 26, 18), node(14, 9, 8), spine("T10", "B3", 18), l3,
                   leftFemur(16)};
  third.marrow = clearMarrow;
  third.posteriorIsDetectorOne = true;
  third.expectedOverall = "PR";
  third.expectedPrimary = "PR";
  third.expectedMetastatic = "PR";
  third.expectedMarrow = "CR";
  s.timepoints.push_back(third);

  TimepointSpec fifth;
  fifth.key = "after-injection-5";
  fifth.label = "after injection 5";
  fifth.date = "2026-05-18";
  fifth.time = "093000";
  fifth.injectionsBefore = 5;
  LesionSpec l3faint = l3;
  l3faint.mibgRelative = 10;
  l3faint.semiXMm = l3faint.semiYMm = l3faint.semiDMm = 8;
  LesionSpec nodeGone = node(11, 7, 0);  // normal size, no longer avid
  fifth.lesions = {primary(24, 16, 20, 10), nodeGone, l3faint};
  fifth.marrow = clearMarrow;
  fifth.expectedOverall = "PR";
  fifth.expectedPrimary = "PR";
  fifth.expectedMetastatic = "PR";
  fifth.expectedMarrow = "CR";
  s.timepoints.push_back(fifth);
  return s;
}

// Subject 2: MIBG-non-avid right posterior mediastinal neuroblastoma, FDG-avid node and bone
// metastases; a new FDG-avid liver metastasis after the 3rd injection (progressive disease).
SubjectSpec nonAvidProgressor() {
  SubjectSpec s;
  s.id = "NBRA-SYN-002";
  s.patientName = "SYNTHETIC^NONAVID";
  s.sex = "M";
  s.birthDate = "20180322";
  s.ageYears = 8.0;
  s.weightKg = 25.4;
  s.heightCm = 128;
  s.body = {1.06, 128.0 / 115.0};
  s.expectedDisease = "MIBG-non-avid";
  s.expectedEligible = true;
  s.expectedEligibilityBasis =
      "criterion 2 only: increased FDG uptake (no lesion takes up MIBG, so criterion 1 fails)";
  s.expectedExtraDoses = "not-allowed";
  s.story =
      "8-year-old boy, refractory neuroblastoma of the right posterior mediastinum, MIBG-non-avid "
      "and FDG-avid, assessed by FDG-PET/CT. A new FDG-avid liver metastasis after the 3rd "
      "NK-cell injection: progressive disease, no extra doses.";

  auto primary = [](double longMm, double shortMm, double ccMm, double suv) {
    LesionSpec l = softTissue("P1", "right posterior mediastinal (paravertebral) primary",
                              "posterior mediastinum", -34, 30, 350, longMm, shortMm, ccMm);
    l.isPrimary = true;
    l.hu = 40;
    l.withCalcifications = true;
    l.fdgSuv = suv;
    return l;
  };
  auto node = [](double longMm, double shortMm, double suv) {
    LesionSpec l = softTissue("N1", "left para-aortic lymph node", "retroperitoneal node", 26, 20,
                              495, longMm, shortMm, longMm * 0.9);
    l.isLymphNode = true;
    l.target = true;
    l.hu = 48;
    l.fdgSuv = suv;
    return l;
  };
  auto vertebra = [](double suv) {
    LesionSpec l = bone("B1", "T9 vertebral body", 0, 38, vertebraDepthMm("T9"), 10, 2, 2);
    l.fdgSuv = suv;
    return l;
  };
  auto ilium = [](double suv) {
    LesionSpec l = bone("B2", "right iliac wing", -64, 18, 566, 14, 5, 3);
    l.fdgSuv = suv;
    return l;
  };

  TimepointSpec baseline;
  baseline.key = "baseline";
  baseline.label = "baseline (pre-treatment)";
  baseline.date = "2026-02-09";
  baseline.time = "103000";
  baseline.injectionsBefore = 0;
  baseline.lesions = {primary(45, 32, 50, 6.8), node(20, 16, 5.5), vertebra(4.6), ilium(5.0)};
  baseline.marrow = {{"aspirate", 0.0}, {"aspirate", 0.0}, {"biopsy", 0.0}, {"biopsy", 0.0}};
  baseline.pet = true;
  baseline.nmSeparateSeries = true;
  baseline.fdgAvidBoneLesions = 2;
  s.timepoints.push_back(baseline);

  TimepointSpec third;
  third.key = "after-injection-3";
  third.label = "after injection 3";
  third.date = "2026-04-27";
  third.time = "104500";
  third.injectionsBefore = 3;
  LesionSpec liver =
      softTissue("L1", "new metastasis, right hepatic lobe", "liver", -48, -8, 440, 19, 19, 19);
  liver.isNew = true;
  liver.hu = 62;  // hypodense against the enhancing liver (105 HU)
  liver.fdgSuv = 7.4;
  liver.curieSegment = 10;
  third.lesions = {primary(52, 36, 56, 8.9), node(22, 17, 6.0), vertebra(4.8), ilium(5.4), liver};
  third.pet = true;
  third.nmSeparateSeries = true;
  third.fdgAvidBoneLesions = 2;
  third.newFdgAvidBoneLesions = 0;
  third.expectedOverall = "PD";
  third.expectedPrimary = "SD";
  third.expectedMetastatic = "PD";
  third.expectedMarrow = "NI";
  s.timepoints.push_back(third);
  return s;
}

}  // namespace

std::vector<SubjectSpec> syntheticSubjects() {
  return {responder(), nonAvidProgressor()};
}

const char* curieSegmentName(int segment) {
  static const char* names[] = {"",
                                "S1 head",
                                "S2 cervical and thoracic spine",
                                "S3 ribs and sternum",
                                "S4 lumbar and sacral spine",
                                "S5 pelvis",
                                "S6 upper arms",
                                "S7 forearms and hands",
                                "S8 thighs",
                                "S9 legs and feet",
                                "S10 soft tissue"};
  return segment >= 1 && segment <= 10 ? names[segment] : "";
}

const char* siopenSegmentName(int segment) {
  static const char* names[] = {"skull",
                                "thoracic cage",
                                "spine",
                                "pelvis",
                                "proximal right upper limb",
                                "distal right upper limb",
                                "proximal left upper limb",
                                "distal left upper limb",
                                "proximal right lower limb",
                                "distal right lower limb",
                                "proximal left lower limb",
                                "distal left lower limb"};
  return segment >= 0 && segment <= 11 ? names[segment] : "";
}

}  // namespace nbra::synthetic
