// Viewer frame times, on the CPU rendering path: scrolling a 512 x 512 CT with the PET fused on
// top, in a 1920 x 1080 window (fit to the view, and 1:1), and one step of the rotating PET MIP.
// Baseline (same run): vtkImageReslice of the CT plane over the whole view at screen resolution,
// with no colour mapping, fusion or painting: what a naive CPU viewer pays before it draws.
//
//   nbra_view_bench            (needs ../shared/data-samples; QT_QPA_PLATFORM=offscreen is set)

#include <benchmark/benchmark.h>

#include <QApplication>

#include <cstdio>
#include <filesystem>
#include <map>

#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/view/ViewerPanel.h"
#include "viewer/app/window/MainWindow.h"

namespace {

namespace fs = std::filesystem;
using namespace nbra::viewer;

struct Scene {
  std::unique_ptr<nbra::testing::TempFolder> db;
  std::unique_ptr<MainWindow> window;
  std::shared_ptr<LoadedSeries> ct;
  std::shared_ptr<LoadedSeries> pet;
};

std::vector<std::string> filesIn(const fs::path& folder) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) files.push_back(e.path().string());
  return files;
}

Scene& scene() {
  static Scene s = [] {
    Scene x;
    const fs::path study = *nbra::testing::sharedDataDir() / "tcia-acrin-nsclc-fdg-pet-042";
    x.ct = LoadedSeries::load(filesIn(study / "CT_CT-IMAGES_jpegls"));
    x.pet = LoadedSeries::load(filesIn(study / "PT_PET-AC_uncompressed"));
    x.db = std::make_unique<nbra::testing::TempFolder>();
    x.window = std::make_unique<MainWindow>(QString::fromStdString((x.db->path() / "i.sqlite").string()));
    x.window->resize(1920, 1080);
    x.window->show();
    QApplication::processEvents();
    x.window->viewer()->showSeries(x.ct);
    x.window->viewer()->showFusion(x.pet);
    QApplication::processEvents();
    return x;
  }();
  return s;
}

void BM_BaselineResliceOnly(benchmark::State& state) {
  SliceView& view = *scene().window->viewer()->activeView();
  SampleRequest r;
  r.plane = view.plane();
  r.widthPx = view.width();
  r.heightPx = view.height();
  r.mmPerPixel = view.mmPerPixel();
  int step = 0;
  for (auto _ : state) {
    r.plane.moveAlongNormal(++step % 2 ? 3.27 : -3.27);
    benchmark::DoNotOptimize(scene().ct->sampler().sample(r).values.data());
  }
  state.counters["view_px"] = static_cast<double>(r.widthPx * r.heightPx);
}

void scrollFrames(benchmark::State& state, double zoomToOneToOne) {
  SliceView& view = *scene().window->viewer()->activeView();
  view.resetView();
  if (zoomToOneToOne) {
    view.setZoom(1.0);
    view.setZoom(view.mmPerPixel() / scene().ct->volume().spacingMm[0]);  // one CT pixel per screen pixel
  }
  int step = 0;
  for (auto _ : state) {
    view.scrollSlices(++step % 2 ? 1 : -1);
    view.repaint();  // render, scale, overlays: the whole paint, synchronously
  }
  state.counters["view_px"] = view.width() * view.height();
  state.counters["mm_per_px"] = view.mmPerPixel();
}

void BM_ScrollFusedFit(benchmark::State& state) { scrollFrames(state, false); }
void BM_ScrollFused1to1(benchmark::State& state) { scrollFrames(state, true); }

void BM_RotatingMipStep(benchmark::State& state) {
  SliceView& view = *scene().window->viewer()->activeView();
  view.setSeries(scene().pet, Orientation::Coronal);
  double angle = 0;
  for (auto _ : state) {
    angle += 10;
    view.setProjection(true, angle);
    benchmark::DoNotOptimize(view.renderedImage().constBits());
  }
  view.setProjection(false);
  view.setSeries(scene().ct, Orientation::Axial);
  view.setFusion(scene().pet);
}

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) ms_[r.benchmark_name()] = r.GetAdjustedRealTime();
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const double base = ms_.count("BaselineResliceOnly") ? ms_["BaselineResliceOnly"] : 0;
    std::printf("\nms per frame (target < 16 ms per scroll frame), and x the reslice-only baseline:\n");
    for (const auto& [name, ms] : ms_) {
      std::printf("  %-22s %7.2f ms  x%.2f\n", name.c_str(), ms, base > 0 ? ms / base : 0.0);
    }
  }

 private:
  std::map<std::string, double> ms_;
};

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (!nbra::testing::sharedDataDir()) {
    std::fprintf(stderr, "shared data-samples not found at %s: nothing to benchmark\n",
                 nbra::testing::sharedDataExpectedPath().c_str());
    return 0;
  }
  benchmark::RegisterBenchmark("BaselineResliceOnly", BM_BaselineResliceOnly)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ScrollFusedFit", BM_ScrollFusedFit)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ScrollFused1to1", BM_ScrollFused1to1)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("RotatingMipStep", BM_RotatingMipStep)->Unit(benchmark::kMillisecond);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
