#pragma once

// Both reads' marks on the same picture, in their two colours: each read's calipers (long and
// short axis, as saved with the lesion in millimetres) grouped by the image they were drawn on,
// read A blue and solid, read B orange and dashed, labelled by tracking id. A schematic, and it
// says so: the images themselves are not loaded in the adjudication window, only the calipers'
// end points, drawn to scale in the image plane.

#include <QStringList>
#include <QWidget>
#include <array>
#include <optional>
#include <vector>

#include "viewer/app/adjudication/ReadColours.h"
#include "workflow/adjudication/AdjudicationCase.h"

class QLabel;

namespace nbra::viewer::adjudication {

struct Caliper {
  QString trackingId;
  Read read = Read::A;
  std::array<double, 3> start{};
  std::array<double, 3> end{};
  std::optional<std::array<double, 3>> shortStart;
  std::optional<std::array<double, 3>> shortEnd;
};

// The calipers drawn on one image (one SOP instance, and frame when multi-frame).
struct CaliperImage {
  QString sopInstanceUid;
  std::optional<int> frame;
  std::vector<Caliper> calipers;
};

// Both reads' placed calipers by image, in the order the lesions are listed; `unplaced` gets the
// lesions of either read without an image or end points ("P1 (A, B)").
std::vector<CaliperImage> caliperImages(const std::vector<workflow::LesionPair>& lesions,
                                        QStringList* unplaced = nullptr);

class CaliperCanvas;

class MarksOverlay : public QWidget {
  Q_OBJECT
 public:
  explicit MarksOverlay(QWidget* parent = nullptr);
  void setLesions(const std::vector<workflow::LesionPair>& lesions);
  const std::vector<CaliperImage>& images() const;
  QLabel* note() const { return note_; }

 private:
  QLabel* note_ = nullptr;
  QLabel* unplaced_ = nullptr;
  CaliperCanvas* canvas_ = nullptr;
};

}  // namespace nbra::viewer::adjudication
