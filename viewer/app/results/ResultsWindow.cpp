#include "viewer/app/results/ResultsWindow.h"

#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "viewer/plots/ChartExport.h"
#include "viewer/plots/PlotError.h"
#include "viewer/plots/ResultsPdf.h"
#include "viewer/plots/ResultsText.h"
#include "viewer/plots/SpiderChart.h"
#include "viewer/plots/SwimmerChart.h"
#include "viewer/plots/WaterfallChart.h"

namespace nbra::viewer::results {

namespace {

// PNGs from the window have the size nbra-plot gives them, so a figure looks the same whichever
// front-end made it.
const QSize kPngSize(1200, 700);

QTableWidgetItem* item(const QString& text, Qt::Alignment align = Qt::AlignLeft) {
  auto* it = new QTableWidgetItem(text);
  it->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  it->setTextAlignment(align | Qt::AlignVCenter);
  return it;
}

QTableWidgetItem* number(int value) {
  return item(QString::number(value), Qt::AlignRight);
}

QTableWidget* makeTable(const QStringList& headers, int rows, QWidget* parent) {
  auto* table = new QTableWidget(rows, static_cast<int>(headers.size()), parent);
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->setVisible(false);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  // No wrapping: a cell breaks its lines where the text says ("\n" between assessments), so
  // a row's height does not depend on the column widths at the time it was measured.
  table->setWordWrap(false);
  return table;
}

QString headerText(const workflow::TrialResults& r) {
  return QObject::tr(
             "<b>Results by arm</b> — %1 subjects · rule set %2 · audit trail up to entry %3 · "
             "results made %4<br>Best overall response %5; response rates with the exact "
             "(Clopper-Pearson) %6. The arms are unmasked: for investigators only.")
      .arg(r.subjects.size())
      .arg(r.ruleSetVersion.isEmpty() ? QObject::tr("(not stated)")
                                      : r.ruleSetVersion.toHtmlEscaped())
      .arg(r.auditHeadSeq)
      .arg(r.madeUtc.toHtmlEscaped())
      .arg(r.settings.bestResponseStopsAtProgression
               ? QObject::tr("counts no assessment after the first PD")
               : QObject::tr("counts every assessment, also after a PD"))
      .arg(plots::intervalName(r.settings));
}

}  // namespace

ResultsWindow::ResultsWindow(const workflow::TrialResults& results, QWidget* parent)
    : QWidget(parent), results_(results) {
  setObjectName("resultsWindow");
  const auto count = results_.subjects.size();
  setWindowTitle(count == 1 ? tr("Results by arm — 1 subject")
                            : tr("Results by arm — %1 subjects").arg(count));
  auto* layout = new QVBoxLayout(this);

  auto* header = new QLabel(headerText(results_), this);
  header->setObjectName("resultsHeader");
  header->setWordWrap(true);
  header->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(header);
  layout->addWidget(buildArmTable());

  // The notes say who is left out of what and why; they change how the numbers read, so they
  // are on the page and not in a tooltip.
  notes_ = new QLabel(this);
  notes_->setObjectName("notes");
  notes_->setWordWrap(true);
  notes_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  notes_->setStyleSheet("background: #fff8e1; border: 1px solid #e0c97a; padding: 4px");
  if (results_.notes.isEmpty()) {
    notes_->hide();
  } else {
    QString html = tr("<b>Notes</b>");
    for (const QString& note : results_.notes)
      html += "<br>• " + note.toHtmlEscaped();
    notes_->setText(html);
  }
  layout->addWidget(notes_);

  tabs_ = new QTabWidget(this);
  tabs_->setObjectName("resultTabs");
  tabs_->addTab(buildSubjectTable(), tr("Subjects"));
  chartTabs_.push_back({});
  using plots::WaterfallMeasure;
  addChartTab(tr("Waterfall: sum of diameters"), "waterfall-sod", [this] {
    return plots::makeWaterfallChart(results_, WaterfallMeasure::SumOfDiameters);
  });
  addChartTab(tr("Waterfall: Curie score"), "waterfall-curie", [this] {
    return plots::makeWaterfallChart(results_, WaterfallMeasure::CurieRelativeScore);
  });
  addChartTab(tr("Spider"), "spider", [this] { return plots::makeSpiderChart(results_); });
  addChartTab(tr("Swimmer"), "swimmer", [this] { return plots::makeSwimmerChart(results_); });
  layout->addWidget(tabs_, 1);

  auto* buttons = new QHBoxLayout;
  exportPng_ = new QPushButton(tr("Export PNG…"), this);
  exportPng_->setObjectName("exportPng");
  exportPdf_ = new QPushButton(tr("Export PDF…"), this);
  exportPdf_->setObjectName("exportPdf");
  auto* exportResults = new QPushButton(tr("Export results PDF…"), this);
  exportResults->setObjectName("exportResultsPdf");
  exportResults->setToolTip(tr("Tables and every plot, A4 landscape, for the trial file"));
  auto* close = new QPushButton(tr("Close"), this);
  buttons->addWidget(exportPng_);
  buttons->addWidget(exportPdf_);
  buttons->addWidget(exportResults);
  buttons->addStretch(1);
  buttons->addWidget(close);
  layout->addLayout(buttons);
  connect(exportPng_, &QPushButton::clicked, this, [this] {
    chooseAndExport(tr("Export PNG"), ".png", tr("PNG image (*.png)"),
                    &ResultsWindow::exportCurrentChartPng, true);
  });
  connect(exportPdf_, &QPushButton::clicked, this, [this] {
    chooseAndExport(tr("Export PDF"), ".pdf", tr("PDF (*.pdf)"),
                    &ResultsWindow::exportCurrentChartPdf, true);
  });
  connect(exportResults, &QPushButton::clicked, this, [this] {
    chooseAndExport(tr("Export results PDF"), ".pdf", tr("PDF (*.pdf)"),
                    &ResultsWindow::exportResultsPdf, false);
  });
  connect(close, &QPushButton::clicked, this, &QWidget::close);
  connect(tabs_, &QTabWidget::currentChanged, this, [this] { updateButtons(); });
  updateButtons();
  // Fits a 1366 x 768 laptop with room for the window frame and the panel.
  setMinimumSize(820, 560);
}

ResultsWindow::~ResultsWindow() = default;

QWidget* ResultsWindow::buildArmTable() {
  const QString ci = plots::intervalName(results_.settings);
  QStringList headers{tr("Arm"), tr("Subjects"), tr("Assessed")};
  headers << plots::responseCategories();
  headers << tr("ORR (CR + PR), %1").arg(ci) << tr("Alternative: CR + PR + MR, %1").arg(ci);
  armTable_ = makeTable(headers, static_cast<int>(results_.arms.size()), this);
  armTable_->setObjectName("armSummary");
  int row = 0;
  for (const workflow::ArmSummary& arm : results_.arms) {
    int column = 0;
    armTable_->setItem(row, column++, item(plots::armSummaryName(arm)));
    armTable_->setItem(row, column++, number(arm.subjects));
    armTable_->setItem(row, column++, number(arm.assessed));
    for (const QString& category : plots::responseCategories())
      armTable_->setItem(row, column++, number(plots::categoryCount(arm, category)));
    armTable_->setItem(row, column++, item(plots::rateText(arm.objectiveResponse)));
    armTable_->setItem(row, column++, item(plots::rateText(arm.objectiveResponseWithMinor)));
    ++row;
  }
  armTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  armTable_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  armTable_->resizeRowsToContents();
  armTable_->setFocusPolicy(Qt::NoFocus);  // a summary to read; the subjects table takes focus
  // As tall as its rows: the by-arm table is the answer and is never scrolled.
  int height = armTable_->horizontalHeader()->sizeHint().height() + 2 * armTable_->frameWidth();
  for (int r = 0; r < armTable_->rowCount(); ++r)
    height += armTable_->rowHeight(r);
  armTable_->setFixedHeight(height + 2);
  armTable_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  return armTable_;
}

QWidget* ResultsWindow::buildSubjectTable() {
  subjectTable_ =
      makeTable({tr("Subject"), tr("Arm"), tr("Days on study"), tr("Response at each assessment"),
                 tr("Best overall response"), tr("Best % change, sum of diameters"),
                 tr("Best % change, Curie score")},
                static_cast<int>(results_.subjects.size()), this);
  subjectTable_->setObjectName("subjectTable");
  int row = 0;
  for (const workflow::SubjectResult& s : results_.subjects) {
    subjectTable_->setItem(row, 0, item(s.studyId));
    subjectTable_->setItem(row, 1, item(plots::armText(s)));
    subjectTable_->setItem(row, 2, number(s.daysOnStudy));
    subjectTable_->setItem(row, 3, item(plots::responsesText(s, "\n")));
    auto* best = item(s.bestResponse.value_or("—"));
    QFont bold = best->font();
    bold.setBold(true);
    best->setFont(bold);
    subjectTable_->setItem(row, 4, best);
    subjectTable_->setItem(
        row, 5, item(plots::percentText(s.bestSumOfDiametersChangePercent), Qt::AlignRight));
    subjectTable_->setItem(row, 6,
                           item(plots::percentText(s.bestCurieChangePercent), Qt::AlignRight));
    ++row;
  }
  subjectTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  subjectTable_->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
  subjectTable_->resizeRowsToContents();
  return subjectTable_;
}

void ResultsWindow::addChartTab(const QString& title, const QString& fileStem,
                                const std::function<QChart*()>& make) {
  try {
    QChart* chart = make();
    auto* view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(480, 300);
    view->setObjectName(fileStem);
    tabs_->addTab(view, title);
    chartTabs_.push_back({chart, fileStem});
  } catch (const plots::PlotError& e) {
    auto* message = new QLabel(tr("Nothing to plot: %1.").arg(QString::fromUtf8(e.what())), this);
    message->setObjectName(fileStem + "Message");
    message->setAlignment(Qt::AlignCenter);
    message->setWordWrap(true);
    message->setStyleSheet("color: #555555; font-size: 13pt; padding: 24px");
    tabs_->addTab(message, title);
    chartTabs_.push_back({nullptr, fileStem});
  }
}

QChart* ResultsWindow::chartOfTab(int index) const {
  return index >= 0 && index < static_cast<int>(chartTabs_.size())
             ? chartTabs_[static_cast<std::size_t>(index)].chart
             : nullptr;
}

void ResultsWindow::updateButtons() {
  const bool chart = chartOfTab(tabs_->currentIndex()) != nullptr;
  exportPng_->setEnabled(chart);
  exportPdf_->setEnabled(chart);
  const QString why = chart ? tr("The plot of this tab") : tr("Choose a tab with a plot");
  exportPng_->setToolTip(why);
  exportPdf_->setToolTip(why);
}

QString ResultsWindow::exportCurrentChartPng(const QString& path) {
  QChart* chart = chartOfTab(tabs_->currentIndex());
  if (!chart)
    return tr("the current tab has no plot to export");
  try {
    plots::exportChartPng(chart, path, kPngSize);
  } catch (const plots::ExportError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

QString ResultsWindow::exportCurrentChartPdf(const QString& path) {
  QChart* chart = chartOfTab(tabs_->currentIndex());
  if (!chart)
    return tr("the current tab has no plot to export");
  try {
    plots::exportChartPdf(chart, path);
  } catch (const plots::ExportError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

QString ResultsWindow::exportResultsPdf(const QString& path) {
  try {
    plots::writeResultsPdf(results_, path);
  } catch (const plots::ExportError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

void ResultsWindow::chooseAndExport(const QString& what, const QString& suffix,
                                    const QString& filter,
                                    QString (ResultsWindow::*write)(const QString&),
                                    bool perChart) {
  const QString stem = perChart
                           ? chartTabs_[static_cast<std::size_t>(tabs_->currentIndex())].fileStem
                           : QStringLiteral("results-by-arm");
  QString path = QFileDialog::getSaveFileName(this, what, stem + suffix, filter);
  if (path.isEmpty())
    return;
  if (!path.endsWith(suffix, Qt::CaseInsensitive))
    path += suffix;
  const QString error = (this->*write)(path);
  if (!error.isEmpty())
    QMessageBox::warning(this, what, error);
}

}  // namespace nbra::viewer::results
