// Opening a discordant timepoint for adjudication (issue #16: under 1 s for a subject with 3
// timepoints), against opening one read, on a record where two readers read every timepoint:
// build/bench/nbra_adjudication_bench
//   OpenOneRead        baseline: a reader opens their own read of the timepoint
//   OpenAdjudication   the adjudicator's view: status, both reads, lesions and segments aligned
//   CompareTwoReads    what the first look at a newly double-read timepoint costs: the rules run
//                      on each read (earlier timepoints from their reads of record), compared
//   AdjudicatorWorklist the adjudicator's worklist over the record
// docs/benchmarks.md reports the ratios.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <memory>

#include "tests/records/RecordTestSupport.h"
#include "workflow/adjudication/AdjudicationCase.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/adjudication/Worklist.h"
#include "workflow/reads/ReaderReads.h"

namespace {

using namespace nbra;
using records::testing::kPassword;

const QString kSubject = "NB-001";
const QString kLast = "after injection 3";

// populate()'s subject with a third timepoint between baseline and "after injection 3", read
// twice throughout; reader 2 adds a new lesion at the last one, which sends it to adjudication.
records::testing::TestTrial& trial() {
  static std::unique_ptr<records::testing::TestTrial> t;
  if (t) {
    return *t;
  }
  t = std::make_unique<records::testing::TestTrial>();
  t->populate();
  t->record->addTimepoint(kSubject, "after injection 2", "follow-up", QDate(2026, 2, 24),
                          {"1.2.826.0.1.3680043.8.498.9"});
  t->as("admin");
  t->record->setReadingDesign(records::kDoubleRead, {}, "benchmark: double reading");
  const QStringList labels{"baseline", "after injection 2", kLast};
  t->as("coord");
  for (const QString& label : labels) {
    t->record->assignReader(kSubject, label, records::kReader1, "reader1");
    t->record->assignReader(kSubject, label, records::kReader2, "reader2");
    t->record->assignReader(kSubject, label, records::kAdjudicatorDuty, "adj");
  }
  for (const QString& label : labels) {
    for (const char* reader : {"reader1", "reader2"}) {
      t->as(reader);
      records::ReadContent content =
          label == "baseline" ? records::testing::baselineRead() : records::testing::followUpRead();
      if (label == kLast && QString(reader) == "reader2") {
        records::LesionMeasurement added = content.lesions.front();
        added.trackingId = "L-NEW";
        added.organ = "liver";
        added.isPrimary = false;
        added.isNew = true;
        added.role = "non-target";
        content.lesions.push_back(added);
      }
      t->record->saveRead(kSubject, label, content);
      workflow::signReadAndCompare(*t->record, kSubject, label, kPassword);
    }
  }
  t->as("inv");
  for (const QString& label : labels) {
    workflow::settleTimepoint(*t->record, kSubject, label);
  }
  return *t;
}

void OpenOneRead(benchmark::State& state) {
  auto& t = trial();
  t.as("reader1");
  for (auto _ : state) {
    benchmark::DoNotOptimize(workflow::ownLatestRead(*t.record, kSubject, kLast));
  }
}

void OpenAdjudication(benchmark::State& state) {
  auto& t = trial();
  t.as("adj");
  for (auto _ : state) {
    const workflow::AdjudicationCase c = workflow::openAdjudication(*t.record, kSubject, kLast);
    if (c.status.state != "awaiting-adjudication") {
      state.SkipWithError("the last timepoint should await adjudication");
    }
    benchmark::DoNotOptimize(c.lesions.size());
  }
}

void CompareTwoReads(benchmark::State& state) {
  auto& t = trial();
  t.as("inv");
  const records::ReadingStatus status = t.record->readingStatus(kSubject, kLast);
  std::vector<records::ReadRecord> reads = t.record->reads(kSubject, kLast);
  for (auto _ : state) {
    const scoring::ReadOutcome a = workflow::readOutcome(*t.record, kSubject, kLast, reads[0]);
    const scoring::ReadOutcome b = workflow::readOutcome(*t.record, kSubject, kLast, reads[1]);
    benchmark::DoNotOptimize(
        scoring::compareReads(a, b, t.record->readingDesign().discordance).discordant);
  }
  benchmark::DoNotOptimize(status.state);
}

void AdjudicatorWorklist(benchmark::State& state) {
  auto& t = trial();
  t.as("adj");
  for (auto _ : state) {
    benchmark::DoNotOptimize(workflow::worklist(*t.record, QDate(2026, 4, 1)).size());
  }
}

BENCHMARK(OpenOneRead)->Unit(benchmark::kMillisecond);
BENCHMARK(OpenAdjudication)->Unit(benchmark::kMillisecond);
BENCHMARK(CompareTwoReads)->Unit(benchmark::kMillisecond);
BENCHMARK(AdjudicatorWorklist)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
