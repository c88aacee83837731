// The workstation as a person starts it, without command-line flags (docs/workstation.md): the
// sign-in dialog (a missing record, a wrong password and a locked account said in the dialog,
// which stays open for another try), a new record with its administrator, the start window of
// each role, the title bar and the banner of a signed read, and the question asked before an
// unsaved read is lost by quitting, closing or opening another read.

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/support/SyntheticDicom.h"
#include "tests/viewer/ModalScript.h"
#include "viewer/app/adjudication/WorklistWindow.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/lesions/LesionPanel.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/session/AccountsWindow.h"
#include "viewer/app/session/NewRecordDialog.h"
#include "viewer/app/session/RecentRecords.h"
#include "viewer/app/session/SignInDialog.h"
#include "viewer/app/session/StudyDropList.h"
#include "viewer/app/session/SubjectsWindow.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/reads/ReaderReads.h"

using namespace nbra::viewer;
namespace rec = nbra::records;
using nbra::viewer::testing::ModalScript;

namespace {

// A mark that changes the read (no image needed: the read keeps marks in patient mm).
void drawMark(MainWindow& window, double lengthMm) {
  Measurement m;
  m.kind = MeasurementKind::Caliper;
  m.longStartMm = {0, 0, 0};
  m.longEndMm = {lengthMm, 0, 0};
  window.viewer()->readingMarks()->add(m);
}

std::unique_ptr<session::TrialSession> signedIn(const QString& location, const QString& user,
                                                const QString& password) {
  auto s = session::openTrialRecord(location);
  s->record->signIn(user, password);
  return s;
}

template <typename T>
T* topLevel() {
  for (QWidget* w : QApplication::topLevelWidgets()) {
    if (auto* t = qobject_cast<T*>(w); t && w->isVisible())
      return t;
  }
  for (QWidget* w : QApplication::allWidgets()) {
    if (auto* t = qobject_cast<T*>(w); t && w->isWindow() && w->isVisible())
      return t;
  }
  return nullptr;
}

}  // namespace

class SessionGuiTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString record_;
  const QString pw_ = "session pass 7";

  QString index() const { return dir_.filePath("index.sqlite"); }

  std::optional<rec::ReadRecord> readerRead(const QString& label) {
    auto s = signedIn(record_, "reader", pw_);
    return nbra::workflow::ownLatestRead(*s->record, "NB-301", label);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);  // QSettings and the journal in a test place
    QSettings().clear();
    qputenv("NBRA_JOURNAL_DIR", dir_.filePath("journal").toUtf8());
    record_ = dir_.filePath("trial.sqlite");
    rec::RecordDatabase db(record_);
    rec::TrialRecord r(db, rec::HashCost::Minimal);
    r.bootstrapAdministrator("admin", "Ada Admin", pw_);
    r.createUser("coord", "Cora Coordinator", rec::Role::Coordinator, pw_);
    r.createUser("reader", "Dr Rita Reader", rec::Role::Reader, pw_);
    r.createUser("inv", "Dr Ivan Investigator", rec::Role::Investigator, pw_);
    r.signIn("coord", pw_);
    r.createSubject({"NB-301", "F", std::nullopt, 7.0});
    r.addTimepoint("NB-301", "baseline", "baseline", QDate(2026, 1, 12), {});
    r.addTimepoint("NB-301", "after course 2", "follow-up", QDate(2026, 3, 2), {});
  }

  void signInSaysWhyInTheDialogAndLetsThePersonTryAgain() {
    session::SignInDialog dialog;
    const QString nowhere = dir_.filePath("no-such-record.sqlite");
    dialog.locationBox()->setCurrentText(nowhere);
    dialog.userEdit()->setText("reader");
    dialog.passwordEdit()->setText(pw_);
    dialog.trySignIn();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.errorText().contains("no trial record at '" + nowhere + "'"),
             qPrintable(dialog.errorText()));
    QVERIFY(!QFile::exists(nowhere));  // nothing was created

    dialog.locationBox()->setCurrentText(record_);
    dialog.passwordEdit()->setText("not the password");
    dialog.trySignIn();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.errorText().contains("wrong password") && dialog.errorText().contains("left"),
             qPrintable(dialog.errorText()));
    QVERIFY(dialog.passwordEdit()->text().isEmpty());  // typed again, never kept

    dialog.passwordEdit()->setText(pw_);
    dialog.trySignIn();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto session = dialog.takeSession();
    QVERIFY(session);
    QCOMPARE(session->record->actor().fullName, QString("Dr Rita Reader"));
    QCOMPARE(session::recentRecordLocations().value(0), record_);  // remembered for next time
    // A new dialog offers it first.
    session::SignInDialog again;
    QCOMPARE(again.locationBox()->currentText(), record_);
  }

  void aLockedAccountIsSaidAndAnAdministratorUnlocksIt() {
    session::SignInDialog dialog(nullptr, record_, "inv");
    for (int i = 0; i < 5; ++i) {
      dialog.passwordEdit()->setText("guess " + QString::number(i));
      dialog.trySignIn();
    }
    QVERIFY2(dialog.errorText().contains("now locked"), qPrintable(dialog.errorText()));
    dialog.passwordEdit()->setText(pw_);  // even the right password
    dialog.trySignIn();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(
        dialog.errorText().contains("is locked") && dialog.errorText().contains("administrator"),
        qPrintable(dialog.errorText()));

    auto admin = signedIn(record_, "admin", pw_);
    session::AccountsWindow accounts(*admin->record);
    int row = -1;
    for (int r = 0; r < accounts.table()->rowCount(); ++r)
      if (accounts.table()->item(r, 0)->text() == "inv")
        row = r;
    QVERIFY(row >= 0);
    QVERIFY2(accounts.table()->item(row, 4)->text().contains("LOCKED"),
             qPrintable(accounts.table()->item(row, 4)->text()));
    accounts.table()->selectRow(row);
    QVERIFY(!accounts.unlockSelected());  // a reason is required
    QVERIFY(!accounts.errorText().isEmpty());
    accounts.reasonEdit()->setText("identity confirmed by phone");
    QVERIFY2(accounts.unlockSelected(), qPrintable(accounts.errorText()));
    QCOMPARE(accounts.table()->item(row, 4)->text(), QString("ok"));

    dialog.passwordEdit()->setText(pw_);
    dialog.trySignIn();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
  }

  void aNewRecordGetsItsAdministratorAndNeverReplacesAFile() {
    session::NewRecordDialog dialog;
    dialog.pathEdit()->setText(record_);  // exists
    dialog.userEdit()->setText("boss");
    dialog.fullNameEdit()->setText("Bea Boss");
    dialog.passwordEdit()->setText("first admin 1");
    dialog.repeatEdit()->setText("first admin 1");
    dialog.tryCreate();
    QVERIFY2(dialog.errorText().contains("already exists"), qPrintable(dialog.errorText()));
    const QString fresh = dir_.filePath("fresh.sqlite");
    dialog.pathEdit()->setText(fresh);
    dialog.repeatEdit()->setText("something else");
    dialog.tryCreate();
    QVERIFY2(dialog.errorText().contains("differ"), qPrintable(dialog.errorText()));
    QVERIFY(!QFile::exists(fresh));
    dialog.repeatEdit()->setText("first admin 1");
    dialog.tryCreate();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto session = dialog.takeSession();
    QVERIFY(session && QFile::exists(fresh));
    QCOMPARE(session->record->actor().role, rec::Role::Administrator);
    // The administrator creates the trial's accounts in the accounts window.
    session::AccountsWindow accounts(*session->record);
    accounts.userEdit()->setText("cora");
    accounts.fullNameEdit()->setText("Cora Coordinator");
    accounts.roleBox()->setCurrentIndex(accounts.roleBox()->findData("coordinator"));
    accounts.passwordEdit()->setText("cora's pass 1");
    QVERIFY2(accounts.createAccount(), qPrintable(accounts.errorText()));
    QCOMPARE(accounts.table()->rowCount(), 2);
    QVERIFY(signedIn(fresh, "cora", "cora's pass 1"));
  }

  void eachRoleStartsInItsOwnWindowAndTheTitleSaysWho() {
    MainWindow window(index());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.windowTitle().contains("images only"), qPrintable(window.windowTitle()));
    QVERIFY(window.adoptSession(signedIn(record_, "coord", pw_)));
    QVERIFY(window.findChild<session::SubjectsWindow*>());
    QVERIFY2(window.windowTitle().contains("Cora Coordinator (coordinator)"),
             qPrintable(window.windowTitle()));
    QVERIFY(window.adoptSession(signedIn(record_, "reader", pw_)));
    QVERIFY(!window.findChild<session::SubjectsWindow*>());  // the coordinator's is gone
    auto* worklist = window.findChild<adjudication::WorklistWindow*>();
    QVERIFY(worklist);
    // Single reading: every timepoint the reader has not signed, with its kind.
    QCOMPARE(worklist->items().size(), std::size_t{2});
    QVERIFY2(worklist->items().front().detail.contains("baseline"),
             qPrintable(worklist->items().front().detail));
    QVERIFY(window.adoptSession(signedIn(record_, "admin", pw_)));
    QVERIFY(window.findChild<session::AccountsWindow*>());
    window.signOut();
    QVERIFY(window.windowTitle().contains("images only"));
    QVERIFY(!window.findChild<session::AccountsWindow*>());
  }

  void anUnsavedReadIsAskedAboutBeforeQuitCloseOrAnotherRead() {
    ModalScript modals;
    {
      MainWindow window(index());
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      QVERIFY(window.adoptSession(signedIn(record_, "reader", pw_)));
      QCOMPARE(window.openRead(*window.trialRecord(), "NB-301", "baseline"), QString());
      QVERIFY(!window.isReadDirty());
      drawMark(window, 25);
      QVERIFY(window.isReadDirty());
      // Quit, cancelled: the window and the read stay.
      modals.answer(QMessageBox::Cancel, "unsavedReadPrompt");
      QVERIFY(!window.close());
      QVERIFY(modals.done());
      QVERIFY(window.isVisible() && window.readSession());
      // Another read, saving first: the draft holds the mark; the other read is open.
      modals.answer(QMessageBox::Save, "unsavedReadPrompt");
      QCOMPARE(window.openRead(*window.trialRecord(), "NB-301", "after course 2"), QString());
      QVERIFY(modals.done());
      QCOMPARE(window.readSession()->timepointLabel(), QString("after course 2"));
      const auto saved = readerRead("baseline");
      QVERIFY(saved && saved->content.marksJson.contains("\"marks\""));
      // Close read, discarding: nothing of the follow-up is saved.
      drawMark(window, 12);
      modals.answer(QMessageBox::Discard, "unsavedReadPrompt");
      QVERIFY(window.closeRead("close it"));
      QVERIFY(modals.done());
      QVERIFY(!window.readSession());
      QVERIFY(!readerRead("after course 2"));
      // Quit with a saved read: no question.
      QCOMPARE(window.openRead(*window.trialRecord(), "NB-301", "baseline"), QString());
      QVERIFY(!window.isReadDirty());
      QVERIFY(window.close());
    }
    QVERIFY2(modals.boxes.size() == 3 && modals.boxes[0].contains("not saved"),
             qPrintable(modals.boxes.join(" | ")));
  }

  void aSignedReadIsVisiblyReadOnly() {
    MainWindow window(index());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.adoptSession(signedIn(record_, "reader", pw_)));
    QCOMPARE(window.openRead(*window.trialRecord(), "NB-301", "baseline"), QString());
    QVERIFY2(window.windowTitle().contains("NB-301 · baseline · draft") &&
                 window.windowTitle().contains("Dr Rita Reader (reader)"),
             qPrintable(window.windowTitle()));
    ModalScript modals;
    modals.type(pw_);
    QMetaObject::invokeMethod(window.findChild<QAction*>("signReadAction"), "trigger");
    QTRY_VERIFY(modals.done());
    QTRY_COMPARE(window.readSession()->status(), QString("signed"));
    QVERIFY(window.readBanner()->isVisible());
    const QString banner = window.readBanner()->findChild<QLabel*>("readBannerText")->text();
    QVERIFY2(banner.contains("Signed read") && banner.contains("read-only"), qPrintable(banner));
    QVERIFY(window.readBanner()->findChild<QAbstractButton*>("readBannerCorrect")->isVisible());
    QVERIFY(window.windowTitle().contains("signed"));
    for (int tool = 1; tool <= 4; ++tool)
      QVERIFY(!window.findChild<QAbstractButton*>(QString("tool%1").arg(tool))->isEnabled());
    QVERIFY(!window.findChild<QAction*>("saveReadAction")->isEnabled());
    QVERIFY(!window.lesionPanel()->isEnabled());
    // Nothing can be drawn on it, and nothing asks on close: there is nothing unsaved.
    QVERIFY(!window.isReadDirty());
    QVERIFY(window.close());
  }

  void aReaderReopensASignedReadFromTheWorklist() {
    MainWindow window(index());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.adoptSession(signedIn(record_, "reader", pw_)));
    auto* worklist = window.findChild<adjudication::WorklistWindow*>();
    QVERIFY(worklist);
    // What waits: the follow-up only (the baseline was signed above).
    QCOMPARE(worklist->items().size(), std::size_t{1});
    auto* showSigned = worklist->findChild<QCheckBox*>("showSigned");
    QVERIFY(showSigned && showSigned->isVisible());
    showSigned->setChecked(true);
    QCOMPARE(worklist->items().size(), std::size_t{2});
    const auto& done = worklist->items().back();
    QCOMPARE(done.timepointLabel, QString("baseline"));
    QVERIFY2(done.detail.contains("signed"), qPrintable(done.detail));
    worklist->openItem(1);
    QVERIFY(window.readSession());
    QCOMPARE(window.readSession()->status(), QString("signed"));
    QVERIFY(window.findChild<QAction*>("correctReadAction")->isEnabled());
  }
};

QTEST_MAIN(SessionGuiTest)
#include "SessionGuiTest.moc"
