#pragma once

#include <QString>
#include <vector>

#include "viewer/app/lesions/TrackedLesion.h"
#include "viewer/app/measure/Measurement.h"

namespace nbra::viewer {

// A reading's marks and lesion table as saved with the read (reads.marks_json). Every number
// is written with the shortest text that reads back to the same double, so a reopened read
// restores each mark bit for bit.
struct SavedReading {
  std::vector<Measurement> marks;
  std::vector<TrackedLesion> lesions;
  double sliceThicknessMm = 0;
  bool followUp = false;
};

QString toMarksJson(const SavedReading& reading);
// Refuses (message naming the field) text that is not a reading of this format.
bool fromMarksJson(const QString& json, SavedReading& out, QString& error);

}  // namespace nbra::viewer
