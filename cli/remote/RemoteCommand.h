#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// nbra-cli remote nodes|echo|find|get|move|send: PACS (DIMSE) and DICOMweb through the
// application core's networking use cases (workflow/net). docs/networking.md.
int runRemote(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
