#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// `nbra-cli assess CASE.json`: the clinical rules on one case, printed as JSON.
int runAssess(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
