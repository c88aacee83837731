// nbra_synthetic: writes the synthetic neuroblastoma subjects of data-samples/ (see its README).
//   nbra_synthetic --out DIR [--seed N] [--subject ID]
// The same seed gives byte-identical files.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "data-samples/generator/Scene.h"
#include "data-samples/generator/Subjects.h"
#include "data-samples/generator/Truth.h"
#include "data-samples/generator/Writers.h"

namespace {

void writeText(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nbra::synthetic;
  std::filesystem::path out;
  std::uint64_t seed = 20261125;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--out") {
      out = argv[i + 1];
    } else if (option == "--seed") {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (option == "--subject") {
      only = argv[i + 1];
    }
  }
  if (out.empty()) {
    std::fprintf(stderr, "usage: nbra_synthetic --out DIR [--seed N] [--subject ID]\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    const std::vector<SubjectSpec> subjects = syntheticSubjects();
    struct Job {
      const SubjectSpec* subject;
      const TimepointSpec* timepoint;
    };
    std::vector<Job> jobs;
    for (const SubjectSpec& s : subjects) {
      if (!only.empty() && s.id != only) {
        continue;
      }
      writeText(out / s.id / "case.json", caseJson(s));
      writeText(out / s.id / "truth.json", truthJson(s, seed));
      for (const TimepointSpec& tp : s.timepoints) {
        jobs.push_back({&s, &tp});
      }
    }
    // Timepoints are independent (each has its own random streams): two at a time.
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::string error;
    auto worker = [&] {
      for (std::size_t j = next++; j < jobs.size() && !failed; j = next++) {
        try {
          const Scene scene = buildScene(*jobs[j].subject, *jobs[j].timepoint, seed);
          const std::filesystem::path folder = out / jobs[j].subject->id / jobs[j].timepoint->key;
          std::filesystem::remove_all(folder);
          writeCt(scene, folder / "CT");
          writeMibg(scene, folder / "NM");
          if (jobs[j].timepoint->pet) {
            writePet(scene, folder / "PT");
          }
        } catch (const std::exception& e) {
          failed = true;
          error = e.what();
        }
      }
    };
    std::thread helper(worker);
    worker();
    helper.join();
    if (failed) {
      throw std::runtime_error(error);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nbra_synthetic: %s\n", e.what());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("nbra_synthetic: wrote %s (seed %llu) in %.1f s\n", out.c_str(),
              static_cast<unsigned long long>(seed), seconds);
  return 0;
}
