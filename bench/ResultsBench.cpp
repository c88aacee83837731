// Results by arm and the SDTM export over a generated trial, against reading the same rows from
// the record alone: build/bench/nbra_results_bench
//   ReadRowsOnly   baseline: per subject what gatherResults reads (subject, arm, assessments)
//   GatherResults  the whole use case: the rows, each assessment's stored output parsed, best
//                  responses, % changes, counts and Clopper-Pearson intervals
//   ResultsJson    gatherResults and its JSON form (what `nbra-cli record results` prints)
//   BuildSdtm      the DM, TU, TR and RS datasets (reads of every timepoint included)
// Each at 10 subjects (the trial) and 40 (a margin). The ratios to the baseline are what
// docs/benchmarks.md reports.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <map>
#include <memory>

#include "tests/workflow/GeneratedTrial.h"
#include "workflow/export/Sdtm.h"
#include "workflow/results/TrialResults.h"

namespace {

using namespace nbra;

// One generated trial per size, made once (the generation itself is not measured).
workflow::testing::GeneratedTrial& trial(int subjects) {
  static std::map<int, std::unique_ptr<workflow::testing::GeneratedTrial>> made;
  auto& t = made[subjects];
  if (!t) {
    t = std::make_unique<workflow::testing::GeneratedTrial>();
    workflow::testing::generateTrial(*t, 20261206, true, subjects);
  }
  return *t;
}

void ReadRowsOnly(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    std::size_t rows = 0;
    for (const QString& id : r.subjectIds()) {
      const records::SubjectRecord s = r.subject(id);
      const auto arm = r.arm(id);
      rows += s.timepoints.size() + r.assessments(id).size() + (arm ? 1 : 0);
    }
    benchmark::DoNotOptimize(rows);
  }
}

void GatherResults(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    const workflow::TrialResults results = workflow::gatherResults(r);
    benchmark::DoNotOptimize(results.arms.size());
  }
}

void ResultsJson(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    const QJsonObject json = workflow::resultsToJson(workflow::gatherResults(r));
    benchmark::DoNotOptimize(json.size());
  }
}

void BuildSdtm(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    const workflow::SdtmExport sdtm = workflow::buildSdtm(r);
    benchmark::DoNotOptimize(sdtm.tr.rows.size());
  }
}

BENCHMARK(ReadRowsOnly)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(GatherResults)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(ResultsJson)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(BuildSdtm)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
