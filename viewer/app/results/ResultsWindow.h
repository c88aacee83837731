#pragma once

#include <QWidget>
#include <functional>
#include <vector>

#include "workflow/results/TrialResults.h"

class QChart;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace nbra::viewer::results {

// Results by arm for the investigators (issue 18): the by-arm counts and response rates with
// their exact intervals, each subject's responses, the notes in plain sight, and the four plots
// in tabs (a plot with nothing to draw says why instead). It shows the results it is given and
// never reads the record: the caller gathers them (workflow::gatherResults), after unmasking.
class ResultsWindow : public QWidget {
  Q_OBJECT
 public:
  explicit ResultsWindow(const workflow::TrialResults& results, QWidget* parent = nullptr);
  ~ResultsWindow() override;

  QTableWidget* armTable() const { return armTable_; }
  QTableWidget* subjectTable() const { return subjectTable_; }
  QTabWidget* tabs() const { return tabs_; }
  QLabel* notesLabel() const { return notes_; }
  // The chart of tab `index`; null for the subjects tab and for a plot with nothing to draw.
  QChart* chartOfTab(int index) const;

  // What the export buttons do once a file is chosen; each returns the error message, empty
  // when the file was written.
  QString exportCurrentChartPng(const QString& path);
  QString exportCurrentChartPdf(const QString& path);
  QString exportResultsPdf(const QString& path);

 private:
  QWidget* buildArmTable();
  QWidget* buildSubjectTable();
  void addChartTab(const QString& title, const QString& fileStem,
                   const std::function<QChart*()>& make);
  void updateButtons();
  void chooseAndExport(const QString& what, const QString& suffix, const QString& filter,
                       QString (ResultsWindow::*write)(const QString&), bool perChart);

  workflow::TrialResults results_;
  QTableWidget* armTable_ = nullptr;
  QTableWidget* subjectTable_ = nullptr;
  QLabel* notes_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QPushButton* exportPng_ = nullptr;
  QPushButton* exportPdf_ = nullptr;
  struct ChartTab {
    QChart* chart = nullptr;  // owned by its QChartView; null when there was nothing to draw
    QString fileStem;         // "waterfall-sod"
  };
  std::vector<ChartTab> chartTabs_;  // by tab index; index 0 is the subjects table
};

}  // namespace nbra::viewer::results
