// The node file (workflow/net/RemoteNode): any content is read into nodes or refused with a
// NodeConfigError naming the file, and an accepted node survives a write and a read unchanged.
#include <QFile>
#include <QTemporaryDir>
#include <cstdlib>

#include "workflow/net/RemoteNode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static QTemporaryDir dir;
  const QString path = dir.filePath("nodes.json");
  {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
      return 0;
    f.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
  }
  try {
    const auto nodes = nbra::workflow::readNodes(path);
    nbra::workflow::writeNodes(dir.filePath("copy.json"), nodes);
    const auto again = nbra::workflow::readNodes(dir.filePath("copy.json"));
    if (again.size() != nodes.size())
      std::abort();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nbra::workflow::nodeToJson(again[i]) != nbra::workflow::nodeToJson(nodes[i]))
        std::abort();
    }
  } catch (const nbra::workflow::NodeConfigError&) {
  }
  return 0;
}
