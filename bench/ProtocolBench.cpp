// The trial around the images over a generated trial (every subject with a signed checklist,
// courses, lots, thaw checks and injections), against reading each subject's rows alone:
// build/bench/nbra_protocol_bench
//   ReadSubjectOnly   baseline: per subject what every view reads first (the subject's rows)
//   ChecklistReview   the answers read and judged by the rules, the evaluation JSON made
//   ChecklistSignoff  the signed checklist with its staleness check
//   InjectionSchedule the calendar: courses, injections, decisions, weights, doses
//   SubjectTimeline   everything a subject's timeline shows, in date order
// Each at 10 subjects (the trial) and 40 (a margin). docs/benchmarks.md reports the ratios.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <map>
#include <memory>

#include "tests/workflow/GeneratedTrial.h"
#include "workflow/protocol/SubjectTimeline.h"

namespace {

using namespace nbra;

workflow::testing::GeneratedTrial& trial(int subjects) {
  static std::map<int, std::unique_ptr<workflow::testing::GeneratedTrial>> made;
  auto& t = made[subjects];
  if (!t) {
    t = std::make_unique<workflow::testing::GeneratedTrial>();
    workflow::testing::generateTrial(*t, 20261206, true, subjects);
    t->trial.as("inv");
  }
  return *t;
}

const QDate kToday(2026, 12, 1);

void ReadSubjectOnly(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    std::size_t rows = 0;
    for (const QString& id : r.subjectIds()) {
      rows += r.subject(id).injections.size();
    }
    benchmark::DoNotOptimize(rows);
  }
}

void ChecklistReview(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    std::size_t criteria = 0;
    for (const QString& id : r.subjectIds()) {
      criteria += r.checklistReview(id, kToday).result.criteria.size();
    }
    benchmark::DoNotOptimize(criteria);
  }
}

void ChecklistSignoff(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    std::size_t signedOnes = 0;
    for (const QString& id : r.subjectIds()) {
      signedOnes += r.checklistSignoff(id).has_value() ? 1 : 0;
    }
    benchmark::DoNotOptimize(signedOnes);
  }
}

void InjectionSchedule(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    std::size_t lines = 0;
    for (const QString& id : r.subjectIds()) {
      lines += r.injectionSchedule(id, kToday).size();
    }
    benchmark::DoNotOptimize(lines);
  }
}

void SubjectTimeline(benchmark::State& state) {
  auto& r = *trial(static_cast<int>(state.range(0))).trial.record;
  for (auto _ : state) {
    std::size_t events = 0;
    for (const QString& id : r.subjectIds()) {
      events += workflow::subjectTimeline(r, id, kToday).size();
    }
    benchmark::DoNotOptimize(events);
  }
}

BENCHMARK(ReadSubjectOnly)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(ChecklistReview)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(ChecklistSignoff)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(InjectionSchedule)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);
BENCHMARK(SubjectTimeline)->Arg(10)->Arg(40)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
