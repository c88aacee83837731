#pragma once

#include <QWidget>

#include "records/store/TrialRecord.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "workflow/adjudication/ReaderMetricsReport.h"

class QLabel;
class QPushButton;

namespace nbra::viewer::adjudication {

class PChartWidget;

// Trial > Reader metrics (investigators and the administrator): how the blinded double reading
// performs, from the record's reading history (workflow::readerMetrics): the adjudication rate
// overall and per variable, the adjudicator's choices by reader with their p-chart, Cohen's kappa
// of the overall response and the Bland-Altman limits of the sum of diameters and the Curie total.
// Descriptive only; "Export CSV..." writes the same numbers (workflow::readerMetricsCsv).
class ReaderMetricsWindow : public QWidget {
  Q_OBJECT
 public:
  // Throws the record's refusal for a role that may not see reader metrics.
  explicit ReaderMetricsWindow(records::TrialRecord& record, QWidget* parent = nullptr);
  QSize sizeHint() const override;

  void refresh();
  // Writes the CSV to `path`; the error message, empty when written.
  QString exportCsv(const QString& path);
  const workflow::ReaderMetricsReport& report() const { return report_; }
  QTableWidget* variables() const { return variables_; }
  QTableWidget* readers() const { return readers_; }
  QTableWidget* agreement() const { return agreement_; }
  PChartWidget* chart() const { return chart_; }

 private:
  void chooseCsv();

  records::TrialRecord& record_;
  workflow::ReaderMetricsReport report_;
  QLabel* summary_ = nullptr;
  QLabel* kappa_ = nullptr;
  protocol::FittedTable* variables_ = nullptr;
  protocol::FittedTable* readers_ = nullptr;
  protocol::FittedTable* agreement_ = nullptr;
  PChartWidget* chart_ = nullptr;
};

}  // namespace nbra::viewer::adjudication
