#include "workflow/adjudication/ReaderMetricsReport.h"

#include <map>

#include "workflow/adjudication/ComparisonJson.h"

namespace nbra::workflow {

namespace {

constexpr scoring::DiscordanceVariable kVariables[] = {
    scoring::DiscordanceVariable::OverallResponse, scoring::DiscordanceVariable::Eligibility,
    scoring::DiscordanceVariable::ExtraDoses,      scoring::DiscordanceVariable::NewLesion,
    scoring::DiscordanceVariable::SumOfDiameters,  scoring::DiscordanceVariable::CurieTotal,
    scoring::DiscordanceVariable::SiopenTotal};

QString optionalNumber(const std::optional<double>& v, int decimals) {
  return v ? QString::number(*v, 'f', decimals) : QString();
}

QString limitsRow(const QString& name, const scoring::AgreementLimits& l) {
  return QString("agreement,%1,%2,%3,%4,%5,%6,\n")
      .arg(name)
      .arg(l.n)
      .arg(QString::number(l.meanDifference, 'f', 2), QString::number(l.sdDifference, 'f', 2),
           QString::number(l.lowerLimit, 'f', 2), QString::number(l.upperLimit, 'f', 2));
}

}  // namespace

ReaderMetricsReport readerMetrics(const std::vector<records::ReadingHistoryRow>& history) {
  ReaderMetricsReport r;
  std::map<scoring::DiscordanceVariable, int> triggered;
  std::map<std::string, scoring::ReaderTally> tallies;
  std::vector<std::pair<std::string, std::string>> responses;
  std::vector<std::pair<double, double>> sums;
  std::vector<std::pair<double, double>> curie;
  for (const records::ReadingHistoryRow& row : history) {
    if (!row.current) {
      continue;
    }
    ++r.comparisons;
    const StoredComparison c = comparisonFromJson(row.comparison.comparisonJson);
    if (row.comparison.discordant) {
      ++r.discordant;
    }
    for (const QString& key : row.comparison.triggering) {
      if (const auto v = scoring::variableFromKey(key.toStdString())) {
        ++triggered[*v];
      }
    }
    for (const QString& reader : {row.readerA, row.readerB}) {
      tallies[reader.toStdString()].reader = reader.toStdString();
    }
    if (row.chosenRead) {
      ++r.adjudicated;
      ++tallies[row.readerA.toStdString()].adjudicated;
      ++tallies[row.readerB.toStdString()].adjudicated;
      ++tallies[(*row.chosenRead == "A" ? row.readerA : row.readerB).toStdString()].chosen;
    }
    if (c.outcomeA.overallResponse && c.outcomeB.overallResponse) {
      responses.emplace_back(*c.outcomeA.overallResponse, *c.outcomeB.overallResponse);
    }
    if (c.outcomeA.sumOfDiametersMm && c.outcomeB.sumOfDiametersMm) {
      sums.emplace_back(*c.outcomeA.sumOfDiametersMm, *c.outcomeB.sumOfDiametersMm);
    }
    if (c.outcomeA.curieTotal && c.outcomeB.curieTotal) {
      curie.emplace_back(*c.outcomeA.curieTotal, *c.outcomeB.curieTotal);
    }
  }
  r.adjudicationRate = scoring::rate(r.discordant, r.comparisons);
  for (scoring::DiscordanceVariable v : kVariables) {
    r.variables.push_back({QString::fromStdString(scoring::variableKey(v)),
                           QString::fromStdString(scoring::variableName(v)),
                           scoring::rate(triggered[v], r.comparisons)});
  }
  std::vector<scoring::ReaderTally> list;
  for (const auto& [name, tally] : tallies) {
    list.push_back(tally);
  }
  r.pChart = scoring::adjudicationPChart(list);
  r.responseKappa = scoring::cohensKappa(responses);
  r.sumOfDiameters = scoring::limitsOfAgreement(sums);
  r.curieTotal = scoring::limitsOfAgreement(curie);
  return r;
}

QString readerMetricsCsv(const ReaderMetricsReport& report) {
  // Columns: section, name, n, then per section: rate (count, rate), reader (proportion chosen,
  // centre, lower limit, upper limit, "outside" when beyond the limits), agreement (kappa: p_o,
  // p_e, kappa; limits: mean difference, SD, lower, upper).
  QString csv = "section,name,n,value1,value2,value3,value4,flag\n";
  csv += QString("rate,adjudication (any variable),%1,%2,%3,,,\n")
             .arg(report.adjudicationRate.denominator)
             .arg(report.adjudicationRate.numerator)
             .arg(optionalNumber(report.adjudicationRate.rate, 4));
  for (const VariableRate& v : report.variables) {
    csv += QString("rate,%1,%2,%3,%4,,,\n")
               .arg(v.key)
               .arg(v.rate.denominator)
               .arg(v.rate.numerator)
               .arg(optionalNumber(v.rate.rate, 4));
  }
  // reader rows: n adjudicated, proportion chosen, centre, lower, upper (p-chart)
  for (const scoring::PChartPoint& p : report.pChart) {
    csv += QString("reader,%1,%2,%3,%4,%5,%6,%7\n")
               .arg(QString::fromStdString(p.reader))
               .arg(p.n)
               .arg(QString::number(p.proportion, 'f', 4), QString::number(p.centre, 'f', 4),
                    QString::number(p.lowerLimit, 'f', 4), QString::number(p.upperLimit, 'f', 4))
               .arg(p.outside ? "outside" : "");
  }
  csv += QString("agreement,kappa overall response,%1,%2,%3,%4,,\n")
             .arg(report.responseKappa.n)
             .arg(QString::number(report.responseKappa.observedAgreement, 'f', 4),
                  QString::number(report.responseKappa.expectedAgreement, 'f', 4),
                  optionalNumber(report.responseKappa.kappa, 4));
  csv += limitsRow("sum of diameters mm (mean sd lower upper)", report.sumOfDiameters);
  csv += limitsRow("Curie total (mean sd lower upper)", report.curieTotal);
  return csv;
}

}  // namespace nbra::workflow
