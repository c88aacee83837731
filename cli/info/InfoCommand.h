#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// `nbra-cli info SERIES_DIR [--series UID]`: one series' geometry and identity from its headers
// (modality, SOP class, dimensions, spacing, origin, direction, uniform spacing, tilt, frames,
// NM views, warnings). No pixel is decoded.
int runInfo(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
