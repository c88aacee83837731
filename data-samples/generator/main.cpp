// nbra_synthetic: writes the synthetic neuroblastoma subjects of data-samples/ (see its README).
//   nbra_synthetic --out DIR [--seed N] [--subject ID]
// The same seed gives byte-identical files.
#include <unistd.h>

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
  // Written beside and renamed over: another build writing the same folder never leaves a
  // half-written file behind (every build directory regenerates into data-samples/synthetic).
  std::filesystem::create_directories(path.parent_path());
  const std::filesystem::path temporary = path.string() + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out) {
      throw std::runtime_error("cannot write " + temporary.string());
    }
  }
  std::filesystem::rename(temporary, path);
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
          // A timepoint is written into a private folder and then swapped in, so a reader (or
          // another build) sees the old or the new timepoint, not a mixture.
          const std::filesystem::path folder = out / jobs[j].subject->id / jobs[j].timepoint->key;
          const std::filesystem::path staging =
              out / jobs[j].subject->id /
              (".staging-" + jobs[j].timepoint->key + "-" + std::to_string(getpid()));
          std::filesystem::remove_all(staging);
          writeCt(scene, staging / "CT");
          writeMibg(scene, staging / "NM");
          if (jobs[j].timepoint->pet) {
            writePet(scene, staging / "PT");
          }
          std::filesystem::remove_all(folder);
          std::error_code renameError;
          std::filesystem::rename(staging, folder, renameError);
          if (renameError) {
            // Another build swapped its copy in first: same seed, same bytes; keep that one.
            std::filesystem::remove_all(staging);
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
