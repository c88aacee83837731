// The decision workspace driven as an investigator would -- clicks and typing under QTest,
// offscreen -- on a fresh record of each synthetic patient, then the same flow through nbra-cli
// on a second record: the same INRC responses, reasons, decisions, dose and report contents.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include "tests/decide/DecideFlow.h"
#include "tests/decide/GuiHelpers.h"
#include "viewer/app/decide/AssessmentPanel.h"
#include "workflow/decisions/DecisionModel.h"
#include "viewer/app/decide/DecisionWorkspace.h"
#include "viewer/app/decide/EligibilityPanel.h"
#include "viewer/app/decide/ExtraDoseDialog.h"
#include "viewer/app/decide/SignDialog.h"
#include "workflow/assessment/RecordAssessment.h"

namespace nbra::decide::testing {
namespace {

using namespace nbra::workflow;
using namespace nbra::viewer::decide;

void type(QLineEdit* edit, const QString& text) {
  ASSERT_NE(edit, nullptr);
  edit->setFocus();
  QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, text);
}

// The sign dialog that `opener` just opened: checks what it shows, types the password, signs.
void signIn(QWidget* opener, const QString& expectedMeaning, const QString& screenshot = {}) {
  QApplication::processEvents();
  SignDialog* dialog = opener->findChild<SignDialog*>();
  ASSERT_NE(dialog, nullptr) << "no signature dialog opened";
  ASSERT_TRUE(dialog->isVisible());
  EXPECT_TRUE(child<QLabel>(dialog, "signer")->text().contains("Dr Ivan Investigator"));
  // The meaning is shown, fixed: a label, never an editable field.
  EXPECT_EQ(child<QLabel>(dialog, "meaning")->text(), "<b>" + expectedMeaning + "</b>");
  EXPECT_TRUE(dialog->findChildren<QLineEdit*>().size() == 1) << "only the password is typed";
  auto* sign = child<QPushButton>(dialog, "sign");
  EXPECT_FALSE(sign->isEnabled()) << "signing without a password must be impossible";
  QTest::keyClicks(child<QLineEdit>(dialog, "password"), kPassword);
  const QString dir = qEnvironmentVariable("NBRA_DECIDE_SCREENSHOTS");
  if (!screenshot.isEmpty() && !dir.isEmpty()) {
    EXPECT_TRUE(dialog->grab().save(dir + "/" + screenshot));
  }
  click(sign);
}

struct GuiOutcome {
  QJsonObject followUpOutput;
  QString eligibilityReason;
  QString extraDoseReason;
  records::SubjectRecord subject;
};

class DecisionGui : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    subject = loadSubject(GetParam());
    if (!subject) {
      GTEST_SKIP() << "synthetic patient " << GetParam() << " not found under "
                   << syntheticDir().toStdString()
                   << " (generated at build time by data-samples/generator)";
    }
  }

  // Screenshots for docs/ when NBRA_DECIDE_SCREENSHOTS names a folder.
  static void shoot(QWidget* w, const QString& name) {
    const QString dir = qEnvironmentVariable("NBRA_DECIDE_SCREENSHOTS");
    if (!dir.isEmpty()) {
      QApplication::processEvents();
      EXPECT_TRUE(w->grab().save(dir + "/" + name)) << name.toStdString();
    }
  }

  std::optional<SyntheticSubject> subject;
};

