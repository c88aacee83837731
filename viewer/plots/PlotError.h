#pragma once

#include <stdexcept>

namespace nbra::viewer::plots {

// A plot that has nothing to draw (no subject with the values it shows). The factories throw it
// instead of returning an empty chart, which a reader could take for "no change"; the message
// says which plot and why ("no subject has an assessed follow-up: nothing to plot in the
// waterfall").
class PlotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A chart or report that could not be written; the message names the file.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nbra::viewer::plots
