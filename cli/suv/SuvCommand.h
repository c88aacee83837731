#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// `nbra-cli suv SERIES_DIR [--roi-sphere x,y,z,radiusMm] [--series UID]`: the SUV factors of a
// PET series (SUVbw, SUVlbm James-128, SUVbsa, SUVibw, plus SUVlbm Janmahasatian as
// `suvlbmJanma`) with SUVmax and SUVmean over the series or a sphere ROI, and SUVpeak with an
// ROI. No SUV possible: exit 2 and {"error": {"command", "code", "message"}}.
int runSuv(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
