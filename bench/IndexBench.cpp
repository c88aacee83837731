// Image index speed, warm page cache, in files per second.
//
// Baseline (same run, same files): a naive importer's inner loop, i.e. DCMTK reading every file
// whole (pixels included), one thread, no database. Our import reads headers only, in parallel,
// and writes the SQLite index; the ratio import / baseline is what to watch. Re-import of an
// unchanged tree should be far faster still: it reads no file at all.
//
//   nbra_index_bench [--benchmark_filter=...]        (NBRA_SHARED_DATA_DIR picks the real set)

#include <benchmark/benchmark.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/index/ImageIndex.h"
#include "dicom/index/Importer.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;

struct Tree {
  std::string name;
  fs::path root;
  std::vector<std::string> files;
};

std::vector<std::string> listFiles(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  return files;
}

// 2,000 files: 20 series of 100 slices (128 x 128, 16-bit), 4 patients.
Tree& generatedTree() {
  static nbra::testing::TempFolder folder;
  static Tree tree = [] {
    Tree t{"generated-2000", folder.path(), {}};
    for (int s = 0; s < 20; ++s) {
      nbra::testing::SyntheticSeries spec;
      spec.patientId = "BENCH-" + std::to_string(s % 4);
      spec.seriesNumber = s + 1;
      spec.slices = 100;
      spec.rows = 128;
      spec.columns = 128;
      nbra::testing::writeSeries(folder.path() / ("S" + std::to_string(s)), spec);
    }
    t.files = listFiles(folder.path());
    return t;
  }();
  return tree;
}

Tree* sharedTree() {
  static std::unique_ptr<Tree> tree = []() -> std::unique_ptr<Tree> {
    const auto dir = nbra::testing::sharedDataDir();
    if (!dir) return nullptr;
    return std::make_unique<Tree>(Tree{"shared-data", *dir, listFiles(*dir)});
  }();
  return tree.get();
}

void warmCache(const Tree& tree) {
  for (const auto& f : tree.files) {
    DcmFileFormat file;
    (void)file.loadFile(f.c_str());
  }
}

void BM_BaselineFullReadOneThread(benchmark::State& state, Tree* tree) {
  nbra::dicom::ensureDcmtkReady();
  for (auto _ : state) {
    int read = 0;
    for (const auto& f : tree->files) {
      DcmFileFormat file;
      read += file.loadFile(f.c_str()).good() ? 1 : 0;
    }
    benchmark::DoNotOptimize(read);
  }
  state.counters["files_per_s"] = benchmark::Counter(
      static_cast<double>(tree->files.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ImportFresh(benchmark::State& state, Tree* tree) {
  nbra::dicom::ImportOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    nbra::testing::TempFolder db;
    auto index = std::make_unique<nbra::dicom::ImageIndex>((db.path() / "i.sqlite").string());
    state.ResumeTiming();
    const auto summary = nbra::dicom::importPaths(*index, {tree->root.string()}, options);
    benchmark::DoNotOptimize(summary.found.instances);
    state.PauseTiming();
    index.reset();
    state.ResumeTiming();
  }
  state.counters["files_per_s"] = benchmark::Counter(
      static_cast<double>(tree->files.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ReimportUnchanged(benchmark::State& state, Tree* tree) {
  nbra::testing::TempFolder db;
  nbra::dicom::ImageIndex index((db.path() / "i.sqlite").string());
  nbra::dicom::importPaths(index, {tree->root.string()});
  for (auto _ : state) {
    const auto summary = nbra::dicom::importPaths(index, {tree->root.string()});
    benchmark::DoNotOptimize(summary.unchanged);
  }
  state.counters["files_per_s"] = benchmark::Counter(
      static_cast<double>(tree->files.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// Prints, after the normal table, each import's speed as a ratio to the baseline of its tree.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      const auto it = run.counters.find("files_per_s");
      if (it != run.counters.end()) rates_[run.benchmark_name()] = it->second.value;
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::cout << "\nfiles/s as a ratio to the baseline (full DCMTK read, 1 thread, no index):\n";
    for (const auto& [name, rate] : rates_) {
      // Names look like "ImportFresh/<tree>/threads:2/min_time:2.000".
      const auto first = name.find('/');
      const std::string tree = name.substr(first + 1, name.find('/', first + 1) - first - 1);
      const std::string baseline = "BaselineFullReadOneThread/" + tree + "/";
      for (const auto& [otherName, baseRate] : rates_) {
        if (otherName.rfind(baseline, 0) == 0 && baseRate > 0) {
          std::printf("  %-58s %9.0f files/s  x%.2f\n", name.c_str(), rate, rate / baseRate);
        }
      }
    }
  }

 private:
  std::map<std::string, double> rates_;
};

void registerFor(Tree* tree) {
  warmCache(*tree);
  benchmark::RegisterBenchmark(("BaselineFullReadOneThread/" + tree->name).c_str(),
                               BM_BaselineFullReadOneThread, tree)
      ->Unit(benchmark::kMillisecond)
      ->MinTime(2.0);
  benchmark::RegisterBenchmark(("ImportFresh/" + tree->name).c_str(), BM_ImportFresh, tree)
      ->Arg(1)
      ->Arg(2)
      ->ArgName("threads")
      ->Unit(benchmark::kMillisecond)
      ->MinTime(2.0);
  benchmark::RegisterBenchmark(("ReimportUnchanged/" + tree->name).c_str(), BM_ReimportUnchanged,
                               tree)
      ->Unit(benchmark::kMillisecond)
      ->MinTime(2.0);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  nbra::dicom::ensureDcmtkReady();
  if (Tree* shared = sharedTree()) {
    registerFor(shared);
  } else {
    std::cerr << "shared data-samples not found at " << nbra::testing::sharedDataExpectedPath()
              << ": benchmarking the generated tree only\n";
  }
  registerFor(&generatedTree());
  RatioReporter reporter;  // plain text: the output is pasted into notes
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
