#pragma once

#include <string>
#include <vector>

#include "viewer/app/view/PlanarView.h"

namespace nbra::viewer {

// The planar NM (MIBG whole-body) views of a series' files as panels, anterior first, each
// labelled `prefix` + "ANTERIOR" / "POSTERIOR" (the hanging protocol prefixes "BASELINE " and
// "CURRENT "). Empty when the files hold no planar views; throws std::runtime_error naming the
// file when one cannot be read.
std::vector<PlanarView::Panel> planarPanels(const std::vector<std::string>& files,
                                            const QString& prefix = {});

}  // namespace nbra::viewer
