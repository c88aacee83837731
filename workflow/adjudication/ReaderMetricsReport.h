#pragma once

// Reader performance of the blinded double reading (docs/adjudication.md), from the record's
// reading history: how often each variable sent a timepoint to adjudication, how often the
// adjudicator chose each reader's read (p-chart), and how well the readers agree (Cohen's kappa
// on the overall response, Bland-Altman limits on the sum of diameters and the Curie total).
// Only current comparisons count (one replaced by a correction is history, not a second pair).

#include <QString>
#include <vector>

#include "records/store/ReadingRecords.h"
#include "scoring/adjudication/ReaderMetrics.h"

namespace nbra::workflow {

struct VariableRate {
  QString key;
  QString name;
  scoring::RateResult rate;  // comparisons in which it triggered / comparisons
};

struct ReaderMetricsReport {
  int comparisons = 0;
  int discordant = 0;
  int adjudicated = 0;
  scoring::RateResult adjudicationRate;  // discordant / comparisons
  std::vector<VariableRate> variables;
  std::vector<scoring::PChartPoint> pChart;
  scoring::KappaResult responseKappa;
  scoring::AgreementLimits sumOfDiameters;
  scoring::AgreementLimits curieTotal;
};

ReaderMetricsReport readerMetrics(const std::vector<records::ReadingHistoryRow>& history);

// One CSV: a "section" column (rate, reader, agreement) then name and values, in the units named.
QString readerMetricsCsv(const ReaderMetricsReport& report);

}  // namespace nbra::workflow
