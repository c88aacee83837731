#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// `nbra-cli sr export|import ...`: a read of the trial record as a DICOM SR TID 1500
// Measurement Report and back (docs/sr.md).
int runSr(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
