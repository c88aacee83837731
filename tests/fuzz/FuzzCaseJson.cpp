// The case JSON a reading or a coordinator hands to the rules: the parser, the validation and,
// for a valid case, the INRC 2017 assessment itself.
#include <QByteArray>

#include "scoring/assessment/Assessment.h"
#include "scoring/model/Validation.h"
#include "workflow/casefile/CaseJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = nbra::workflow::parseCase(
      QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
  if (parsed.value && nbra::scoring::validateCase(*parsed.value).empty()) {
    (void)nbra::scoring::assessCase(*parsed.value);
  }
  return 0;
}
