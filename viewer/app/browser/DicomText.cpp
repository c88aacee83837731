#include "viewer/app/browser/DicomText.h"

#include <QObject>
#include <QStringList>

namespace nbra::viewer {

namespace {

QString str(const std::string& s) {
  return QString::fromStdString(s);
}

}  // namespace

QString displayPersonName(const std::string& dicomName) {
  QStringList parts = str(dicomName).split('^');
  while (!parts.isEmpty() && parts.back().trimmed().isEmpty()) {
    parts.removeLast();
  }
  if (parts.isEmpty()) {
    return QObject::tr("(no name)");
  }
  const QString family = parts.takeFirst().trimmed();
  const QString given = parts.join(' ').simplified();
  return given.isEmpty() ? family : family + ", " + given;
}

QString displayDate(const std::string& dicomDate) {
  const QString d = str(dicomDate).trimmed();
  if (d.size() == 8) {
    return d.left(4) + "-" + d.mid(4, 2) + "-" + d.right(2);
  }
  return d;
}

}  // namespace nbra::viewer
