// `record assess` through the application core against the rules alone, on the schema's
// responder example: build/bench/nbra_assess_bench
//   RulesOnCaseFile   baseline: parse the case file and run the rules (what `nbra-cli assess` does)
//   AssembleFromRows  the case built typed from two signed reads' rows, each checked for
//                     consistency (workflow/assessment/CaseAssembly)
//   AssessAndRecord   the whole use case: assemble, rules, store the output with its audit entry
//   CheckStoredReads  `audit verify`'s read check over the record (per read)
// The ratios to the baseline are what docs/benchmarks.md reports.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <memory>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "scoring/assessment/Assessment.h"
#include "workflow/assessment/CaseAssembly.h"
#include "workflow/assessment/RecordAssessment.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/reads/ReadConsistency.h"
#include "workflow/reads/ReadImport.h"

namespace {

using namespace nbra;

const QString kCase = QString(NBRA_SCHEMA_EXAMPLES_DIR) + "/responder.json";
const QString kPassword = "bench password 1";

// A record with the example subject's baseline and follow-up read, signed by reader1.
struct BenchRecord {
  QTemporaryDir dir;
  std::unique_ptr<records::RecordDatabase> db;
  std::unique_ptr<records::TrialRecord> record;

  BenchRecord() {
    db = std::make_unique<records::RecordDatabase>(dir.filePath("trial.sqlite"));
    record = std::make_unique<records::TrialRecord>(*db, records::HashCost::Minimal);
    record->bootstrapAdministrator("admin", "Ada Admin", kPassword);
    record->createUser("coord", "Cora Coordinator", records::Role::Coordinator, kPassword);
    record->createUser("inv", "Ivan Investigator", records::Role::Investigator, kPassword);
    record->createUser("reader1", "Dr Rita Reader", records::Role::Reader, kPassword);
    record->signIn("coord", kPassword);
    record->createSubject({"NB-EX", "F", std::nullopt, 6.0});
    record->recordBodyMeasurement("NB-EX", QDate(2026, 1, 10), 18.4, 110.0);
    record->addTimepoint("NB-EX", "baseline", "baseline", QDate(2026, 1, 12), {});
    record->addTimepoint("NB-EX", "follow-up", "follow-up", QDate(2026, 3, 30), {});
    record->signIn("reader1", kPassword);
    for (const auto& [label, index] : {std::pair{"baseline", "0"}, {"follow-up", "1"}}) {
      record->saveRead("NB-EX", label, workflow::readFromCaseFile(kCase, index, label));
      record->signRead("NB-EX", label, kPassword);
    }
    record->signIn("inv", kPassword);
  }
};

void RulesOnCaseFile(benchmark::State& state) {
  QFile f(kCase);
  f.open(QIODevice::ReadOnly);
  const QByteArray text = f.readAll();
  for (auto _ : state) {
    const workflow::CaseParseResult parsed = workflow::parseCase(text);
    benchmark::DoNotOptimize(scoring::assessCase(*parsed.value));
  }
}
BENCHMARK(RulesOnCaseFile)->Unit(benchmark::kMicrosecond);

void AssembleFromRows(benchmark::State& state) {
  BenchRecord b;
  for (auto _ : state) {
    benchmark::DoNotOptimize(workflow::assembleCase(*b.record, "NB-EX", "follow-up", {}));
  }
}
BENCHMARK(AssembleFromRows)->Unit(benchmark::kMicrosecond);

void AssessAndRecord(benchmark::State& state) {
  BenchRecord b;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        workflow::assessAndRecord(*b.record, "NB-EX", "follow-up", {}, std::nullopt));
  }
}
// A fixed count: each iteration adds one assessment, which the next reads (marrow carried over).
BENCHMARK(AssessAndRecord)->Unit(benchmark::kMicrosecond)->Iterations(50);

void CheckStoredReads(benchmark::State& state) {
  BenchRecord b;
  std::size_t reads = 0;
  for (auto _ : state) {
    const auto checked = workflow::checkStoredReads(*b.db);
    reads = checked.size();
    benchmark::DoNotOptimize(checked);
  }
  state.counters["reads"] = static_cast<double>(reads);
}
BENCHMARK(CheckStoredReads)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);  // Qt Sql finds its drivers through it
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
