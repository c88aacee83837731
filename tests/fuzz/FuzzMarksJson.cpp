// The marks saved with a read (reads.marks_json): parsed, and whatever is accepted must write
// back to text that is accepted again (the autosave round trip).
#include <cstdlib>

#include "viewer/app/read/MarksJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nbra::viewer::SavedReading reading;
  QString error;
  const QString text =
      QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  if (!nbra::viewer::fromMarksJson(text, reading, error))
    return 0;
  nbra::viewer::SavedReading again;
  if (!nbra::viewer::fromMarksJson(nbra::viewer::toMarksJson(reading), again, error)) {
    std::abort();  // a reading we accepted does not survive its own save
  }
  return 0;
}
