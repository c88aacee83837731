#include "cli/index/IndexCommand.h"

#include <QJsonArray>
#include <QTextStream>
#include <exception>

#include "cli/CliOutput.h"
#include "dicom/index/ImageIndex.h"

namespace nbra::cli {
namespace {

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

QJsonObject summaryToJson(const nbra::dicom::ImportSummary& s, const QString& indexPath) {
  QJsonArray roots;
  for (const auto& r : s.roots) {
    roots.append(str(r));
  }
  QJsonObject modalities;
  for (const auto& [modality, count] : s.found.byModality) {
    modalities.insert(str(modality),
                      QJsonObject{{"series", count.series}, {"instances", count.instances}});
  }
  QJsonArray skipped;
  for (const auto& file : s.skipped) {
    skipped.append(QJsonObject{{"file", str(file.path)}, {"reason", str(file.reason)}});
  }
  return QJsonObject{
      {"index", indexPath},
      {"roots", roots},
      {"cancelled", s.cancelled},
      {"files", QJsonObject{{"seen", s.filesSeen},
                            {"dicomdirs", s.dicomDirs},
                            {"new", s.newInstances},
                            {"updated", s.updated},
                            {"moved", s.moved},
                            {"unchanged", s.unchanged},
                            {"missing", s.missing},
                            {"skipped", static_cast<int>(s.skipped.size())}}},
      {"found", QJsonObject{{"patients", s.found.patients},
                            {"studies", s.found.studies},
                            {"series", s.found.series},
                            {"instances", s.found.instances}}},
      {"modalities", modalities},
      {"skipped", skipped},
  };
}

int runIndex(const QStringList& args, QTextStream& out, QTextStream& err) {
  QString indexPath;
  std::vector<std::string> paths;
  for (int i = 0; i < args.size(); ++i) {
    if (args[i] == "--index") {
      if (i + 1 >= args.size()) {
        return printError(out, "index", "--index needs a file path");
      }
      indexPath = args[++i];
    } else if (args[i].startsWith("--")) {
      return printError(out, "index", "unknown option '" + args[i] + "'");
    } else {
      paths.push_back(args[i].toStdString());
    }
  }
  if (paths.empty()) {
    return printError(out, "index", "give at least one folder, DICOMDIR or file to import");
  }
  if (indexPath.isEmpty()) {
    indexPath = str(nbra::dicom::defaultIndexPath());
  }
  try {
    nbra::dicom::ImageIndex index(indexPath.toStdString());
    nbra::dicom::ImportOptions options;
    const auto summary = nbra::dicom::importPaths(index, paths, options);
    printJson(out, summaryToJson(summary, indexPath));
    err << "indexed " << summary.found.instances << " instances in " << summary.found.series
        << " series; " << summary.skipped.size() << " files skipped\n";
    return kExitOk;
  } catch (const std::exception& e) {
    return printError(out, "index", QString::fromStdString(e.what()));
  }
}

}  // namespace nbra::cli
