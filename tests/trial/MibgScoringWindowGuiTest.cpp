// The MIBG scoring window (viewer/app/trial) on the synthetic responder, under QTest offscreen:
// it finds the timepoint's NM images through the trial record and the image index, the truth
// foci are clicked, the draft is saved, a new window restores the same marks and scores, the
// read is signed and then refuses changes; the follow-up is shown against the signed baseline.
#include <gtest/gtest.h>

#include <QApplication>
#include <QLabel>
#include <QSpinBox>
#include <QTest>

#include "dicom/index/Importer.h"
#include "tests/decide/DecideFlow.h"
#include "tests/trial/TrialGuiSupport.h"
#include "viewer/app/mibg/MibgScoringWidget.h"
#include "viewer/app/trial/MibgReadStore.h"
#include "viewer/app/trial/MibgScoringWindow.h"
#include "workflow/reads/ReaderReads.h"

namespace nbra::trial::testing {
namespace {

using nbra::decide::testing::FreshRecord;
using nbra::decide::testing::kPassword;
using nbra::decide::testing::syntheticDir;
using nbra::viewer::trial::MibgScoringWindow;

const QString kSubject = "NBRA-SYN-001";

class MibgScoringWindowGui : public ::testing::Test {
 protected:
  void SetUp() override {
    baseline = truthTimepoint(kSubject.toStdString(), "baseline");
    followUp = truthTimepoint(kSubject.toStdString(), "after-injection-3");
    if (!baseline || !followUp) {
      GTEST_SKIP() << "synthetic patient " << kSubject.toStdString() << " not found under "
                   << syntheticDir().toStdString()
                   << " (generated at build time: build the nbra_synthetic_data target)";
    }
    indexPath = fresh.dir.filePath("index.sqlite");
    {
      dicom::ImageIndex index(indexPath.toStdString());
      dicom::importPaths(index, {(syntheticDir() + "/" + kSubject).toStdString()});
    }
    records::TrialRecord& r = *fresh.record;
    r.bootstrapAdministrator("admin", "Ada Admin", kPassword);
    r.createUser("coord", "Cora Coordinator", records::Role::Coordinator, kPassword);
    r.createUser("reader1", "Dr Rita Reader", records::Role::Reader, kPassword);
    r.signIn("coord", kPassword);
    r.createSubject({kSubject, "F", std::nullopt, 6.4});
    r.addTimepoint(kSubject, "baseline", "baseline", QDate(2026, 1, 12),
                   studiesOn(indexPath, kSubject, "20260112"));
    r.addTimepoint(kSubject, "after injection 3", "follow-up", QDate(2026, 3, 30),
                   studiesOn(indexPath, kSubject, "20260330"));
    r.signIn("reader1", kPassword);
  }

  std::unique_ptr<MibgScoringWindow> open(const QString& label) {
    auto w = std::make_unique<MibgScoringWindow>(*fresh.record, indexPath, kSubject, label);
    w->resize(1500, 950);
    w->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(w.get()));
    EXPECT_EQ(w->load(), QString());
    return w;
  }

  FreshRecord fresh;
  QString indexPath;
  const nbra::mibg::testing::TruthTimepoint* baseline = nullptr;
  const nbra::mibg::testing::TruthTimepoint* followUp = nullptr;
};

TEST_F(MibgScoringWindowGui, DraftRestoresThenSignsAndTheFollowUpComparesWithIt) {
  QJsonObject saved;
  {
    auto w = open("baseline");
    EXPECT_TRUE(w->statusText().contains("nothing saved yet")) << w->statusText().toStdString();
    EXPECT_EQ(w->findChild<QLabel*>("identity")->text(), "<b>NBRA-SYN-001</b> · baseline ");
    EXPECT_FALSE(w->newBoneSites()->isEnabled()) << "no 'new sites' on a baseline";
    scoreByClicks(*w->scoring(), *baseline);
    expectTruthScores(*w->scoring(), *baseline);
    ASSERT_TRUE(w->saveDraft()) << w->statusText().toStdString();
    saved = w->scoring()->state();
  }
  const auto draft = workflow::ownLatestRead(*fresh.record, kSubject, "baseline");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->status, "draft");
  {
    auto w = open("baseline");
    EXPECT_TRUE(w->statusText().contains("version 1: draft")) << w->statusText().toStdString();
    EXPECT_EQ(w->scoring()->state(), saved) << "the marks, diffuse flags and atlas fit come back";
    expectTruthScores(*w->scoring(), *baseline);
    ASSERT_TRUE(w->signRead(kPassword)) << w->statusText().toStdString();
    EXPECT_TRUE(w->statusText().contains("signed"));
  }
  const auto signedRead = workflow::ownLatestRead(*fresh.record, kSubject, "baseline");
  ASSERT_TRUE(signedRead);
  EXPECT_EQ(signedRead->status, "signed");
  ASSERT_TRUE(signedRead->signature);
  EXPECT_EQ(signedRead->signature->meaning, records::kReadSignatureMeaning);
  {
    // A signed read cannot be changed from the window: refused with the record's words.
    auto w = open("baseline");
    EXPECT_FALSE(w->saveDraft());
    EXPECT_TRUE(w->statusText().contains("is signed and cannot change"))
        << w->statusText().toStdString();
  }

  // The follow-up: scored against the signed baseline (its marks faint, the relative score).
  auto w = open("after injection 3");
  EXPECT_TRUE(w->newBoneSites()->isEnabled());
  scoreByClicks(*w->scoring(), *followUp);
  expectTruthScores(*w->scoring(), *followUp);
  const auto relative = w->scoring()->model().relativeCurie();
  EXPECT_EQ(relative.baseline, baseline->curieSkeletal);
  EXPECT_EQ(relative.followUp, followUp->curieSkeletal);
  ASSERT_TRUE(w->saveDraft()) << w->statusText().toStdString();
  const QString shots = qEnvironmentVariable("NBRA_TRIAL_SCREENSHOTS");
  if (!shots.isEmpty()) {
    w->scoring()->setComparisonShown(true);  // the baseline beside it, its marks faint
    QApplication::processEvents();
    EXPECT_TRUE(w->grab().save(shots + "/screenshot-trial-flow-mibg-window.png"));
  }
}

TEST_F(MibgScoringWindowGui, SaysWhenTheTimepointsImagesAreNotInTheIndex) {
  fresh.record->signIn("coord", kPassword);
  fresh.record->addTimepoint(kSubject, "after injection 5", "follow-up", QDate(2026, 5, 18),
                             {"2.25.1"});
  fresh.record->signIn("reader1", kPassword);
  MibgScoringWindow w(*fresh.record, indexPath, kSubject, "after injection 5");
  const QString error = w.load();
  EXPECT_TRUE(error.contains("no NM images of timepoint 'after injection 5'"))
      << error.toStdString();
  EXPECT_EQ(w.statusText(), error);
}

}  // namespace
}  // namespace nbra::trial::testing
