// What never losing a read costs, and what hanging a read costs (issue #19), each against the
// step a reader already waits for:
// build/bench/nbra_workstation_bench
//   SaveDraftToRecord    baseline: Reading > Save draft of a read with 40 marks and 20 lesions
//   SnapshotForDirtyCheck the "unsaved changes?" check run on every change (marks and table as
//                        the read keeps them)
//   AutosaveToJournal    one autosave: the snapshot written to the crash journal (0600, atomic)
//   BrowseIndex          baseline: the study browser's read of the image index
//   PlanHanging          a follow-up read's display sets from the same index (both timepoints'
//                        studies looked up, series chosen, captions)
// docs/benchmarks.md reports the ratios.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QDate>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <memory>

#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/lesions/LesionTable.h"
#include "viewer/app/measure/MeasurementSet.h"
#include "viewer/app/read/ReadSession.h"
#include "workflow/hanging/HangingInput.h"
#include "workflow/hanging/HangingPlan.h"
#include "workflow/journal/DraftJournal.h"

namespace {

using namespace nbra;
const QString kPassword = "bench pass 1";

struct Fixture {
  QTemporaryDir dir;
  std::unique_ptr<records::RecordDatabase> db;
  std::unique_ptr<records::TrialRecord> record;
  viewer::MeasurementSet marks;
  viewer::LesionTable table{viewer::LesionTable::Kind::Baseline};
  std::unique_ptr<dicom::ImageIndex> index;
  QStringList baselineStudies{"1.2.826.0.1.3680043.8.498.77.1", "1.2.826.0.1.3680043.8.498.77.2"};
  QStringList followStudies{"1.2.826.0.1.3680043.8.498.77.3", "1.2.826.0.1.3680043.8.498.77.4"};

  Fixture() {
    db = std::make_unique<records::RecordDatabase>(dir.filePath("trial.sqlite"));
    record = std::make_unique<records::TrialRecord>(*db, records::HashCost::Minimal);
    record->bootstrapAdministrator("admin", "Ada Admin", kPassword);
    record->createUser("coord", "Cora Coordinator", records::Role::Coordinator, kPassword);
    record->createUser("reader", "Dr Rita Reader", records::Role::Reader, kPassword);
    record->signIn("coord", kPassword);
    record->createSubject({"NB-900", "F", std::nullopt, 6.0});
    record->addTimepoint("NB-900", "baseline", "baseline", QDate(2026, 1, 12), baselineStudies);
    record->signIn("reader", kPassword);
    // 40 bidirectional marks; the first 20 are the table's lesions.
    std::vector<viewer::TrackedLesion> lesions;
    for (int i = 0; i < 40; ++i) {
      viewer::Measurement m;
      m.kind = viewer::MeasurementKind::Bidirectional;
      m.longStartMm = {10.0 * i, 5, -100};
      m.longEndMm = {10.0 * i + 23.4, 7, -100};
      m.shortStartMm = {10.0 * i + 11, -3, -100};
      m.shortEndMm = {10.0 * i + 12, 12.5, -100};
      m.hasShortAxis = true;
      m.source =
          viewer::SourceImage{"1.2.826.0.1.3680043.8.498.77.100." + std::to_string(i), 0, false};
      const int id = marks.add(m);
      if (i < 20) {
        viewer::TrackedLesion l;
        l.trackingId = "L" + std::to_string(i + 1);
        l.site = "liver";
        l.markId = id;
        l.status = viewer::LesionStatus::Measured;
        lesions.push_back(l);
      }
    }
    table.restore(lesions);
    table.setSliceThicknessMm(2.5);
    // The index: per timepoint a CT study (120 slices) and a PET/CT study (CT 60, PT 60).
    testing::TempFolder images;
    int n = 0;
    for (const QStringList* studies : {&baselineStudies, &followStudies}) {
      for (int s = 0; s < 2; ++s) {
        for (const char* modality :
             s == 0 ? std::vector<const char*>{"CT"} : std::vector<const char*>{"CT", "PT"}) {
          testing::SyntheticSeries spec;
          spec.patientId = "NB900";
          spec.patientName = "BENCH^NINE";
          spec.studyUid = (*studies)[s].toStdString();
          spec.modality = modality;
          spec.seriesNumber = ++n;
          spec.slices = s == 0 ? 120 : 60;
          spec.studyDate = studies == &baselineStudies ? "20260112" : "20260302";
          testing::writeSeries(images.path() / ("s" + std::to_string(n)), spec);
        }
      }
    }
    index = std::make_unique<dicom::ImageIndex>(dir.filePath("index.sqlite").toStdString());
    dicom::importPaths(*index, {images.path().string()});
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void SaveDraftToRecord(benchmark::State& state) {
  auto& f = fixture();
  viewer::ReadSession read(*f.record, "NB-900", "baseline");
  for (auto _ : state) {
    benchmark::DoNotOptimize(read.save(f.marks, f.table));
  }
}

void SnapshotForDirtyCheck(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    benchmark::DoNotOptimize(viewer::ReadSession::snapshotJson(f.marks, f.table).size());
  }
}

void AutosaveToJournal(benchmark::State& state) {
  auto& f = fixture();
  workflow::DraftJournal journal(f.dir.filePath("journal"));
  workflow::JournalEntry entry;
  entry.key = {f.dir.filePath("trial.sqlite"), "reader", "NB-900", "baseline"};
  for (auto _ : state) {
    const QString snapshot = viewer::ReadSession::snapshotJson(f.marks, f.table);
    entry.savedUtc = std::chrono::system_clock::now();
    entry.draft = QJsonDocument::fromJson(snapshot.toUtf8()).object();
    benchmark::DoNotOptimize(journal.write(entry).ok);
  }
}

void BrowseIndex(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.index->browse().size());
  }
}

void PlanHanging(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) {
    const auto current = workflow::timepointStudiesFromIndex(*f.index, "week 7", f.followStudies);
    const auto baseline =
        workflow::timepointStudiesFromIndex(*f.index, "baseline", f.baselineStudies);
    benchmark::DoNotOptimize(workflow::planHanging(current, baseline).stages.size());
  }
}

BENCHMARK(SaveDraftToRecord)->Unit(benchmark::kMillisecond);
BENCHMARK(SnapshotForDirtyCheck)->Unit(benchmark::kMillisecond);
BENCHMARK(AutosaveToJournal)->Unit(benchmark::kMillisecond);
BENCHMARK(BrowseIndex)->Unit(benchmark::kMillisecond);
BENCHMARK(PlanHanging)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
