#include "data-samples/generator/Scene.h"

#include "data-samples/generator/Random.h"

namespace nbra::synthetic {

Vec3 lesionCentreMm(const SubjectSpec& subject, const LesionSpec& lesion) {
  if (lesion.cylinder) {
    return subject.body.at(lesion.x, lesion.y, 0.5 * (lesion.dTopMm + lesion.dBottomMm));
  }
  return subject.body.at(lesion.x, lesion.y, lesion.d);
}

Scene buildScene(const SubjectSpec& subject, const TimepointSpec& timepoint, std::uint64_t seed) {
  Scene scene;
  scene.subject = &subject;
  scene.timepoint = &timepoint;
  scene.seed = seed;
  // The bowel is the same at every timepoint of a subject (only its lesions change).
  scene.phantom =
      buildNormalAnatomy(subject.body, seed * 31 + static_cast<std::uint64_t>(subject.id.back()));
  scene.uidPrefix = subject.id + "/" + timepoint.key + "/";
  scene.dicomDate =
      timepoint.date.substr(0, 4) + timepoint.date.substr(5, 2) + timepoint.date.substr(8, 2);
  const BodyScale& body = subject.body;
  Random random(seed ^ 0xC0FFEEULL);
  for (const LesionSpec& lesion : timepoint.lesions) {
    const bool visible = lesion.semiXMm > 0 || lesion.cylinder;
    Tissue tissue{"lesion " + lesion.trackingId, lesion.hu,     8,
                  lesion.mibgRelative,           lesion.fdgSuv, false};
    const auto index = static_cast<std::uint8_t>(scene.phantom.tissues.size());
    scene.phantom.tissues.push_back(tissue);
    scene.lesionTissues.push_back(index);
    Shape shape;
    shape.tissue = index;
    shape.onlyOverBone = lesion.onlyOverBone;
    if (lesion.cylinder) {
      shape.kind = ShapeKind::EllipticCylinder;
      shape.centre = body.at(lesion.x, lesion.y, 0);
      shape.semiAxes = body.size(lesion.semiXMm, lesion.semiYMm, 0);
      shape.zMaxMm = -lesion.dTopMm * body.zScale;
      shape.zMinMm = -lesion.dBottomMm * body.zScale;
    } else {
      shape.kind = ShapeKind::Ellipsoid;
      shape.centre = body.at(lesion.x, lesion.y, lesion.d);
      // Soft-tissue lesions keep their measured size in mm whatever the body scale: the truth
      // diameters are what the CT must show.
      shape.semiAxes = lesion.isBone ? body.size(lesion.semiXMm, lesion.semiYMm, lesion.semiDMm)
                                     : Vec3{lesion.semiXMm, lesion.semiYMm, lesion.semiDMm};
    }
    scene.lesionShapes.push_back(shape);
    if (visible) {
      scene.phantom.shapes.push_back(shape);
    }
    // Neuroblastoma calcifies in most primaries: a few dense specks inside the mass.
    if (lesion.withCalcifications && visible) {
      Tissue calcification = tissue;
      calcification.name = "calcification " + lesion.trackingId;
      calcification.hu = 420;
      calcification.huTextureSd = 60;
      const auto calcIndex = static_cast<std::uint8_t>(scene.phantom.tissues.size());
      scene.phantom.tissues.push_back(calcification);
      for (int i = 0; i < 6; ++i) {
        Shape speck;
        speck.kind = ShapeKind::Ellipsoid;
        speck.tissue = calcIndex;
        speck.centre = {shape.centre[0] + random.uniform(-0.55, 0.55) * shape.semiAxes[0],
                        shape.centre[1] + random.uniform(-0.55, 0.55) * shape.semiAxes[1],
                        shape.centre[2] + random.uniform(-0.5, 0.5) * shape.semiAxes[2]};
        const double r = random.uniform(1.2, 2.4);
        speck.semiAxes = {r, r * random.uniform(0.7, 1.3), r};
        scene.phantom.shapes.push_back(speck);
      }
    }
  }
  return scene;
}

}  // namespace nbra::synthetic
