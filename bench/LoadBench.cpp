// Series loading speed and memory: NBRA's loader against ITK (ImageSeriesReader + GDCMImageIO)
// and Debian's dcm2niix, on a generated 512 x 512 x 300 CT series (uncompressed and JPEG-LS
// lossless), each run in a child process so wall time and peak memory are the loader's own.
//
//   nbra_load_bench [--data DIR] [--runs N]
//
// Targets: NBRA wall time <= 0.75 x dcm2niix's (uncompressed), NBRA >= 3 x faster
// than ITK, NBRA peak RSS <= voxel bytes + 60 MB. Reported as ratios measured in the same run.

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>
#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>
#include <string>
#include <vector>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/volume/VolumeLoader.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;

constexpr int kColumns = 512;
constexpr int kRows = 512;
constexpr int kSlices = 300;

// A CT-like phantom: air, an elliptic body of soft tissue with noise, a spine-like bone disc.
std::vector<Uint16> phantomSlice(int slice, std::mt19937& random) {
  std::normal_distribution<double> noise(0, 12);
  std::vector<Uint16> pixels(static_cast<std::size_t>(kColumns * kRows));
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < kColumns; ++c) {
      const double x = (c - 256) / 200.0, y = (r - 256) / 140.0;
      double hu = -1000;
      if (x * x + y * y < 1) hu = 40 + noise(random);
      const double bx = (c - 256) / 30.0, by = (r - 330) / 30.0;
      if (bx * bx + by * by < 1) hu = 700 + 50 * std::sin(slice * 0.1) + noise(random);
      pixels[static_cast<std::size_t>(r * kColumns + c)] = static_cast<Uint16>(std::lround(hu + 1024));
    }
  }
  return pixels;
}

void generate(const fs::path& folder, bool jpegLs) {
  fs::create_directories(folder);
  if (std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == kSlices) return;
  std::printf("generating %s ...\n", folder.c_str());
  std::fflush(stdout);
  std::mt19937 random(42);
  char study[100], series[100], frame[100];
  dcmGenerateUniqueIdentifier(study);
  dcmGenerateUniqueIdentifier(series);
  dcmGenerateUniqueIdentifier(frame);
  for (int k = 0; k < kSlices; ++k) {
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    char uid[100];
    d.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
    d.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
    d.putAndInsertString(DCM_StudyInstanceUID, study);
    d.putAndInsertString(DCM_SeriesInstanceUID, series);
    d.putAndInsertString(DCM_FrameOfReferenceUID, frame);
    d.putAndInsertString(DCM_PatientID, "BENCH");
    d.putAndInsertString(DCM_PatientName, "BENCH^LOAD");
    d.putAndInsertString(DCM_Modality, "CT");
    d.putAndInsertString(DCM_SeriesNumber, "1");
    d.putAndInsertString(DCM_InstanceNumber, std::to_string(k + 1).c_str());
    d.putAndInsertString(DCM_ImagePositionPatient, ("-180\\-180\\" + std::to_string(-k * 1.25)).c_str());
    d.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    d.putAndInsertString(DCM_PixelSpacing, "0.703125\\0.703125");
    d.putAndInsertString(DCM_SliceThickness, "1.25");
    d.putAndInsertString(DCM_RescaleIntercept, "-1024");
    d.putAndInsertString(DCM_RescaleSlope, "1");
    nbra::testing::putMonochrome16(d, kRows, kColumns, 12, false, phantomSlice(k, random));
    const fs::path path = folder / ("CT" + std::to_string(100000 + k) + ".dcm");
    E_TransferSyntax xfer = EXS_LittleEndianExplicit;
    if (jpegLs) {
      DJLSRepresentationParameter lossless(2, OFTrue);
      d.chooseRepresentation(EXS_JPEGLSLossless, &lossless);
      xfer = EXS_JPEGLSLossless;
    }
    if (file.saveFile(path.c_str(), xfer).bad()) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      std::exit(1);
    }
  }
}

std::vector<std::string> files(const fs::path& folder) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// --- child side: one loader, one load, exit code 0 on success ----------------------------------

int childNbra(const fs::path& folder) {
  const auto v = nbra::dicom::loadVolume(files(folder));
  return v.voxelCount() == static_cast<std::size_t>(kColumns) * kRows * kSlices ? 0 : 1;
}

