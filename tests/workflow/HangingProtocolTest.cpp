// The hanging protocol: which series a read opens, where, and the patient check on series
// opened into a read (docs/hanging.md).

#include <gtest/gtest.h>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "tests/support/SyntheticDicom.h"
#include "workflow/hanging/HangingInput.h"
#include "workflow/hanging/HangingPlan.h"
#include "workflow/hanging/ReadPatient.h"

namespace nbra::workflow {
namespace {

HangingSeries series(qint64 id, const QString& modality, const QString& studyUid, int images,
                     const QString& description = {}, int seriesNumber = 1) {
  HangingSeries s;
  s.seriesId = id;
  s.seriesUid = "1.2.3." + QString::number(id);
  s.modality = modality;
  s.description = description.isEmpty() ? modality + " " + QString::number(id) : description;
  s.studyUid = studyUid;
  s.studyDate = "20260112";
  s.patientId = "SYN-001";
  s.patientName = "SYNTHETIC^ONE";
  s.imageCount = images;
  s.seriesNumber = seriesNumber;
  return s;
}

TimepointStudies timepoint(const QString& label, const QDate& date,
                           std::vector<HangingSeries> seriesList) {
  return TimepointStudies{label, date, std::move(seriesList), {}};
}

// Baseline and week 6, each with a diagnostic CT, an MIBG planar and a PET/CT study.
TimepointStudies fullBaseline() {
  return timepoint("baseline", QDate(2026, 1, 12),
                   {series(1, "CT", "B-CT", 100, "CT abdomen"), series(2, "NM", "B-NM", 2),
                    series(3, "PT", "B-PET", 200, "PET WB"), series(4, "CT", "B-PET", 150)});
}
TimepointStudies fullWeek6() {
  return timepoint("week 6", QDate(2026, 3, 1),
                   {series(11, "CT", "C-CT", 120, "CT abdomen"), series(12, "NM", "C-NM", 2),
                    series(13, "PT", "C-PET", 220, "PET WB"), series(14, "CT", "C-PET", 90)});
}

const HangingStage* stageNamed(const HangingPlan& plan, const QString& name) {
  for (const HangingStage& stage : plan.stages) {
    if (stage.name == name) {
      return &stage;
    }
  }
  return nullptr;
}

bool hasNote(const HangingPlan& plan, const QString& part) {
  for (const QString& note : plan.notes) {
    if (note.contains(part)) {
      return true;
    }
  }
  return false;
}

std::string allNotes(const HangingPlan& plan) {
  return plan.notes.join("\n").toStdString();
}

TEST(HangingPlan, BaselineAndFollowUpHangThreeComparisonsBaselineLeftReadOnly) {
  const HangingPlan plan = planHanging(fullWeek6(), fullBaseline());
  ASSERT_FALSE(plan.blocked());
  ASSERT_EQ(plan.stages.size(), 3u);
  EXPECT_EQ(plan.stages[0].name, "CT/MR");
  EXPECT_EQ(plan.stages[1].name, "MIBG planar");
  EXPECT_EQ(plan.stages[2].name, "FDG-PET/CT");
  for (const HangingStage& stage : plan.stages) {
    EXPECT_EQ(stage.layout, HangingLayout::OneByTwo) << stage.name.toStdString();
    ASSERT_EQ(stage.panes.size(), 2u);
    EXPECT_EQ(stage.panes[0].slot, 0);
    EXPECT_EQ(stage.panes[0].role, PaneRole::Baseline);
    EXPECT_TRUE(stage.panes[0].readOnly);
    EXPECT_EQ(stage.panes[0].caption, "BASELINE · baseline · 2026-01-12 · marks read-only");
    EXPECT_EQ(stage.panes[1].slot, 1);
    EXPECT_EQ(stage.panes[1].role, PaneRole::Current);
    EXPECT_FALSE(stage.panes[1].readOnly);
    EXPECT_EQ(stage.panes[1].caption, "CURRENT · week 6 · 2026-03-01");
  }
  // The diagnostic CT, not the CT of the PET/CT (even with more images, as at baseline).
  const HangingStage& anatomy = plan.stages[0];
  EXPECT_EQ(anatomy.panes[0].seriesId, 1);
  EXPECT_EQ(anatomy.panes[1].seriesId, 11);
  EXPECT_EQ(anatomy.panes[1].kind, PaneKind::Anatomy);
  EXPECT_FALSE(anatomy.panes[1].fusedSeriesId);
  const HangingStage& planar = plan.stages[1];
  EXPECT_EQ(planar.panes[0].seriesId, 2);
  EXPECT_EQ(planar.panes[1].seriesId, 12);
  EXPECT_EQ(planar.panes[1].kind, PaneKind::Planar);
  // Each PET is fused on the CT of its own study.
  const HangingStage& pet = plan.stages[2];
  EXPECT_EQ(pet.panes[0].kind, PaneKind::Fused);
  EXPECT_EQ(pet.panes[0].seriesId, 4);
  EXPECT_EQ(pet.panes[0].fusedSeriesId, std::optional<qint64>(3));
  EXPECT_EQ(pet.panes[1].seriesId, 14);
  EXPECT_EQ(pet.panes[1].fusedSeriesId, std::optional<qint64>(13));
  EXPECT_TRUE(plan.notes.isEmpty()) << allNotes(plan);
}

TEST(HangingPlan, WithoutBaselineEveryStageIsTheCurrentAlone) {
  const HangingPlan plan = planHanging(fullWeek6(), std::nullopt);
  ASSERT_EQ(plan.stages.size(), 3u);
  for (const HangingStage& stage : plan.stages) {
    EXPECT_EQ(stage.layout, HangingLayout::Single);
    ASSERT_EQ(stage.panes.size(), 1u);
    EXPECT_EQ(stage.panes[0].slot, 0);
    EXPECT_EQ(stage.panes[0].role, PaneRole::Current);
    EXPECT_FALSE(stage.panes[0].readOnly);
  }
  EXPECT_TRUE(hasNote(plan, "no baseline")) << allNotes(plan);
}

TEST(HangingPlan, BaselineWithoutCtShowsTheCurrentCtAloneAndSaysWhy) {
  TimepointStudies baseline = fullBaseline();
  baseline.series = {series(2, "NM", "B-NM", 2)};
  const HangingPlan plan = planHanging(fullWeek6(), baseline);
  const HangingStage* anatomy = stageNamed(plan, "CT/MR");
  ASSERT_TRUE(anatomy);
  EXPECT_EQ(anatomy->layout, HangingLayout::Single);
  ASSERT_EQ(anatomy->panes.size(), 1u);
  EXPECT_EQ(anatomy->panes[0].seriesId, 11);
  EXPECT_EQ(anatomy->panes[0].role, PaneRole::Current);
  EXPECT_TRUE(hasNote(plan, "the baseline has no CT: the current CT is shown alone"))
      << allNotes(plan);
  EXPECT_EQ(stageNamed(plan, "MIBG planar")->layout, HangingLayout::OneByTwo);
  EXPECT_EQ(stageNamed(plan, "FDG-PET/CT")->layout, HangingLayout::Single);
}

TEST(HangingPlan, OfTwoCtSeriesTheOneWithMostImagesIsShown) {
  TimepointStudies current = timepoint("week 6", QDate(2026, 3, 1),
                                       {series(21, "CT", "C-CT", 40, "CT scout chest", 1),
                                        series(22, "CT", "C-CT", 120, "CT abdomen", 2)});
  const HangingPlan plan = planHanging(current, std::nullopt);
  ASSERT_EQ(plan.stages.size(), 1u);
  EXPECT_EQ(plan.stages[0].panes[0].seriesId, 22);
  EXPECT_TRUE(hasNote(plan,
                      "2 CT series in the current timepoint (week 6): the one with most "
                      "images (CT abdomen, 120 images) is shown"))
      << allNotes(plan);
  // A tie goes to the lowest series number, whatever the order of the input.
  current.series = {series(32, "CT", "C-CT", 50, "b", 4), series(31, "CT", "C-CT", 50, "a", 3)};
  EXPECT_EQ(planHanging(current, std::nullopt).stages[0].panes[0].seriesId, 31);
}

TEST(HangingPlan, MrOnlyReadsAreHungAsMr) {
  const TimepointStudies baseline =
      timepoint("baseline", QDate(2026, 1, 12), {series(41, "MR", "B-MR", 30, "T2 ax")});
  const TimepointStudies current =
      timepoint("week 6", QDate(2026, 3, 1), {series(51, "MR", "C-MR", 32, "T2 ax")});
  const HangingPlan plan = planHanging(current, baseline);
  ASSERT_EQ(plan.stages.size(), 1u);
  EXPECT_EQ(plan.stages[0].name, "CT/MR");
  EXPECT_EQ(plan.stages[0].layout, HangingLayout::OneByTwo);
  EXPECT_EQ(plan.stages[0].panes[0].seriesId, 41);
  EXPECT_EQ(plan.stages[0].panes[1].seriesId, 51);
}

TEST(HangingPlan, CtIsPreferredAndTheBaselineIsPairedOnlyWithTheSameModality) {
  const TimepointStudies baseline =
      timepoint("baseline", QDate(2026, 1, 12), {series(41, "MR", "B-MR", 300)});
  const TimepointStudies current = timepoint(
      "week 6", QDate(2026, 3, 1), {series(51, "MR", "C-MR", 300), series(52, "CT", "C-CT", 100)});
  const HangingPlan plan = planHanging(current, baseline);
  ASSERT_EQ(plan.stages.size(), 1u);
  ASSERT_EQ(plan.stages[0].panes.size(), 1u);
  EXPECT_EQ(plan.stages[0].panes[0].seriesId, 52);
  EXPECT_TRUE(hasNote(plan, "the baseline has no CT")) << allNotes(plan);
  EXPECT_TRUE(hasNote(plan, "the current timepoint (week 6) also has MR")) << allNotes(plan);
}

TEST(HangingPlan, PetWithoutCtInItsStudyIsShownAloneWithANote) {
  // A CT exists at the timepoint, but in another study: it must not be fused under the PET.
  const TimepointStudies current =
      timepoint("week 6", QDate(2026, 3, 1),
                {series(61, "PT", "C-PET", 200, "PET WB"), series(62, "CT", "C-CT", 100)});
  const HangingPlan plan = planHanging(current, std::nullopt);
  const HangingStage* pet = stageNamed(plan, "FDG-PET/CT");
  ASSERT_TRUE(pet);
  ASSERT_EQ(pet->panes.size(), 1u);
  EXPECT_EQ(pet->panes[0].kind, PaneKind::Pet);
  EXPECT_EQ(pet->panes[0].seriesId, 61);
  EXPECT_FALSE(pet->panes[0].fusedSeriesId);
  EXPECT_TRUE(hasNote(plan,
                      "the PET 'PET WB' of the current timepoint (week 6) has no CT in its "
                      "study: it is shown alone, not fused"))
      << allNotes(plan);
}

TEST(HangingPlan, StageIsOmittedWhenNeitherTimepointHasSuchSeries) {
  const TimepointStudies baseline =
      timepoint("baseline", QDate(2026, 1, 12), {series(1, "CT", "B-CT", 100)});
  const TimepointStudies current =
      timepoint("week 6", QDate(2026, 3, 1), {series(11, "CT", "C-CT", 100)});
  const HangingPlan plan = planHanging(current, baseline);
  ASSERT_EQ(plan.stages.size(), 1u);
  EXPECT_EQ(plan.stages[0].name, "CT/MR");
}

TEST(HangingPlan, StudiesMissingFromTheIndexAreNotedNotFatal) {
  TimepointStudies current = fullWeek6();
  current.missingStudyUids = {"9.9.9"};
  const HangingPlan plan = planHanging(current, fullBaseline());
  EXPECT_EQ(plan.stages.size(), 3u);
  EXPECT_TRUE(hasNote(plan,
                      "study 9.9.9 of the current timepoint (week 6) is not in the image "
                      "index"))
      << allNotes(plan);
}

TEST(HangingPlan, ReadOfTwoPatientsIsBlocked) {
  TimepointStudies baseline = fullBaseline();
  baseline.series[0].patientId = "SYN-002";
  baseline.series[0].patientName = "SYNTHETIC^TWO";
  const HangingPlan plan = planHanging(fullWeek6(), baseline);
  EXPECT_TRUE(plan.blocked());
  EXPECT_TRUE(plan.stages.empty());
  EXPECT_TRUE(plan.blockingProblem.contains("SYN-001")) << plan.blockingProblem.toStdString();
  EXPECT_TRUE(plan.blockingProblem.contains("SYN-002")) << plan.blockingProblem.toStdString();
  EXPECT_EQ(plan.notes.value(0), plan.blockingProblem);
}

TEST(ReadPatient, AnotherPatientsSeriesIsRefusedTheSamePatientsAccepted) {
  const TimepointStudies current = fullWeek6();
  const TimepointStudies baseline = fullBaseline();
  HangingSeries other = series(99, "PT", "X-PET", 200, "PET WB");
  other.patientId = "SYN-002";
  other.patientName = "SYNTHETIC^TWO";
  EXPECT_EQ(checkSeriesBelongsToRead(other, current, baseline),
            "series 'PET WB' belongs to patient SYN-002 (SYNTHETIC^TWO), not to this read's "
            "patient SYN-001 (SYNTHETIC^ONE): not opened into the read");

  HangingSeries same = series(98, "PT", "X-PET", 200, "PET WB");
  same.patientName = "synthetic^one^^";  // same person as DICOM compares names
  EXPECT_EQ(checkSeriesBelongsToRead(same, current, baseline), "");
  same.patientName.clear();  // a name that is not known does not refuse
  EXPECT_EQ(checkSeriesBelongsToRead(same, current, baseline), "");

  // Same Patient ID, another name: refused.
  HangingSeries reused = series(97, "CT", "X-CT", 10, "CT head");
  reused.patientName = "OTHER^PERSON";
  EXPECT_TRUE(checkSeriesBelongsToRead(reused, current, std::nullopt)
                  .contains("belongs to patient SYN-001 (OTHER^PERSON)"));

  const ReadPatient patient = readPatient(current, baseline);
  EXPECT_EQ(patient.patientId, "SYN-001");
  EXPECT_EQ(patient.patientName, "SYNTHETIC^ONE");
  EXPECT_TRUE(patient.conflict.isEmpty());
}

TEST(ReadPatient, ASeriesIsRefusedWhenTheReadHasNoIndexedStudy) {
  TimepointStudies current = timepoint("week 6", QDate(2026, 3, 1), {});
  current.missingStudyUids = {"9.9.9"};
  const QString error =
      checkSeriesBelongsToRead(series(1, "CT", "X", 10, "CT abdomen"), current, std::nullopt);
  EXPECT_TRUE(error.contains("not opened into the read")) << error.toStdString();
}

// The adapter on a real image index of synthetic DICOM: two studies of SYN-001 at the
// timepoint (a CT study and a PET/CT), a study of another patient that is not linked, and one
// linked study that was never imported.
TEST(TimepointStudiesFromIndex, ReadsTheLinkedStudiesAndListsTheMissingOnes) {
  namespace fs = std::filesystem;
  nbra::testing::TempFolder data;
  nbra::testing::TempFolder db;
  const std::string ctStudy = "1.2.826.0.1.3680043.9.9999.101";
  const std::string petStudy = "1.2.826.0.1.3680043.9.9999.102";
  nbra::testing::SyntheticSeries ct;
  ct.patientId = "SYN-001";
  ct.patientName = "SYNTHETIC^ONE";
  ct.studyUid = ctStudy;
  ct.studyDate = "20260301";
  ct.seriesDescription = "CT abdomen";
  ct.seriesNumber = 2;
  ct.slices = 5;
  nbra::testing::writeSeries(data.path() / "ct", ct);
  nbra::testing::SyntheticSeries pet = ct;
  pet.studyUid = petStudy;
  pet.modality = "PT";
  pet.seriesDescription = "PET WB";
  pet.seriesNumber = 3;
  pet.slices = 4;
  nbra::testing::writeSeries(data.path() / "pet", pet);
  nbra::testing::SyntheticSeries lowDose = pet;
  lowDose.modality = "CT";
  lowDose.seriesDescription = "CT low dose";
  lowDose.seriesNumber = 1;
  lowDose.slices = 6;  // more images than the diagnostic CT: still not the one read
  nbra::testing::writeSeries(data.path() / "lowdose", lowDose);
  nbra::testing::SyntheticSeries stranger = ct;
  stranger.patientId = "SYN-002";
  stranger.patientName = "SYNTHETIC^TWO";
  stranger.studyUid = "1.2.826.0.1.3680043.9.9999.103";
  nbra::testing::writeSeries(data.path() / "stranger", stranger);

  dicom::ImageIndex index((db.path() / "index.sqlite").string());
  const auto summary = dicom::importPaths(index, {data.path().string()});
  ASSERT_TRUE(summary.skipped.empty());

  records::TimepointRecord record;
  record.label = "week 6";
  record.scanDate = QDate(2026, 3, 2);
  record.studyInstanceUids = {QString::fromStdString(ctStudy), QString::fromStdString(petStudy),
                              "1.2.826.0.1.3680043.9.9999.404"};
  const TimepointStudies studies = timepointStudiesFromIndex(index, record);
  EXPECT_EQ(studies.label, "week 6");
  EXPECT_EQ(studies.scanDate, QDate(2026, 3, 2));
  EXPECT_EQ(studies.missingStudyUids, QStringList{"1.2.826.0.1.3680043.9.9999.404"});
  ASSERT_EQ(studies.series.size(), 3u);
  const HangingSeries* ctSeries = nullptr;
  for (const HangingSeries& s : studies.series) {
    EXPECT_EQ(s.patientId, "SYN-001");
    EXPECT_EQ(s.patientName, "SYNTHETIC^ONE");
    EXPECT_GT(s.seriesId, 0);
    if (s.description == "CT abdomen") {
      ctSeries = &s;
    }
  }
  ASSERT_TRUE(ctSeries);
  EXPECT_EQ(ctSeries->modality, "CT");
  EXPECT_EQ(ctSeries->studyUid, QString::fromStdString(ctStudy));
  EXPECT_EQ(ctSeries->studyDate, "20260301");
  EXPECT_EQ(ctSeries->imageCount, 5);
  EXPECT_EQ(ctSeries->seriesNumber, 2);

  // The plan from the index: the diagnostic CT alone, the PET fused on the low-dose CT of its
  // study; the caption takes the timepoint's scan date.
  const HangingPlan plan = planHanging(studies, std::nullopt);
  ASSERT_EQ(plan.stages.size(), 2u);
  EXPECT_EQ(plan.stages[0].panes[0].seriesId, ctSeries->seriesId);
  EXPECT_EQ(plan.stages[0].panes[0].caption, "CURRENT · week 6 · 2026-03-02");
  EXPECT_EQ(plan.stages[1].panes[0].kind, PaneKind::Fused);
  EXPECT_TRUE(plan.stages[1].panes[0].fusedSeriesId.has_value());

  // A series of the unlinked patient is refused from this read.
  const TimepointStudies strangers =
      timepointStudiesFromIndex(index, "other", {QString::fromStdString(stranger.studyUid)});
  ASSERT_EQ(strangers.series.size(), 1u);
  EXPECT_TRUE(checkSeriesBelongsToRead(strangers.series[0], studies, std::nullopt)
                  .contains("belongs to patient SYN-002 (SYNTHETIC^TWO)"));
}

}  // namespace
}  // namespace nbra::workflow
