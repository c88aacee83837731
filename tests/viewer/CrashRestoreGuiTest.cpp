// Kill -9 of the workstation in the middle of a read (issue #19's acceptance): a real workstation
// process (this binary run with --child) signs in, opens a read, draws three marks and waits for
// its autosave to write them to the crash journal; the test kills it with SIGKILL, starts a
// workstation again (in this process), opens the same read and restores: the draft holds every
// mark made up to the last autosave, and saving it puts them in the record.

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cstdio>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/viewer/ModalScript.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/session/TrialSession.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/reads/ReaderReads.h"

using namespace nbra::viewer;
namespace rec = nbra::records;

namespace {

const QString kPassword = "crash pass 3";
const double kLengthsMm[] = {11.5, 22.25, 33.125};

bool journalHasEntry(const QString& dir) {
  QDirIterator it(dir, {"*.json"}, QDir::Files);
  return it.hasNext();
}

// The workstation that is killed: signs in, opens the read, draws, waits for the autosave.
int runChild(int argc, char** argv) {
  QApplication app(argc, argv);
  const QString record = argv[2], index = argv[3], journal = argv[4];
  MainWindow window(index);
  window.show();
  auto session = session::openTrialRecord(record);
  session->record->signIn("reader", kPassword);
  if (!window.adoptSession(std::move(session)))
    return 3;
  const QString error = window.openRead(*window.trialRecord(), "NB-401", "baseline");
  if (!error.isEmpty()) {
    std::fprintf(stderr, "child: %s\n", qPrintable(error));
    return 4;
  }
  for (double mm : kLengthsMm) {
    Measurement m;
    m.kind = MeasurementKind::Caliper;
    m.longEndMm = {mm, 0, 0};
    window.viewer()->readingMarks()->add(m);
  }
  std::printf("marks drawn, waiting %lld s for the autosave\n",
              static_cast<long long>(window.autosaveInterval().count()));
  std::fflush(stdout);
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, [&] {
    if (journalHasEntry(journal)) {
      std::printf("autosaved\n");
      std::fflush(stdout);
      poll.stop();
    }
  });
  poll.start(50);
  return app.exec();  // until killed
}

}  // namespace

class CrashRestoreGuiTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    rec::RecordDatabase db(dir_.filePath("trial.sqlite"));
    rec::TrialRecord r(db, rec::HashCost::Minimal);
    r.bootstrapAdministrator("admin", "Ada Admin", kPassword);
    r.createUser("coord", "Cora Coordinator", rec::Role::Coordinator, kPassword);
    r.createUser("reader", "Dr Rita Reader", rec::Role::Reader, kPassword);
    r.signIn("coord", kPassword);
    r.createSubject({"NB-401", "M", std::nullopt, 5.0});
    r.addTimepoint("NB-401", "baseline", "baseline", QDate(2026, 2, 2), {});
  }

  void aKilledReadComesBackFromTheJournal() {
    const QString journal = dir_.filePath("journal");
    const QString record = dir_.filePath("trial.sqlite");
    const QString index = dir_.filePath("index.sqlite");
    qputenv("NBRA_JOURNAL_DIR", journal.toUtf8());
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("NBRA_JOURNAL_DIR", journal);
    env.insert("NBRA_AUTOSAVE_SECONDS", "5");  // the shortest interval the setting allows
    env.insert("XDG_CONFIG_HOME", dir_.filePath("child-config"));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {"--child", record, index, journal});
    QVERIFY(child.waitForStarted(10000));
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (!out.contains("autosaved") && waited.elapsed() < 60000 &&
           child.state() == QProcess::Running) {
      child.waitForReadyRead(500);
      out += child.readAllStandardOutput();
    }
    QVERIFY2(out.contains("autosaved"), (out + child.readAllStandardError()).constData());
    // Nothing was saved to the record: only the journal has the marks.
    {
      rec::RecordDatabase db(record);
      rec::TrialRecord r(db);
      r.signIn("reader", kPassword);
      QVERIFY(!nbra::workflow::ownLatestRead(r, "NB-401", "baseline"));
    }
    child.kill();  // SIGKILL: no close event, no prompt, no save
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    // The next start: the same read, the journal's draft offered back and restored.
    nbra::viewer::testing::ModalScript modals;
    modals.click("Restore", "journalRestorePrompt");
    MainWindow window(index);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto session = session::openTrialRecord(record);
    session->record->signIn("reader", kPassword);
    QVERIFY(window.adoptSession(std::move(session)));
    QCOMPARE(window.openRead(*window.trialRecord(), "NB-401", "baseline"), QString());
    QVERIFY2(modals.done(), "no offer to restore the journal's draft");
    QVERIFY2(modals.boxes.value(0).contains("3 marks"), qPrintable(modals.boxes.join('|')));
    const auto& marks = window.viewer()->readingMarks()->all();
    QCOMPARE(marks.size(), std::size_t{3});
    for (std::size_t i = 0; i < 3; ++i)
      QCOMPARE(marks[i].longEndMm[0], kLengthsMm[i]);
    QVERIFY(window.isReadDirty());  // restored, not yet in the record
    QVERIFY(window.saveRead());
    QVERIFY(!journalHasEntry(journal));  // the record has it: the journal lets go
    auto check = session::openTrialRecord(record);
    check->record->signIn("reader", kPassword);
    const auto saved = nbra::workflow::ownLatestRead(*check->record, "NB-401", "baseline");
    QVERIFY(saved);
    SavedReading reading;
    QString error;
    QVERIFY2(fromMarksJson(saved->content.marksJson, reading, error), qPrintable(error));
    QCOMPARE(reading.marks.size(), std::size_t{3});
  }
};

int main(int argc, char** argv) {
  if (argc >= 5 && QByteArray(argv[1]) == "--child") {
    return runChild(argc, argv);
  }
  QApplication app(argc, argv);
  CrashRestoreGuiTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "CrashRestoreGuiTest.moc"
