#pragma once

// Shared by the SR tests: run a DICOM tool and capture what it prints.

#include <array>
#include <cstdio>
#include <sstream>
#include <string>

namespace nbra::testing {

struct ToolOutput {
  int exitCode = -1;
  std::string text;  // stdout and stderr together
};

inline ToolOutput runTool(const std::string& commandLine) {
  ToolOutput out;
  FILE* pipe = popen((commandLine + " 2>&1").c_str(), "r");
  if (!pipe) {
    return out;
  }
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    out.text.append(buffer.data(), n);
  }
  out.exitCode = pclose(pipe);
  return out;
}

// dciodvfy's "Error" lines (it prints "Error - ..." for every violation of the IOD).
inline std::string dciodvfyErrors(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  std::string errors;
  while (std::getline(lines, line)) {
    if (line.rfind("Error", 0) == 0) {
      errors += line + "\n";
    }
  }
  return errors;
}

}  // namespace nbra::testing
