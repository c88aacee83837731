// checkSdtm: what a submission checker would refuse first, checked before the statistician gets
// the files. The rules come from the variable list (SdtmDomains) and SDTMIG's general
// assumptions on test codes, test names and sequence numbers.
#include <QRegularExpression>
#include <QSet>

#include "workflow/export/Sdtm.h"
#include "workflow/export/SdtmDomains.h"

namespace nbra::workflow {

namespace {

// SDTMIG: --TESTCD at most 8 characters, letters, digits and underscores, not starting with a
// digit; NBRA also keeps them upper case, as CDISC's codes are.
bool isTestCode(const QString& code) {
  static const QRegularExpression pattern(QStringLiteral("^[A-Z_][A-Z0-9_]{0,7}$"));
  return pattern.match(code).hasMatch();
}

void checkDataset(const SdtmDataset& d, const QString& expectedDomain, QStringList& problems) {
  if (d.domain != expectedDomain) {
    problems << expectedDomain + ": the dataset says it is domain '" + d.domain + "'";
    return;
  }
  const QString prefix = d.domain;  // --SEQ, --TESTCD, --TEST
  for (const SdtmVariable& v : sdtmVariables(d.domain)) {
    if (v.core == SdtmCore::Req && d.column(QString::fromLatin1(v.name)) < 0) {
      problems << d.domain + ": required variable " + v.name + " is missing";
    }
  }
  QSet<QString> seqs;
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const QStringList& row = d.rows[i];
    const QString where = QString("%1 row %2").arg(d.domain).arg(i + 1);
    if (row.size() != d.variables.size()) {
      problems << QString("%1: %2 values for %3 variables")
                      .arg(where)
                      .arg(row.size())
                      .arg(d.variables.size());
      continue;
    }
    for (qsizetype c = 0; c < d.variables.size(); ++c) {
      const SdtmVariable* v = sdtmVariable(d.domain, d.variables[c]);
      if (v && v->core == SdtmCore::Req && row[c].trimmed().isEmpty()) {
        problems << where + ": required variable " + d.variables[c] + " is empty";
      }
      if (v && v->numeric && !row[c].isEmpty()) {
        bool ok = false;
        row[c].toDouble(&ok);
        if (!ok) {
          problems << where + ": " + d.variables[c] + " '" + row[c] + "' is not a number";
        }
      }
    }
    if (const QString value = d.value(row, "DOMAIN"); !value.isEmpty() && value != d.domain) {
      problems << where + ": DOMAIN is '" + value + "'";
    }
    if (const QString code = d.value(row, prefix + "TESTCD");
        d.column(prefix + "TESTCD") >= 0 && !code.isEmpty() && !isTestCode(code)) {
      problems << where + ": " + prefix + "TESTCD '" + code +
                      "' is not an SDTM short name (at most 8 characters, upper-case letters, "
                      "digits and underscores, not starting with a digit)";
    }
    if (const QString test = d.value(row, prefix + "TEST"); test.size() > 40) {
      problems << where + ": " + prefix + "TEST '" + test + "' is longer than 40 characters";
    }
    if (d.column(prefix + "SEQ") >= 0) {
      const QString key = d.value(row, "USUBJID") + '\n' + d.value(row, prefix + "SEQ");
      if (seqs.contains(key)) {
        problems << where + ": " + prefix + "SEQ " + d.value(row, prefix + "SEQ") +
                        " is used twice for " + d.value(row, "USUBJID");
      }
      seqs.insert(key);
    }
  }
}

}  // namespace

QStringList checkSdtm(const SdtmExport& sdtm) {
  QStringList problems;
  checkDataset(sdtm.dm, "DM", problems);
  checkDataset(sdtm.tu, "TU", problems);
  checkDataset(sdtm.tr, "TR", problems);
  checkDataset(sdtm.rs, "RS", problems);
  return problems;
}

}  // namespace nbra::workflow
