// nbra: the NBRA workstation.

#include <QApplication>
#include <QFileInfo>
#include <QInputDialog>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>
#include <QTextStream>
#include <QTreeView>

#include <exception>

#include "dicom/index/ImageIndex.h"
#include "records/database/RecordDatabase.h"
#include "records/database/RecordError.h"
#include "records/users/Role.h"
#include "records/store/TrialRecord.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/view/SliceView.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/version/Version.h"

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
  QApplication::setApplicationVersion(nbra::workflow::versionString());

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
  QCommandLineOption openOption("open", "Open this series folder (or file) in the viewer.", "series-dir");
  QCommandLineOption fusionOption("fusion", "Fuse this PET series folder onto the opened series.",
                                  "pet-dir");
  QCommandLineOption layoutOption("layout", "View layout: single, 1x2, 2x2 or mpr.", "name");
  QCommandLineOption presetOption("preset", "Window preset for the active view (e.g. lung).", "name");
  QCommandLineOption mipOption("mip", "Show the opened series as a maximum intensity projection.");
  // Reading into the trial record: the read of one subject's timepoint by the signed-in reader.
  QCommandLineOption recordOption("record", "Trial record (SQLite file or postgresql:// URL) to read into.", "location");
  QCommandLineOption userOption("user",
                                "User signing in to the trial record (the password is asked): a reader opens the read of "
                                "--timepoint, an investigator or coordinator the subject's response and decisions.",
                                "name");
  QCommandLineOption subjectOption("subject", "Subject of the read (trial study id).", "id");
  QCommandLineOption timepointOption("timepoint", "Timepoint of the read (its label).", "label");
  QCommandLineOption baselineOption("baseline",
                                    "Read the timepoint as a follow-up of this one (the reader's signed read of it).",
                                    "label");
  QCommandLineOption noSignInOption("no-sign-in",
                                    "Do not ask for a trial record at start (images only; File > Sign in later).");
  parser.addOptions({indexOption, selectOption, screenshotOption, openOption, fusionOption,
                     layoutOption, presetOption, mipOption, recordOption, userOption, subjectOption,
                     timepointOption, baselineOption, noSignInOption});
  parser.addPositionalArgument("paths", "Folders, DICOMDIRs or files to import at start.",
                               "[paths...]");
  parser.process(app);

  const QString indexPath = parser.isSet(indexOption)
                                ? parser.value(indexOption)
                                : QString::fromStdString(nbra::dicom::defaultIndexPath());
  // The record outlives the window, which holds the open read.
  std::unique_ptr<nbra::records::RecordDatabase> recordDb;
  std::unique_ptr<nbra::records::TrialRecord> record;
  std::unique_ptr<nbra::viewer::MainWindow> window;
  try {
    window = std::make_unique<nbra::viewer::MainWindow>(indexPath);
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, "NBRA", QString::fromStdString(e.what()));
    return 2;
  }
  window->show();
  // The trial record. Without --user the person signs in from the workstation: the sign-in
  // dialog (record remembered, retries, lock-out) opens once the window is up, unless the
  // workstation was started for a picture or a scripted series. --record and --user remain for
  // scripts and demos; a refusal there is a dialog and the window stays open for another try.
  const bool scripted = parser.isSet(screenshotOption) || parser.isSet(openOption) ||
                        parser.isSet(noSignInOption);
  if (parser.isSet(recordOption) && parser.isSet(userOption)) {
    const QString location = parser.value(recordOption);
    try {
      if (!location.startsWith("postgresql://") && !QFileInfo::exists(location)) {
        throw std::runtime_error(QString("There is no trial record at '%1'. Choose an existing "
                                         "record, or create one (File > Sign in > New record…).")
                                     .arg(location)
                                     .toStdString());
      }
      recordDb = std::make_unique<nbra::records::RecordDatabase>(location);
      record = std::make_unique<nbra::records::TrialRecord>(*recordDb);
      window->setRecordLocation(location);
      // Retries, as in the sign-in dialog: a wrong password is said and asked again.
      QString prompt = QString("Password of %1:").arg(parser.value(userOption));
      for (;;) {
        bool ok = false;
        const QString password = QInputDialog::getText(window.get(), "NBRA — sign in", prompt,
                                                       QLineEdit::Password, {}, &ok);
        if (!ok) throw std::runtime_error("sign-in cancelled: the workstation shows images only");
        try {
          record->signIn(parser.value(userOption), password);
          break;
        } catch (const nbra::records::RecordError& e) {
          prompt = QString::fromUtf8(e.what()) + "\n\nPassword of " + parser.value(userOption) + ":";
        }
      }
      if (record->actor().role == nbra::records::Role::Reader) {
        if (!parser.isSet(subjectOption) || !parser.isSet(timepointOption)) {
          window->setTrialSubject(*record, {});
          window->openStartWindow();
        } else {
          const QString error = window->openRead(*record, parser.value(subjectOption),
                                                 parser.value(timepointOption), parser.value(baselineOption));
          if (!error.isEmpty()) throw std::runtime_error(error.toStdString());
        }
      } else if (parser.isSet(subjectOption)) {
        // Investigators and coordinators work on the subject's response and decisions.
        record->subject(parser.value(subjectOption));  // refuses an unknown subject by name
        window->setTrialSubject(*record, parser.value(subjectOption));
        window->openDecisions();
      } else {
        window->setTrialSubject(*record, {});
        window->openStartWindow();
      }
    } catch (const std::exception& e) {
      QMessageBox::critical(window.get(), "NBRA", QString::fromUtf8(e.what()));
    }
  } else if (!scripted) {
    const QString location = parser.value(recordOption);
    const QString user = parser.value(userOption);
    QTimer::singleShot(0, window.get(), [&window, location, user] { window->signInInteractive(location, user); });
  }

  const QString screenshot = parser.value(screenshotOption);
  const QString modality = parser.value(selectOption);
  nbra::viewer::ViewLayout layout = nbra::viewer::ViewLayout::Single;
  if (parser.isSet(layoutOption) && !nbra::viewer::parseLayout(parser.value(layoutOption), layout)) {
    QTextStream(stderr) << "nbra: unknown layout '" << parser.value(layoutOption)
                        << "' (single, 1x2, 2x2, mpr)\n";
    return 2;
  }
  window->viewer()->setViewLayout(layout);

  // After the import: open the series, then the fusion, then take the picture. Each step waits
  // for the previous one's signal, so the picture shows what was asked for.
  int failures = 0;
  auto takeScreenshot = [&] {
    if (screenshot.isEmpty()) return;
    QTimer::singleShot(400, [&] {
      for (auto* view : window->viewer()->visibleViews()) view->renderedImage();  // MIPs done
      QApplication::processEvents();
      const bool saved = window->grab().save(screenshot);
      QApplication::exit(saved && failures == 0 ? 0 : 1);  // a picture of a failure is a failure
    });
  };
  auto openFusion = [&] {
    if (parser.isSet(fusionOption)) {
      QObject::connect(window.get(), &nbra::viewer::MainWindow::seriesOpened, window.get(),
                       [&](const QString& error) {
                         if (!error.isEmpty()) ++failures;
                         takeScreenshot();
                       }, Qt::SingleShotConnection);
      window->openFolder(parser.value(fusionOption));
    } else {
      takeScreenshot();
    }
  };
  auto afterImport = [&] {
    if (!modality.isEmpty()) {
      selectFirstSeries(*window, modality);
    }
    if (parser.isSet(openOption)) {
      QObject::connect(window.get(), &nbra::viewer::MainWindow::seriesOpened, window.get(),
                       [&](const QString& error) {
                         if (!error.isEmpty()) {
                           QTextStream(stderr) << "nbra: " << error << "\n";
                           ++failures;
                         } else {
                           auto* view = window->viewer()->activeView();
                           if (parser.isSet(mipOption)) view->setProjection(true);
                           if (parser.isSet(presetOption)) view->applyPreset(parser.value(presetOption));
                         }
                         openFusion();
                       }, Qt::SingleShotConnection);
      window->openFolder(parser.value(openOption));
    } else {
      takeScreenshot();
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