TEST_P(DecisionGui, DrivesTheFlowAndMatchesTheCommandLine) {
  const SyntheticSubject& s = *subject;
  const QString tag = QString(GetParam()).mid(9);
  FreshRecord fresh;
  records::TrialRecord& r = *fresh.record;
  setUpToBaseline(r, s);  // investigator signed in

  DecisionWorkspace ws(r, s.id);
  ws.resize(1100, 780);
  ws.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&ws));
  AssessmentPanel* assessment = ws.assessmentPanel();

  // 1. Assess the baseline (the only timepoint yet).
  click(child<QPushButton>(assessment, "assess"));
  EXPECT_FALSE(child<QLabel>(assessment, "error")->isVisible())
      << child<QLabel>(assessment, "error")->text().toStdString();
  ASSERT_TRUE(assessment->shown());
  EXPECT_TRUE(assessment->shown()->baseline);

  // 2. Eligibility: the lesion that satisfies a criterion, then a signed confirmation.
  ws.tabs()->setCurrentWidget(ws.eligibilityPanel());
  EligibilityPanel* eligibility = ws.eligibilityPanel();
  auto* lesions = child<QTableWidget>(eligibility, "lesions");
  const QString basis = s.truth.value("expected").toObject().value("eligibilityBasis").toString();
  const QString criterion = basis.startsWith("criterion 1") ? "criterion 1" : "criterion 2";
  bool found = false;
  for (int row = 0; row < lesions->rowCount(); ++row) {
    if (lesions->item(row, 6)->text().contains(criterion)) {
      found = true;
      // The measurement and the avidity the criterion rests on are on the same row.
      EXPECT_GE(lesions->item(row, 2)->text().toDouble(), 10.0);
      EXPECT_EQ(lesions->item(row, criterion == "criterion 1" ? 4 : 5)->text(), "yes");
    }
  }
  EXPECT_TRUE(found) << "no lesion marked as satisfying " << criterion.toStdString();
  EXPECT_TRUE(child<QLabel>(eligibility, "verdict")->text().contains("Eligible"));
  shoot(&ws, "eligibility-" + tag + ".png");
  GuiOutcome gui;
  gui.eligibilityReason = child<QLineEdit>(eligibility, "reason")->text();
  EXPECT_FALSE(gui.eligibilityReason.isEmpty());
  click(child<QPushButton>(eligibility, "sign"));
  signIn(eligibility, "eligibility confirmed");
  EXPECT_FALSE(child<QLabel>(eligibility, "error")->isVisible())
      << child<QLabel>(eligibility, "error")->text().toStdString();
  ASSERT_EQ(r.subject(s.id).eligibility.size(), 1u);

  // 3. Injections 1-3 and the follow-up read; assess it with the marrow typed from pathology.
  continueToFollowUp(r, s);
  ws.refresh();
  ws.tabs()->setCurrentWidget(assessment);
  auto* timepoint = child<QComboBox>(assessment, "timepoint");
  timepoint->setFocus();
  QTest::keyClick(timepoint, Qt::Key_Down);  // the follow-up comes after the baseline
  ASSERT_EQ(timepoint->currentText(), s.followUpLabel);
  if (!s.followUpMarrow.empty()) {
    click(child<QCheckBox>(assessment, "enterMarrow"));
    std::array<int, 2> next{0, 2};  // aspirates in rows 0-1, biopsies in rows 2-3
    for (const auto& [kind, percent] : s.followUpMarrow) {
      const int row = kind == "aspirate" ? next[0]++ : next[1]++;
      auto* done = child<QCheckBox>(assessment, QString("marrowDone%1").arg(row));
      if (!done->isChecked()) {
        click(done);
      }
      auto* spin = child<QDoubleSpinBox>(assessment, QString("marrowPercent%1").arg(row));
      spin->setFocus();
      spin->selectAll();
      QTest::keyClicks(spin, QString::number(percent, 'f', 1));
      QTest::keyClick(spin, Qt::Key_Enter);
      QTest::keyClick(spin, Qt::Key_End);  // no selection left behind (screenshots)
      spin->clearFocus();
      EXPECT_DOUBLE_EQ(spin->value(), percent);
    }
    if (child<QCheckBox>(assessment, "pathologyConfirmed")->isChecked() !=
        s.followUpMarrowConfirmed) {
      click(child<QCheckBox>(assessment, "pathologyConfirmed"));
    }
  }
  click(child<QPushButton>(assessment, "assess"));
  EXPECT_FALSE(child<QLabel>(assessment, "error")->isVisible())
      << child<QLabel>(assessment, "error")->text().toStdString();
  ASSERT_TRUE(assessment->shown());
  EXPECT_EQ(assessment->shown()->timepointLabel, s.followUpLabel);
  EXPECT_EQ(assessment->shown()->overall.code, s.expectedOverall());
  EXPECT_TRUE(child<QLabel>(assessment, "overall")
                  ->text()
                  .contains("Overall response: <b>" + s.expectedOverall() + "</b>"));
  const bool mibgAvid =
      s.truth.value("expected").toObject().value("disease").toString() == "MIBG-avid";
  EXPECT_TRUE(child<QLabel>(assessment, "modality")
                  ->text()
                  .contains(mibgAvid ? "<b>MIBG</b>" : "<b>FDG-PET</b>"));
  EXPECT_EQ(child<QTableWidget>(assessment, "components")->rowCount(), 5);
  shoot(&ws, "assessment-" + tag + ".png");

  // 4. Extra doses: NBRA's proposal, approved as proposed, signed.
  ws.tabs()->setCurrentWidget(ws.extraDosePanel());
  click(child<QPushButton>(ws.extraDosePanel(), "decide"));
  auto* dialog = ws.extraDosePanel()->findChild<ExtraDoseDialog*>();
  ASSERT_NE(dialog, nullptr);
  const bool allowed = s.expectedExtraDoses() == "allowed";
  EXPECT_TRUE(child<QLabel>(dialog, "proposal")
                  ->text()
                  .contains(allowed ? "<b>ALLOWED</b>" : "<b>NOT ALLOWED</b>"));
  EXPECT_TRUE(
      child<QLabel>(dialog, "dose")
          ->text()
          .contains(QLocale(QLocale::English).toString(static_cast<qlonglong>(s.doseCells())) +
                    " NK cells"));
  EXPECT_TRUE(child<QLabel>(dialog, "settings")->text().contains("Minor response (MR)"));
  click(child<QPushButton>(dialog, "sign"));  // no reason yet: refused in words
  EXPECT_TRUE(child<QLabel>(dialog, "error")->isVisible());
  gui.extraDoseReason = allowed ? "Partial response confirmed on CT and MIBG"
                                : "Progressive disease: no further NK-cell injections";
  type(child<QLineEdit>(dialog, "reason"), gui.extraDoseReason);
  shoot(dialog, "extra-dose-dialog-" + tag + ".png");
  click(child<QPushButton>(dialog, "sign"));
  signIn(dialog, allowed ? "extra doses approved" : "extra doses refused",
         "sign-dialog-" + tag + ".png");
  QApplication::processEvents();
  gui.subject = r.subject(s.id);
  ASSERT_EQ(gui.subject.extraDoseDecisions.size(), 1u);
  EXPECT_EQ(gui.subject.extraDoseDecisions[0].yes, allowed);

  const auto stored = workflow::latestAssessment(r.assessments(s.id), s.followUpLabel);
  ASSERT_TRUE(stored);
  gui.followUpOutput = QJsonDocument::fromJson(stored->outputJson.toUtf8()).object();
  const QString guiPdf = fresh.dir.filePath("gui-report.pdf");
  ws.writeReport(s.followUpLabel, guiPdf);

  // A reader corrects the follow-up read: the assessment panel flags what rests on it.
  r.signIn("reader1", kPassword);
  r.correctRead(s.id, s.followUpLabel, r.reads(s.id, s.followUpLabel).front().content,
                "re-measured the primary");
  r.signIn("inv", kPassword);
  ws.refresh();
  ws.tabs()->setCurrentWidget(assessment);
  ASSERT_EQ(timepoint->currentText(), s.followUpLabel);
  EXPECT_TRUE(child<QLabel>(assessment, "stale")->isVisible());
  EXPECT_TRUE(child<QLabel>(assessment, "stale")->text().startsWith("STALE ASSESSMENT"));

  // 5. The same flow through nbra-cli on a second record.
  QTemporaryDir cliDir;
  const QString cliPdf = cliDir.filePath("cli-report.pdf");
  const CliFlowResult cli = runCliFlow(cliDir.filePath("record.sqlite"), s, gui.eligibilityReason,
                                       gui.extraDoseReason, cliPdf);
  const auto baselineStored = workflow::latestAssessment(r.assessments(s.id), s.baselineLabel);
  ASSERT_TRUE(baselineStored);
  EXPECT_EQ(QJsonDocument::fromJson(baselineStored->outputJson.toUtf8()).object(),
            cli.baselineAssessment);
  // The whole output of the rules: responses, every reason, eligibility, extra doses, dose.
  EXPECT_EQ(gui.followUpOutput, cli.followUpAssessment)
      << "GUI:\n"
      << QJsonDocument(gui.followUpOutput).toJson().toStdString() << "\nCLI:\n"
      << QJsonDocument(cli.followUpAssessment).toJson().toStdString();
  EXPECT_EQ(cli.followUpAssessment.value("extraDoses").toObject().value("decision").toString(),
            s.expectedExtraDoses());
  EXPECT_EQ(cli.followUpAssessment.value("dose").toObject().value("cellsPerInjection").toDouble(),
            static_cast<double>(s.doseCells()));
  const QJsonArray cliDecisions = cli.subject.value("extraDoseDecisions").toArray();
  ASSERT_EQ(cliDecisions.size(), 1);
  const QJsonObject cliDecision = cliDecisions[0].toObject();
  EXPECT_EQ(cliDecision.value("reason").toString(), gui.subject.extraDoseDecisions[0].reason);
  const QJsonArray cliEligibility = cli.subject.value("eligibility").toArray();
  ASSERT_EQ(cliEligibility.size(), 1);
  EXPECT_EQ(cliEligibility[0].toObject().value("reason").toString(),
            gui.subject.eligibility[0].reason);

  // 6. Both reports say the same response and decision with its reasons.
  const QString guiText = pdfText(guiPdf);
  const QString cliText = pdfText(cliPdf);
  const QString overallLine = "Overall response: " + s.expectedOverall();
  const QString decisionLine = QString("Rules on injections 4 and 5: ") + s.expectedExtraDoses();
  const QString signedMeaning = allowed ? "extra doses approved" : "extra doses refused";
  for (const QString& text : {guiText, cliText}) {
    EXPECT_TRUE(text.contains(overallLine)) << text.toStdString();
    EXPECT_TRUE(text.contains(decisionLine)) << text.toStdString();
    EXPECT_TRUE(text.contains(gui.extraDoseReason)) << text.toStdString();
    EXPECT_TRUE(text.contains(signedMeaning)) << text.toStdString();
    EXPECT_TRUE(text.contains(
        QString("Dose per injection: %1").arg(static_cast<double>(s.doseCells()) / 1e6, 0, 'f', 2)))
        << text.toStdString();
  }
}

