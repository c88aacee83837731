// nbra-cli: the headless front door to the same libraries the workstation uses.
// Every command prints JSON on stdout; errors are a JSON object and a non-zero exit code.

#include <QCoreApplication>
#include <QTextStream>
#include <functional>
#include <map>
#include <new>

#include "cli/CliOutput.h"
#include "cli/assess/AssessCommand.h"
#include "cli/deid/DeidCommand.h"
#include "cli/index/IndexCommand.h"
#include "cli/info/InfoCommand.h"
#include "cli/record/RecordCommand.h"
#include "cli/remote/RemoteCommand.h"
#include "cli/sr/SrCommand.h"
#include "cli/suv/SuvCommand.h"
#include "workflow/version/Version.h"

namespace {

using Command = std::function<int(const QStringList&, QTextStream&, QTextStream&)>;

struct CommandEntry {
  Command run;
  const char* summary;
};

const std::map<QString, CommandEntry>& commands() {
  static const std::map<QString, CommandEntry> table{
      {"index",
       {nbra::cli::runIndex, "index DIR|DICOMDIR... [--index FILE]  import into the image index"}},
      {"info",
       {nbra::cli::runInfo, "info SERIES_DIR [--series UID]  geometry and identity of one series"}},
      {"suv",
       {nbra::cli::runSuv,
        "suv SERIES_DIR [--roi-sphere x,y,z,radiusMm] [--series UID]  SUV factors, max, mean, "
        "peak"}},
      {"assess",
       {nbra::cli::runAssess, "assess CASE.json  INRC 2017 response, eligibility, extra doses"}},
      {"record",
       {nbra::cli::runRecord, "record SUBCOMMAND ...  the trial record (docs/records.md)"}},
      {"sr",
       {nbra::cli::runSr,
        "sr export|import ...  a read as a DICOM SR TID 1500 measurement report (docs/sr.md)"}},
      {"deid",
       {nbra::cli::runDeid,
        "deid IN_DIR... OUT_DIR --subject ID --trial-key FILE [...]  pseudonymised copies for the "
        "trial (PS3.15; docs/deidentification.md)"}},
      {"remote",
       {nbra::cli::runRemote,
        "remote nodes|echo|find|get|move|send ...  PACS (DIMSE) and DICOMweb nodes "
        "(docs/networking.md)"}},
      {"audit",
       {nbra::cli::runAudit,
        "audit verify [--db LOCATION]  check the audit trail, the rows and every read"}},
  };
  return table;
}

// The file or folder a command reads, for error messages: its first positional argument (after
// the verb, for sr import); empty for commands that read the record only.
QString inputFileOf(const QString& command, const QStringList& args) {
  int skip = 0;
  if (command == "sr") {
    if (args.value(0) != "import")
      return {};
    skip = 1;
  } else if (command != "index" && command != "info" && command != "suv" && command != "assess" &&
             command != "deid") {
    return {};
  }
  for (int i = skip; i < args.size(); ++i) {
    if (args[i].startsWith("--")) {
      ++i;  // an option's value
      continue;
    }
    return args[i];
  }
  return {};
}

void printUsage(QTextStream& stream) {
  stream << "usage: nbra-cli <command> [arguments]\n       nbra-cli --version\n\ncommands:\n";
  for (const auto& [name, entry] : commands()) {
    stream << "  " << entry.summary << "\n";
  }
  stream.flush();
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName("nbra-cli");
  QCoreApplication::setApplicationVersion(nbra::workflow::versionString());
  QTextStream out(stdout);
  QTextStream err(stderr);

  QStringList args = QCoreApplication::arguments();
  args.removeFirst();
  if (args.isEmpty() || args.front() == "--help" || args.front() == "-h") {
    printUsage(args.isEmpty() ? err : out);
    return args.isEmpty() ? nbra::cli::kExitBadInput : nbra::cli::kExitOk;
  }
  if (args.front() == "--version") {
    out << "nbra-cli " << nbra::workflow::versionString() << "\n";
    return nbra::cli::kExitOk;
  }
  const QString name = args.takeFirst();
  const auto found = commands().find(name);
  if (found == commands().end()) {
    printUsage(err);
    return nbra::cli::printError(out, name, "unknown command '" + name + "'");
  }
  // The door: whatever escapes a command (out of memory, a library's exception) is still the
  // documented JSON error with exit 2, naming the input, never an abort.
  try {
    return found->second.run(args, out, err);
  } catch (const std::bad_alloc&) {
    return nbra::cli::printError(out, name,
                                 "not enough memory to finish (the input asks for more than "
                                 "this machine can give)",
                                 inputFileOf(name, args));
  } catch (const std::exception& e) {
    return nbra::cli::printError(out, name, QString::fromStdString(e.what()),
                                 inputFileOf(name, args));
  } catch (...) {
    return nbra::cli::printError(out, name, "unexpected failure", inputFileOf(name, args));
  }
}
