#include "workflow/version/Version.h"

#include "scoring/version/RuleSetVersion.h"

namespace nbra::workflow {

QString versionString() {
  const auto rules = nbra::scoring::ruleSetVersion();
  return QStringLiteral(NBRA_VERSION) + " (rules " +
         QString::fromUtf8(rules.data(), static_cast<qsizetype>(rules.size())) + ")";
}

}  // namespace nbra::workflow
