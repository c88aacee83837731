// The main window's Trial menu as the trial's people use it: a reader's read gets its MIBG scoring
// window (saving there and saving the CT marks keep each other's work in the one read), an
// investigator gets the response and decisions of the subject, and neither gets the other's.

#include <QAction>
#include <QSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "viewer/app/decide/DecisionWorkspace.h"
#include "viewer/app/read/ReadSession.h"
#include "viewer/app/trial/MibgScoringWindow.h"
#include "viewer/app/trial/PetFindings.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/casefile/CaseWriter.h"
#include "workflow/reads/ReadModel.h"

using namespace nbra::viewer;
namespace rec = nbra::records;

class TrialMenuGuiTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<rec::RecordDatabase> db_;
  std::unique_ptr<rec::TrialRecord> record_;
  const QString password_ = "trial menu 9";

  QAction* action(MainWindow& window, const char* name) { return window.findChild<QAction*>(name); }

  std::optional<rec::ReadRecord> ownRead() {
    for (const rec::ReadRecord& r : record_->reads("NB-201", "baseline"))
      if (r.readerUserName == "reader")
        return r;
    return std::nullopt;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    db_ = std::make_unique<rec::RecordDatabase>(dir_.filePath("trial.db"));
    record_ = std::make_unique<rec::TrialRecord>(*db_, rec::HashCost::Minimal);
    record_->bootstrapAdministrator("admin", "Ada Admin", password_);
    record_->createUser("coord", "Cora Coordinator", rec::Role::Coordinator, password_);
    record_->createUser("reader", "Dr Rita Reader", rec::Role::Reader, password_);
    record_->createUser("inv", "Dr Ivan Investigator", rec::Role::Investigator, password_);
    record_->signIn("coord", password_);
    record_->createSubject({"NB-201", "F", std::nullopt, 7.0});
    record_->addTimepoint("NB-201", "baseline", "baseline", QDate(2026, 1, 12), {});
  }

  void aReaderScoresMibgInTheReadAndTheCtSaveKeepsIt() {
    record_->signIn("reader", password_);
    MainWindow window(dir_.filePath("index.db"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!action(window, "scoreMibg")->isEnabled());  // nothing to score before a read is open
    QCOMPARE(window.openRead(*record_, "NB-201", "baseline"), QString());
    QVERIFY(action(window, "scoreMibg")->isEnabled());
    QVERIFY(!action(window, "decisions")->isEnabled());  // readers stay blind to decisions

    trial::MibgScoringWindow* scoring = window.openMibgScoring();
    QVERIFY(scoring);
    // The timepoint has no imaging study in the record: the window says so instead of a blank.
    QVERIFY2(scoring->statusText().contains("no NM images of timepoint 'baseline'"),
             qPrintable(scoring->statusText()));
    QVERIFY(scoring->saveDraft());
    {
      const auto read = ownRead();
      QVERIFY(read);
      QCOMPARE(read->content.mibg.size(), std::size_t{22});  // 10 Curie + 12 SIOPEN segments
      QVERIFY(QJsonDocument::fromJson(read->content.marksJson.toUtf8())
                  .object()
                  .contains("mibgScoring"));
    }
    // The CT read was opened before the MIBG scoring was saved; saving it now must not put the
    // read back to what it held when opened.
    QVERIFY(window.saveRead());
    const auto read = ownRead();
    QVERIFY(read);
    QCOMPARE(read->content.mibg.size(), std::size_t{22});
    const QJsonObject marks = QJsonDocument::fromJson(read->content.marksJson.toUtf8()).object();
    QVERIFY(marks.contains("mibgScoring"));
    QVERIFY(marks.contains("marks"));  // and the CT marks are there too
    QVERIFY(nbra::workflow::timepointToJson(nbra::workflow::timepointOfRead(read->content)).contains("mibg"));

    // FDG-PET bone findings go into the same draft, next to the MIBG scoring and the CT marks.
    QVERIFY(action(window, "petFindings")->isEnabled());
    trial::PetFindingsDialog* pet = window.openPetFindings();
    QVERIFY(pet);
    QVERIFY(!pet->newAvidBoneLesions()->isEnabled());  // nothing is new at the baseline
    pet->avidBoneLesions()->setValue(2);
    QVERIFY2(pet->save(), qPrintable(pet->statusText()));
    const auto withPet = ownRead();
    QVERIFY(withPet && withPet->content.pet);
    QCOMPARE(withPet->content.pet->avidBoneLesions, 2);
    QCOMPARE(withPet->content.mibg.size(), std::size_t{22});
    const QJsonObject tp = nbra::workflow::timepointToJson(nbra::workflow::timepointOfRead(withPet->content));
    QCOMPARE(tp.value("fdgPet").toObject().value("avidBoneLesions").toInt(), 2);
    QVERIFY(tp.contains("mibg"));
    QVERIFY(window.saveRead());  // and a later CT save keeps them
    QCOMPARE(ownRead()->content.pet->avidBoneLesions, 2);
    const QString shots = qEnvironmentVariable("NBRA_TRIAL_SCREENSHOTS");
    if (!shots.isEmpty()) QVERIFY(pet->grab().save(shots + "/screenshot-pet-findings.png"));

    // Once the read is signed the findings cannot change: the dialog says why, nothing is lost.
    record_->signRead("NB-201", "baseline", password_);
    pet->avidBoneLesions()->setValue(5);
    QVERIFY(!pet->save());
    QVERIFY2(pet->statusText().contains("signed"), qPrintable(pet->statusText()));
    QCOMPARE(ownRead()->content.pet->avidBoneLesions, 2);
  }

  void anInvestigatorGetsTheDecisionsNotTheScoring() {
    record_->signIn("inv", password_);
    MainWindow window(dir_.filePath("index.db"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!action(window, "decisions")->isEnabled());
    window.setTrialSubject(*record_, "NB-201");
    QVERIFY(action(window, "decisions")->isEnabled());
    QVERIFY(!action(window, "scoreMibg")->isEnabled());
    QVERIFY(window.statusText().contains("Dr Ivan Investigator"));
    QWidget* decisions = window.openDecisions();
    QVERIFY(decisions);
    QVERIFY(qobject_cast<decide::DecisionWorkspace*>(decisions));
    QVERIFY(decisions->isVisible());
  }
};

QTEST_MAIN(TrialMenuGuiTest)
#include "TrialMenuGuiTest.moc"
