#include "viewer/app/adjudication/ReaderMetricsWindow.h"

#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

#include "viewer/app/adjudication/PChartWidget.h"
#include "viewer/app/decide/PanelStyle.h"

namespace nbra::viewer::adjudication {

namespace {

const QString kTitle = "Reader metrics";

QString fixed(double v, int decimals) {
  return QString::number(v, 'f', decimals);
}

QString rateText(const scoring::RateResult& r) {
  if (!r.rate) {
    return "undefined (none compared)";
  }
  return fixed(*r.rate * 100.0, 1) + " %";
}

QGroupBox* box(const QString& title, QWidget* parent) {
  auto* b = new QGroupBox(title, parent);
  new QVBoxLayout(b);
  return b;
}

}  // namespace

ReaderMetricsWindow::ReaderMetricsWindow(records::TrialRecord& record, QWidget* parent)
    : QWidget(parent), record_(record) {
  record_.require(records::Permission::ViewReaderMetrics);
  setObjectName("readerMetricsWindow");
  const records::Actor& a = record_.actor();
  setWindowTitle(
      QString("%1 — %2 (%3), %4").arg(kTitle, a.fullName, a.userName, records::roleName(a.role)));
  auto* layout = protocol::scrolledPage(this);
  QWidget* page = layout->parentWidget();

  auto* who = new QLabel(QString("<b>Reader metrics of the blinded double reading</b> — %1 "
                                 "Descriptive only: nothing here changes a read of record. "
                                 "Read A is reader 1's read of a timepoint, read B reader 2's.")
                             .arg(protocol::signedInText(record_).toHtmlEscaped()),
                         page);
  who->setObjectName("who");
  who->setWordWrap(true);
  layout->addWidget(who);
  summary_ = new QLabel(page);
  summary_->setObjectName("summary");
  summary_->setWordWrap(true);
  summary_->setStyleSheet(decide::kProposalStyle);
  layout->addWidget(summary_);

  auto* top = new QHBoxLayout;
  QGroupBox* rates = box("How often each variable sent a timepoint to adjudication", page);
  variables_ = new protocol::FittedTable({"Variable", "Triggered", "Of", "Rate"}, "variableRates",
                                         10, rates);
  rates->layout()->addWidget(variables_);
  top->addWidget(rates, 1);
  QGroupBox* agree = box("Agreement between the two readers", page);
  kappa_ = new QLabel(agree);
  kappa_->setObjectName("kappa");
  kappa_->setWordWrap(true);
  agree->layout()->addWidget(kappa_);
  agreement_ = new protocol::FittedTable(
      {"Bland-Altman", "Pairs", "Mean A − B", "SD", "Lower limit", "Upper limit"}, "agreement", 4,
      agree);
  agree->layout()->addWidget(agreement_);
  static_cast<QVBoxLayout*>(agree->layout())->addStretch();
  top->addWidget(agree, 1);
  layout->addLayout(top);

  auto* bottom = new QHBoxLayout;
  QGroupBox* choices = box("The adjudicator's choices by reader (p-chart)", page);
  readers_ = new protocol::FittedTable({"Reader", "Adjudicated", "Chosen", "Proportion", "Centre",
                                        "Lower limit", "Upper limit", "Flag"},
                                       "readers", 12, choices);
  choices->layout()->addWidget(readers_);
  static_cast<QVBoxLayout*>(choices->layout())->addStretch();
  bottom->addWidget(choices, 3);
  QGroupBox* chartBox = box("p-chart", page);
  chart_ = new PChartWidget(chartBox);
  chartBox->layout()->addWidget(chart_);
  bottom->addWidget(chartBox, 2);
  layout->addLayout(bottom);

  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  auto* refreshButton = new QPushButton("Refresh", page);
  refreshButton->setObjectName("refresh");
  buttons->addWidget(refreshButton);
  auto* exportButton = new QPushButton("Export CSV…", page);
  exportButton->setObjectName("exportCsv");
  buttons->addWidget(exportButton);
  layout->addLayout(buttons);
  layout->addStretch();

  connect(refreshButton, &QPushButton::clicked, this, [this] { refresh(); });
  connect(exportButton, &QPushButton::clicked, this, [this] { chooseCsv(); });
  refresh();
  setMinimumSize(760, 480);
}

QSize ReaderMetricsWindow::sizeHint() const {
  return {1240, 720};
}

void ReaderMetricsWindow::refresh() {
  try {
    report_ = workflow::readerMetrics(record_.readingHistory());
  } catch (const std::exception& e) {
    protocol::showRefusal(this, kTitle, e);
    return;
  }
  const workflow::ReaderMetricsReport& r = report_;
  summary_->setText(QString("<b>Adjudication rate: %1</b> — %2 of %3 compared pairs of reads "
                            "were discordant; %4 adjudicated so far. Only current pairs count "
                            "(a pair replaced by a correction is history).")
                        .arg(rateText(r.adjudicationRate))
                        .arg(r.discordant)
                        .arg(r.comparisons)
                        .arg(r.adjudicated));

  variables_->setRowCount(0);
  for (const workflow::VariableRate& v : r.variables) {
    const int row = variables_->rowCount();
    variables_->insertRow(row);
    protocol::setTableRow(variables_, row,
                          {v.name, QString::number(v.rate.numerator),
                           QString::number(v.rate.denominator), rateText(v.rate)});
  }
  variables_->refit();

  const scoring::KappaResult& k = r.responseKappa;
  kappa_->setText(
      QString("<b>Cohen's kappa, overall INRC response</b>: %1 pair%2, p<sub>o</sub> = %3, "
              "p<sub>e</sub> = %4, <b>kappa = %5</b>")
          .arg(k.n)
          .arg(k.n == 1 ? "" : "s")
          .arg(fixed(k.observedAgreement, 3), fixed(k.expectedAgreement, 3),
               k.kappa ? fixed(*k.kappa, 3)
                       : QString(k.n == 0 ? "undefined (no pairs)"
                                          : "undefined (both readers always gave one same "
                                            "response)")));

  agreement_->setRowCount(0);
  const auto limits = [&](const QString& name, const scoring::AgreementLimits& l, int decimals) {
    const int row = agreement_->rowCount();
    agreement_->insertRow(row);
    protocol::setTableRow(agreement_, row,
                          {name, QString::number(l.n), fixed(l.meanDifference, decimals),
                           fixed(l.sdDifference, decimals), fixed(l.lowerLimit, decimals),
                           fixed(l.upperLimit, decimals)});
  };
  limits("sum of diameters (mm)", r.sumOfDiameters, 1);
  limits("Curie total", r.curieTotal, 2);
  agreement_->refit();

  readers_->setRowCount(0);
  for (const scoring::PChartPoint& p : r.pChart) {
    const int row = readers_->rowCount();
    readers_->insertRow(row);
    const int chosen = static_cast<int>(std::lround(p.proportion * p.n));
    protocol::setTableRow(
        readers_, row,
        {QString::fromStdString(p.reader), QString::number(p.n), QString::number(chosen),
         p.n > 0 ? fixed(p.proportion * 100.0, 1) + " %" : QString("-"),
         fixed(p.centre * 100.0, 1) + " %", fixed(p.lowerLimit * 100.0, 1) + " %",
         fixed(p.upperLimit * 100.0, 1) + " %",
         p.outside ? QString("OUTSIDE the limits")
         : p.n > 0 ? QString("within")
                   : QString("-")});
    if (p.outside) {
      protocol::toneRow(readers_, row, protocol::Tone::Stop);
    }
  }
  readers_->refit();
  chart_->setPoints(r.pChart);
}

QString ReaderMetricsWindow::exportCsv(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    return QString("cannot write '%1': %2").arg(path, file.errorString());
  }
  file.write(workflow::readerMetricsCsv(report_).toUtf8());
  if (!file.commit()) {
    return QString("cannot write '%1': %2").arg(path, file.errorString());
  }
  return {};
}

void ReaderMetricsWindow::chooseCsv() {
  const QString path = QFileDialog::getSaveFileName(this, "Export reader metrics",
                                                    "reader-metrics.csv", "CSV files (*.csv)");
  if (path.isEmpty()) {
    return;
  }
  const QString error = exportCsv(path);
  if (!error.isEmpty()) {
    protocol::showRefusal(this, kTitle, error);
  }
}

}  // namespace nbra::viewer::adjudication
