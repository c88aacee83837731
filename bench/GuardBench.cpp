// What the structure walk in front of DCMTK costs (dicom/limits/FileStructure, docs/robustness.md).
//
// Baseline (same run, same files): DCMTK parsing each file's header as the index does (values
// over 4 KiB left on disk), with no walk. Then the walk alone and the guarded parse (walk, then
// the same DCMTK parse). The ratio guarded / baseline is the price of never handing DCMTK a file
// nested deep enough to overflow its stack; the last benchmark is how fast a hostile file is
// refused.
//
//   nbra_guard_bench [--benchmark_filter=...]

#include <benchmark/benchmark.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/limits/FileStructure.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;

// 200 CT slices (128 x 128, 16-bit) in 2 series, plus the shared PET slices when present.
const std::vector<std::string>& files() {
  static nbra::testing::TempFolder folder;
  static const std::vector<std::string> list = [] {
    std::vector<std::string> out;
    for (int s = 0; s < 2; ++s) {
      nbra::testing::SyntheticSeries spec;
      spec.seriesNumber = s + 1;
      spec.slices = 100;
      spec.rows = 128;
      spec.columns = 128;
      for (const auto& f : nbra::testing::writeSeries(folder.path() / std::to_string(s), spec)) {
        out.push_back(f.string());
      }
    }
    if (const auto shared = nbra::testing::sharedDataDir()) {
      for (const auto& e :
           fs::recursive_directory_iterator(*shared / "tcia-acrin-nsclc-fdg-pet-042")) {
        if (e.is_regular_file() && e.path().extension() == ".dcm")
          out.push_back(e.path().string());
      }
    }
    return out;
  }();
  return list;
}

void BM_BaselineDcmtkHeaderParse(benchmark::State& state) {
  nbra::dicom::ensureDcmtkReady();
  for (auto _ : state) {
    for (const auto& path : files()) {
      DcmFileFormat file;
      benchmark::DoNotOptimize(file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files().size()));
}

void BM_StructureWalkAlone(benchmark::State& state) {
  nbra::dicom::ensureDcmtkReady();
  for (auto _ : state) {
    for (const auto& path : files()) {
      benchmark::DoNotOptimize(nbra::dicom::fileStructureProblem(path));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files().size()));
}

void BM_GuardedHeaderParse(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& path : files()) {
      DcmFileFormat file;
      benchmark::DoNotOptimize(nbra::dicom::loadDicomFile(file, path, EXS_Unknown, 4096));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files().size()));
}

// 7,500 nested undefined-length sequences (the hostile input that overflowed DCMTK's stack).
void BM_RefuseDeepNesting(benchmark::State& state) {
  std::vector<std::uint8_t> bytes(132, 0);
  bytes[128] = 'D';
  bytes[129] = 'I';
  bytes[130] = 'C';
  bytes[131] = 'M';
  const std::uint8_t sequence[] = {0x40, 0x00, 0x30, 0xA7, 'S',  'Q',  0,    0,    0xFF, 0xFF,
                                   0xFF, 0xFF, 0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF};
  for (int i = 0; i < 7500; ++i)
    bytes.insert(bytes.end(), sequence, sequence + sizeof(sequence));
  for (auto _ : state) {
    benchmark::DoNotOptimize(nbra::dicom::bytesStructureProblem(bytes));
  }
}

BENCHMARK(BM_BaselineDcmtkHeaderParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StructureWalkAlone)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GuardedHeaderParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RefuseDeepNesting)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
