// nbra: the NBRA workstation.

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>
#include <QTreeView>

#include <exception>

#include "dicom/index/ImageIndex.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/window/MainWindow.h"
#include "viewer/version/Version.h"

namespace {

// Selects the first series of a modality (for scripted screenshots and demos).
void selectFirstSeries(nbra::viewer::MainWindow& window, const QString& modality) {
  auto* model = window.studyModel();
  const QModelIndexList hits =
      model->match(model->index(0, nbra::viewer::StudyTreeModel::kModality), Qt::DisplayRole,
                   modality, 1, Qt::MatchExactly | Qt::MatchRecursive);
  if (!hits.isEmpty()) {
    window.studyTree()->setCurrentIndex(hits.front().siblingAtColumn(0));
  }
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("nbra");
  QApplication::setApplicationVersion(nbra::viewer::versionString());

  QCommandLineParser parser;
  parser.setApplicationDescription("NBRA imaging response assessment workstation");
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption indexOption("index", "Image index file (default: per-user data folder).",
                                 "file");
  QCommandLineOption selectOption("select-modality",
                                  "After importing, select the first series of this modality.",
                                  "modality");
  QCommandLineOption screenshotOption(
      "screenshot", "After importing, save a picture of the window to this PNG and quit.", "png");
  parser.addOptions({indexOption, selectOption, screenshotOption});
  parser.addPositionalArgument("paths", "Folders, DICOMDIRs or files to import at start.",
                               "[paths...]");
  parser.process(app);

  const QString indexPath = parser.isSet(indexOption)
                                ? parser.value(indexOption)
                                : QString::fromStdString(nbra::dicom::defaultIndexPath());
  std::unique_ptr<nbra::viewer::MainWindow> window;
  try {
    window = std::make_unique<nbra::viewer::MainWindow>(indexPath);
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, "NBRA", QString::fromStdString(e.what()));
    return 2;
  }
  window->show();

  const QString screenshot = parser.value(screenshotOption);
  const QString modality = parser.value(selectOption);
  auto afterImport = [&] {
    if (!modality.isEmpty()) {
      selectFirstSeries(*window, modality);
    }
    if (!screenshot.isEmpty()) {
      // Let the layout and the preview settle before the picture is taken.
      QTimer::singleShot(300, [&] {
        const bool saved = window->grab().save(screenshot);
        QApplication::exit(saved ? 0 : 1);
      });
    }
  };
  QObject::connect(window.get(), &nbra::viewer::MainWindow::importFinished, window.get(),
                   afterImport);
  if (!parser.positionalArguments().isEmpty()) {
    window->importPaths(parser.positionalArguments());
  } else {
    afterImport();
  }
  return app.exec();
}