// Overriding the proposal, a cancelled signature and a wrong password, on the progressor.
TEST(DecisionGuiOverride, NeedsAnOverrideReasonAndTheRightPassword) {
  const std::optional<SyntheticSubject> loaded = loadSubject("NBRA-SYN-002");
  if (!loaded) {
    GTEST_SKIP() << "synthetic patient NBRA-SYN-002 not found under "
                 << syntheticDir().toStdString()
                 << " (generated at build time by data-samples/generator)";
  }
  const SyntheticSubject& s = *loaded;
  FreshRecord fresh;
  records::TrialRecord& r = *fresh.record;
  setUpToBaseline(r, s);
  nbra::workflow::assessAndRecord(r, s.id, s.baselineLabel, {}, std::nullopt);
  r.confirmEligibility(s.id, true, "criterion 2", kPassword,
                       workflow::latestAssessment(r.assessments(s.id))->id);
  continueToFollowUp(r, s);
  const qint64 followUp = nbra::workflow::assessAndRecord(r, s.id, s.followUpLabel, {}, std::nullopt).id;

  // A coordinator confirms eligibility (the protocol's role) but is not offered what only an
  // investigator may do: assess and decide extra doses.
  r.signIn("coord", kPassword);
  {
    DecisionWorkspace coordinator(r, s.id);
    EXPECT_FALSE(child<QPushButton>(coordinator.assessmentPanel(), "assess")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(coordinator.eligibilityPanel(), "sign")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(coordinator.extraDosePanel(), "decide")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(coordinator.extraDosePanel(), "decide")
                    ->toolTip()
                    .contains("coordinator"));
  }
  r.signIn("inv", kPassword);

  DecisionWorkspace ws(r, s.id);
  ws.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&ws));
  ws.tabs()->setCurrentWidget(ws.extraDosePanel());
  click(child<QPushButton>(ws.extraDosePanel(), "decide"));
  auto* dialog = ws.extraDosePanel()->findChild<ExtraDoseDialog*>();
  ASSERT_NE(dialog, nullptr);
  EXPECT_TRUE(child<QLabel>(dialog, "proposal")->text().contains("<b>NOT ALLOWED</b>"));
  click(child<QAbstractButton>(dialog, "override"));
  EXPECT_TRUE(child<QLabel>(dialog, "outcome")->text().contains("extra doses approved"));
  type(child<QLineEdit>(dialog, "reason"), "Investigator's judgement");
  click(child<QPushButton>(dialog, "sign"));
  EXPECT_TRUE(child<QLabel>(dialog, "error")->isVisible()) << "override without its reason";
  EXPECT_EQ(dialog->findChild<SignDialog*>(), nullptr);
  type(child<QLineEdit>(dialog, "overrideReason"), "the liver lesion is a haemangioma on MRI");

  // Cancelling the signature writes nothing.
  click(child<QPushButton>(dialog, "sign"));
  SignDialog* sign = dialog->findChild<SignDialog*>();
  ASSERT_NE(sign, nullptr);
  click(child<QPushButton>(sign, "cancel"));
  QApplication::processEvents();
  EXPECT_TRUE(r.subject(s.id).extraDoseDecisions.empty());

  // A wrong password is refused in words; nothing is written.
  click(child<QPushButton>(dialog, "sign"));
  QApplication::processEvents();
  sign = nullptr;
  for (SignDialog* d : dialog->findChildren<SignDialog*>()) {
    sign = d->isVisible() ? d : sign;
  }
  ASSERT_NE(sign, nullptr);
  QTest::keyClicks(child<QLineEdit>(sign, "password"), "not my password");
  click(child<QPushButton>(sign, "sign"));
  EXPECT_TRUE(child<QLabel>(dialog, "error")->isVisible());
  EXPECT_TRUE(r.subject(s.id).extraDoseDecisions.empty());

  click(child<QPushButton>(dialog, "sign"));
  signIn(dialog, "extra doses approved");
  const records::SubjectRecord done = r.subject(s.id);
  ASSERT_EQ(done.extraDoseDecisions.size(), 1u);
  EXPECT_TRUE(done.extraDoseDecisions[0].yes);
  EXPECT_EQ(done.extraDoseDecisions[0].assessmentId, followUp);
  EXPECT_TRUE(done.extraDoseDecisions[0].reason.contains(
      QString("override of assessment %1 (extra doses 'not-allowed'): the liver lesion is a "
              "haemangioma on MRI")
          .arg(followUp)))
      << done.extraDoseDecisions[0].reason.toStdString();
}

INSTANTIATE_TEST_SUITE_P(Synthetic, DecisionGui, ::testing::Values("NBRA-SYN-001", "NBRA-SYN-002"),
                         [](const auto& param) { return std::string(param.param).substr(9); });

}  // namespace
}  // namespace nbra::decide::testing
