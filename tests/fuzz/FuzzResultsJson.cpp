// The results JSON nbra-plot reads on stdin (workflow/results/ResultsJson.cpp): any text is read
// into results or refused with a RecordError naming the member, never a crash; what is read
// survives a write and a second read unchanged.
#include <QJsonDocument>
#include <cstdlib>

#include "records/database/RecordError.h"
#include "workflow/results/TrialResults.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QJsonDocument doc = QJsonDocument::fromJson(
      QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
  if (!doc.isObject()) {
    return 0;
  }
  try {
    const nbra::workflow::TrialResults results = nbra::workflow::resultsFromJson(doc.object());
    const QJsonObject once = nbra::workflow::resultsToJson(results);
    if (nbra::workflow::resultsToJson(nbra::workflow::resultsFromJson(once)) != once) {
      std::abort();
    }
  } catch (const nbra::records::RecordError&) {
  }
  return 0;
}
