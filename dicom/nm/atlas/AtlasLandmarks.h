#pragma once

#include <string>
#include <vector>

#include "dicom/nm/NmViews.h"

namespace nbra::dicom::atlas {

// Body landmarks of one planar whole-body view, in image pixels of the view as stored (x to the
// image right, y down, pixel centres at integers). Rows run head to feet on every whole-body
// sweep; left and right depend on the view, so the side of the patient is carried separately.
struct AtlasLandmarks {
  int imageWidth = 0;
  int imageHeight = 0;
  bool seenFromFront = true;  // anterior view: the patient's right is on the image left

  // Rows, head to feet.
  double vertexY = 0;         // top of the head
  double headBottomY = 0;     // skull base / craniocervical junction (Curie S1/S2)
  double shoulderY = 0;       // top of the shoulders (start of chest and upper arms)
  double elbowY = 0;          // upper arm / forearm
  double thoracolumbarY = 0;  // T12/L1 (Curie S2/S4, lower end of the chest)
  double lumbosacralY = 0;    // L5/S1, about the iliac crests (top of the pelvis)
  double hipY = 0;            // femoral heads (lateral pelvis / thigh boundary)
  double crotchY = 0;         // ischia / pubis (medial pelvis / thigh boundary)
  double fingertipY = 0;      // lower end of the hands
  double kneeY = 0;           // femur / tibia
  double soleY = 0;           // lower end of the feet

  // Columns.
  double midlineX = 0;
  double spineHalfWidth = 0;  // vertebral column strip around the midline
  double headHalfWidth = 0;
  // The boundary between an arm and the trunk/legs on each image side, as a line from the
  // shoulder row (Top) to the fingertip row (Bottom).
  double leftArmTopX = 0;
  double leftArmBottomX = 0;
  double rightArmTopX = 0;
  double rightArmBottomX = 0;
  double leftBodyX = 0;  // outer body edge (arms included), image left / right
  double rightBodyX = 0;

  // How each landmark was found ("profile" or "proportion"), for the reader and the tests.
  std::vector<std::string> notes;
  bool fitted = false;  // false: no body found, the landmarks are proportions of the image

  double leftArmX(double y) const;  // the arm boundary at a row (clamped to its ends)
  double rightArmX(double y) const;
};

// Fits the landmarks to the body in a planar whole-body image (counts): outline by threshold,
// vertex, head, neck, shoulders and soles from the row width profile, the crotch, knees and
// fingertips from gaps and width steps where the image shows them, the rest in proportion to
// those (typical child proportions). Never throws; an empty image gives fitted = false.
AtlasLandmarks fitLandmarks(const PlanarImage& image, bool seenFromFront);

// Adjustable handles: each moves one landmark along one axis.
enum class LandmarkId {
  Vertex,
  HeadBottom,
  Shoulders,
  Elbows,
  Thoracolumbar,
  Lumbosacral,
  Hips,
  Crotch,
  Fingertips,
  Knees,
  Soles,
  Midline,
  SpineWidth,
  LeftArmTop,
  LeftArmBottom,
  RightArmTop,
  RightArmBottom,
};
inline constexpr int kLandmarkCount = 17;

struct LandmarkHandle {
  LandmarkId id;
  const char* name;  // "shoulders", ...
  double x = 0;      // where the handle is drawn (image pixels)
  double y = 0;
  bool vertical = true;  // true: moves up and down (a row); false: left and right (a column)
};

std::vector<LandmarkHandle> landmarkHandles(const AtlasLandmarks& landmarks);

// Moves a handle to (x, y) along its axis, clamped between its anatomical neighbours so the
// outline never folds over itself.
void moveLandmark(AtlasLandmarks& landmarks, LandmarkId id, double x, double y);

const char* landmarkKey(LandmarkId id);  // stable key for JSON, e.g. "shoulderY"
// Reads or writes a landmark's coordinate by key; false when the key is unknown.
bool landmarkValue(const AtlasLandmarks& landmarks, const std::string& key, double& value);
bool setLandmarkValue(AtlasLandmarks& landmarks, const std::string& key, double value);
std::vector<std::string> landmarkKeys();

}  // namespace nbra::dicom::atlas
