// What de-identification costs (dicom/deid, docs/deidentification.md).
//
// A 300-slice CT (512 x 512, 16-bit, 150 MiB) in one folder. Baseline (same run, same files):
// DCMTK reading every file whole and writing it to another folder, nothing changed. Then NBRA's
// de-identification of the same folder: the structure walk, the pixel screen, Table E.1-1 over
// every element, the keyed UIDs, the date shift, the rewrite into a staging folder and the move
// into place. Target: de-identification <= 1.5 x the baseline.
//
//   nbra_deid_bench [--benchmark_filter=...]

#include <benchmark/benchmark.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/deid/DeidRun.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;

nbra::testing::TempFolder& workFolder() {
  static nbra::testing::TempFolder folder;
  return folder;
}

const std::vector<std::string>& ctFiles() {
  static const std::vector<std::string> list = [] {
    nbra::testing::SyntheticSeries spec;
    spec.slices = 300;
    spec.rows = 512;
    spec.columns = 512;
    spec.sliceSpacingMm = 1.0;
    std::vector<std::string> out;
    for (const auto& f : nbra::testing::writeSeries(workFolder().path() / "ct", spec)) {
      out.push_back(f.string());
    }
    return out;
  }();
  return list;
}

// Reads every CT file with `load` and writes it unchanged into `folder`, once per iteration.
template <class Load>
void readAndWriteAll(benchmark::State& state, const char* folder, Load load) {
  nbra::dicom::ensureDcmtkReady();
  const fs::path out = workFolder().path() / folder;
  for (auto _ : state) {
    fs::remove_all(out);
    fs::create_directories(out);
    std::size_t n = 0;
    for (const auto& path : ctFiles()) {
      DcmFileFormat file;
      if (load(file, path).bad())
        state.SkipWithError("load failed");
      const std::string target = (out / (std::to_string(n++) + ".dcm")).string();
      if (file.saveFile(target.c_str(), file.getDataset()->getCurrentXfer()).bad())
        state.SkipWithError("save failed");
    }
  }
  state.counters["files"] = static_cast<double>(ctFiles().size());
}

void BM_BaselineDcmtkReadWrite(benchmark::State& state) {
  readAndWriteAll(state, "plain", [](DcmFileFormat& file, const std::string& path) {
    return file.loadFile(path.c_str());
  });
}
BENCHMARK(BM_BaselineDcmtkReadWrite)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

// The baseline behind NBRA's guard (the structure walk, then DCMTK on its large-stack thread):
// what the guard costs, apart from the profile itself.
void BM_GuardedReadWrite(benchmark::State& state) {
  readAndWriteAll(state, "guarded", [](DcmFileFormat& file, const std::string& path) {
    return nbra::dicom::loadDicomFile(file, path);
  });
}
BENCHMARK(BM_GuardedReadWrite)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

void BM_Deidentify(benchmark::State& state) {
  namespace dd = nbra::dicom::deid;
  const dd::TrialKey key = dd::TrialKey::parse(
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "bench");
  const fs::path out = workFolder().path() / "deid";
  dd::DeidRequest request;
  request.inputs = {(workFolder().path() / "ct").string()};
  (void)ctFiles();
  request.outputDir = out.string();
  request.identity.subjectId = "NBRA-BENCH";
  request.key = &key;
  for (auto _ : state) {
    fs::remove_all(out);
    const dd::DeidReport report = dd::deidentify(request);
    if (report.written.size() != ctFiles().size())
      state.SkipWithError("not every file written");
  }
  state.counters["files"] = static_cast<double>(ctFiles().size());
}
BENCHMARK(BM_Deidentify)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
