// TID 1500 export and import of a 20-lesion report (long and short axis with image coordinates
// on each), the size of a busy neuroblastoma reading: build/bench/nbra_sr_bench
#include <benchmark/benchmark.h>

#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>

#include "dicom/sr/MeasurementReport.h"
#include "dicom/sr/SrCodes.h"
#include "tests/support/SyntheticDicom.h"

namespace {

using namespace nbra::dicom;

MeasurementReport twentyLesions() {
  MeasurementReport r;
  r.patient.patientId = "NBRA-BENCH";
  r.patient.studyInstanceUid = "1.2.826.0.1.3680043.8.498.777";
  r.observerName = "Reader^Bench";
  r.timepointLabel = "after injection 3";
  const SrImageRef image{"1.2.840.10008.5.1.4.1.1.2", "1.2.826.0.1.3680043.8.498.778", 0,
                         "1.2.826.0.1.3680043.8.498.779", r.patient.studyInstanceUid};
  for (int i = 0; i < 20; ++i) {
    SrLesion l;
    l.trackingId = "L" + std::to_string(i + 1);
    l.organText = i % 2 ? "liver" : "retroperitoneal node";
    l.isLymphNode = i % 2 == 0;
    l.findingSite = srcodes::findingSiteFor(l.organText, l.isLymphNode);
    l.finding = srcodes::secondaryNeoplasm();
    l.sliceThicknessMm = 3.0;
    l.longAxis = {20.0 + i, image, {{10.5, 20.5}, {40.5 + i, 22.5}}};
    l.shortAxis = SrLinearMeasurement{12.0, image, {{25.5, 10.5}, {26.5, 30.5}}};
    r.lesions.push_back(l);
  }
  r.response = SrResponseAssessment{"bench", {{"overall", "PR"}, {"primary", "PR"}}};
  return r;
}

void BM_SrExportImport20(benchmark::State& state) {
  nbra::testing::TempFolder folder;
  const std::string path = (folder.path() / "sr.dcm").string();
  MeasurementReport report = twentyLesions();
  for (auto _ : state) {
    report.sopInstanceUid.clear();
    writeMeasurementReport(report, path);
    const MeasurementReport back = readMeasurementReport(path);
    benchmark::DoNotOptimize(back.lesions.size());
  }
}
BENCHMARK(BM_SrExportImport20)->Unit(benchmark::kMillisecond);

// Baseline: DCMTK reads the same exported file and writes it again as a plain dataset, with no
// SR tree built or checked: the DICOM encoding and file I/O every SR export + import pays.
void BM_BaselinePlainDatasetRoundTrip(benchmark::State& state) {
  nbra::testing::TempFolder folder;
  const std::string path = (folder.path() / "sr.dcm").string();
  const std::string copy = (folder.path() / "copy.dcm").string();
  MeasurementReport report = twentyLesions();
  writeMeasurementReport(report, path);
  for (auto _ : state) {
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad() || file.saveFile(copy.c_str()).bad()) {
      state.SkipWithError("DCMTK could not read or write the report");
      break;
    }
    DcmFileFormat back;
    benchmark::DoNotOptimize(back.loadFile(copy.c_str()).good());
  }
}
BENCHMARK(BM_BaselinePlainDatasetRoundTrip)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
