#pragma once

#include <QJsonObject>
#include <QStringList>

#include "dicom/index/Importer.h"

class QTextStream;

namespace nbra::cli {

// `nbra-cli index DIR|DICOMDIR|FILE... [--index FILE]`: import into the image index and print a
// JSON summary of what was found.
int runIndex(const QStringList& args, QTextStream& out, QTextStream& err);

// The JSON form of an import summary (also used by the workstation's import report).
QJsonObject summaryToJson(const nbra::dicom::ImportSummary& summary, const QString& indexPath);

}  // namespace nbra::cli
