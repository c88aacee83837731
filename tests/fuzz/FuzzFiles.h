#pragma once

// The DICOM readers take paths: each input is written to a file of this process's own (one per
// process, so parallel fuzzing jobs never share one), rewritten for every input.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace nbra::fuzz {

inline std::filesystem::path workDir() {
  static const std::filesystem::path dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::filesystem::path d =
        std::filesystem::path(tmp ? tmp : "/tmp") / ("nbra-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string writeInput(const std::uint8_t* data, std::size_t size,
                              const std::string& name = "input.dcm") {
  const std::filesystem::path path = workDir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

// Splits one input into 1-3 files of a folder (the last byte says how many, so a real file as
// a seed stays whole a third of the time), so the series readers meet several files that
// disagree with each other.
inline std::string writeFolder(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path folder = workDir() / "series";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  if (size == 0)
    return folder.string();
  const std::size_t files = 1 + data[size - 1] % 3;
  for (std::size_t i = 0; i < files; ++i) {
    const std::size_t begin = size * i / files;
    const std::size_t end = size * (i + 1) / files;
    std::ofstream out(folder / ("IM" + std::to_string(i) + ".dcm"), std::ios::binary);
    out.write(reinterpret_cast<const char*>(data + begin),
              static_cast<std::streamsize>(end - begin));
  }
  return folder.string();
}

}  // namespace nbra::fuzz
