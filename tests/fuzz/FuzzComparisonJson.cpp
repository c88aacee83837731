// The kept comparison of two reads (read_comparisons.comparison_json, workflow/adjudication/
// ComparisonJson.cpp) comes back from the record, where a damaged or hand-edited row can hold any
// text: it is read into outcomes and variables or into an empty comparison, and the reader
// metrics computed on it give numbers or nothing, never a crash, an exception or a NaN.
#include <cmath>

#include "workflow/adjudication/ComparisonJson.h"
#include "workflow/adjudication/ReaderMetricsReport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nbra;
  const QString text =
      QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  const workflow::StoredComparison c = workflow::comparisonFromJson(text);
  records::ReadingHistoryRow row;
  row.readerA = "r1";
  row.readerB = "r2";
  row.comparison.comparisonJson = text;
  row.comparison.discordant = c.discordant;
  row.chosenRead = c.discordant ? std::optional<QString>("A") : std::nullopt;
  const workflow::ReaderMetricsReport report = workflow::readerMetrics({row, row});
  if (!std::isfinite(report.sumOfDiameters.meanDifference) ||
      !std::isfinite(report.curieTotal.sdDifference) ||
      (report.responseKappa.kappa && !std::isfinite(*report.responseKappa.kappa))) {
    __builtin_trap();
  }
  (void)workflow::readerMetricsCsv(report);
  return 0;
}