int childItk(const fs::path& folder) {
  using Image = itk::Image<short, 3>;
  auto names = itk::GDCMSeriesFileNames::New();
  names->SetDirectory(folder.string());
  auto reader = itk::ImageSeriesReader<Image>::New();
  reader->SetImageIO(itk::GDCMImageIO::New());
  reader->SetFileNames(names->GetInputFileNames());
  reader->Update();
  return reader->GetOutput()->GetLargestPossibleRegion().GetNumberOfPixels() ==
                 static_cast<std::size_t>(kColumns) * kRows * kSlices
             ? 0
             : 1;
}

// --- parent side --------------------------------------------------------------------------------

struct Measure {
  double seconds = 0;
  double peakMb = 0;
  bool ok = false;
};

Measure runChild(const std::vector<std::string>& argv) {
  std::fflush(stdout);  // or the child would inherit, and print again, what is buffered
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measure m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

Measure median(std::vector<Measure> runs) {
  std::sort(runs.begin(), runs.end(), [](auto& a, auto& b) { return a.seconds < b.seconds; });
  Measure m = runs[runs.size() / 2];
  for (const auto& r : runs) m.ok = m.ok && r.ok;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path data = fs::temp_directory_path() / "nbra-load-bench";
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--child") && i + 2 < argc) {
      nbra::dicom::ensureDcmtkReady();
      return std::string(argv[i + 1]) == "nbra" ? childNbra(argv[i + 2]) : childItk(argv[i + 2]);
    }
    if (!std::strcmp(argv[i], "--data") && i + 1 < argc) data = argv[++i];
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
  }
  nbra::dicom::ensureDcmtkReady();
  DJLSEncoderRegistration::registerCodecs();
  const fs::path raw = data / "uncompressed";
  const fs::path jls = data / "jpeg-ls";
  generate(raw, false);
  generate(jls, true);
  const fs::path niftiOut = data / "nifti";
  fs::create_directories(niftiOut);

  const std::string self = fs::canonical("/proc/self/exe").string();
  const double voxelMb = static_cast<double>(kColumns) * kRows * kSlices * 2 / (1024.0 * 1024.0);
  struct Row {
    std::string name;
    Measure m;
  };
  std::vector<Row> rows;
  auto measure = [&](const std::string& name, const std::vector<std::string>& command) {
    runChild(command);  // warm the page cache and the dynamic loader
    std::vector<Measure> all;
    for (int r = 0; r < runs; ++r) all.push_back(runChild(command));
    rows.push_back({name, median(all)});
    std::printf("  %-28s %7.3f s  %7.1f MB%s\n", name.c_str(), rows.back().m.seconds,
                rows.back().m.peakMb, rows.back().m.ok ? "" : "  (FAILED)");
    std::fflush(stdout);
  };
  std::printf("512x512x300 CT, %.0f MB of voxels; median of %d runs, warm cache, %u cores\n",
              voxelMb, runs, std::thread::hardware_concurrency());
  measure("nbra uncompressed", {self, "--child", "nbra", raw.string()});
  measure("itk uncompressed", {self, "--child", "itk", raw.string()});
  measure("dcm2niix -z n uncompressed",
          {"dcm2niix", "-z", "n", "-b", "n", "-o", niftiOut.string(), "-f", "bench", raw.string()});
  measure("nbra jpeg-ls", {self, "--child", "nbra", jls.string()});
  measure("itk jpeg-ls", {self, "--child", "itk", jls.string()});

  const auto& nbraRaw = rows[0].m;
  const auto& itkRaw = rows[1].m;
  const auto& niix = rows[2].m;
  const auto& nbraJls = rows[3].m;
  const auto& itkJls = rows[4].m;
  const double vsNiix = nbraRaw.seconds / niix.seconds;
  const double itkRatioRaw = itkRaw.seconds / nbraRaw.seconds;
  const double itkRatioJls = itkJls.seconds / nbraJls.seconds;
  const double extraMb = std::max(nbraRaw.peakMb, nbraJls.peakMb) - voxelMb;
  std::printf("\nratios (same run):\n");
  std::printf("  nbra / dcm2niix wall (uncompressed) = %.2f   target <= 0.75  %s\n", vsNiix,
              vsNiix <= 0.75 ? "met" : "NOT MET");
  std::printf("  itk / nbra wall (uncompressed)      = %.2f   target >= 3     %s\n", itkRatioRaw,
              itkRatioRaw >= 3 ? "met" : "NOT MET");
  std::printf("  itk / nbra wall (jpeg-ls)           = %.2f   target >= 3     %s\n", itkRatioJls,
              itkRatioJls >= 3 ? "met" : "NOT MET");
  std::printf("  nbra peak RSS - voxel bytes         = %.1f MB target <= 60  %s\n", extraMb,
              extraMb <= 60 ? "met" : "NOT MET");
  return 0;
}
