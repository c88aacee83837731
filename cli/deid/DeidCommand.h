#pragma once

#include <QStringList>

class QTextStream;

namespace nbra::cli {

// nbra-cli deid IN_DIR OUT_DIR --subject ID --trial-key FILE [...]: pseudonymised copies for
// the trial (docs/deidentification.md); nbra-cli deid --new-key FILE: a new trial key.
int runDeid(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace nbra::cli
