// The results figures of the docs from the hand-made test results (run by hand, not a test):
//   nbra_results_screenshots json > results.json      the results JSON for nbra-plot
//   nbra_results_screenshots window OUT.png [TAB]     the results window (1326 x 708, tab TAB)
//   nbra_results_screenshots show TAB SECONDS         the window sized as Trial > Results by arm
//                                                     sizes it, for a screenshot of a real desktop
//                                                     (Xvfb + openbox + import -window root)
// docs/plot-*.png are nbra-plot's PNGs of that JSON (docs/results.md says how).
#include <QApplication>
#include <QJsonDocument>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

#include "tests/viewer/ResultsTestData.h"
#include "viewer/app/results/ResultsWindow.h"
#include "viewer/app/window/ScreenFit.h"

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  const QStringList args = QApplication::arguments();
  QTextStream err(stderr);
  const nbra::workflow::TrialResults results = nbra::testing::handMadeResults();
  if (args.size() == 2 && args[1] == "json") {
    QTextStream(stdout) << QJsonDocument(nbra::workflow::resultsToJson(results)).toJson();
    return 0;
  }
  if ((args.size() == 3 || args.size() == 4) && args[1] == "window") {
    nbra::viewer::results::ResultsWindow window(results);
    // The room a 1366 x 768 screen leaves inside the window frame and the desktop's panel.
    window.resize(1326, 708);
    if (args.size() == 4)
      window.tabs()->setCurrentIndex(args[3].toInt());
    window.show();
    QApplication::processEvents();
    return window.grab().save(args[2]) ? 0 : 1;
  }
  if (args.size() == 4 && args[1] == "show") {
    nbra::viewer::results::ResultsWindow window(results);
    nbra::viewer::resizeWithinScreen(&window, QSize(1280, 860));  // as MainWindow::openResults
    window.tabs()->setCurrentIndex(args[2].toInt());
    window.move(10, 10);
    window.show();
    QTimer::singleShot(args[3].toInt() * 1000, &app, &QApplication::quit);
    return QApplication::exec();
  }
  err << "usage: nbra_results_screenshots json | window OUT.png [TAB] | show TAB SECONDS\n";
  return 2;
}
