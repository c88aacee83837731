#include "workflow/reads/ReadImport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "records/database/RecordError.h"
#include "workflow/casefile/CaseJson.h"
#include "workflow/reads/ReadModel.h"

namespace nbra::workflow {

using records::RecordError;
using records::RecordErrorKind;

namespace {

[[noreturn]] void bad(const QString& path, const QString& message) {
  throw RecordError(RecordErrorKind::BadInput, (path + ": " + message).toStdString());
}

std::optional<std::array<double, 3>> point(const QString& path, const QString& field,
                                           const QJsonValue& v) {
  if (v.isUndefined()) {
    return std::nullopt;
  }
  const QJsonArray a = v.toArray();
  if (a.size() != 3 || !a[0].isDouble() || !a[1].isDouble() || !a[2].isDouble()) {
    bad(path, field + ": expected [x, y, z] in patient mm");
  }
  return std::array<double, 3>{a[0].toDouble(), a[1].toDouble(), a[2].toDouble()};
}

void applyImageRefs(const QString& path, const QJsonObject& refs, records::ReadContent& c) {
  for (auto it = refs.begin(); it != refs.end(); ++it) {
    auto lesion = std::find_if(c.lesions.begin(), c.lesions.end(),
                               [&](const auto& l) { return l.trackingId == it.key(); });
    if (lesion == c.lesions.end()) {
      bad(path, "imageRefs." + it.key() + ": no lesion with this tracking id at this timepoint");
    }
    const QJsonObject r = it.value().toObject();
    const QString where = "imageRefs." + it.key();
    for (auto f = r.begin(); f != r.end(); ++f) {
      if (!QStringList{"sopInstanceUid", "frame", "startMm", "endMm"}.contains(f.key())) {
        bad(path, where + "." + f.key() + ": unknown field");
      }
    }
    lesion->sopInstanceUid = r.value("sopInstanceUid").toString();
    if (r.contains("frame")) {
      if (!r.value("frame").isDouble() || r.value("frame").toInt() < 1) {
        bad(path, where + ".frame: expected a frame number >= 1");
      }
      lesion->frame = r.value("frame").toInt();
    }
    lesion->startMm = point(path, where + ".startMm", r.value("startMm"));
    lesion->endMm = point(path, where + ".endMm", r.value("endMm"));
  }
}

}  // namespace

records::ReadContent readFromCaseFile(const QString& path, const QString& caseTimepoint,
                                      const QString& recordLabel) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    bad(path, "cannot read the reading: " + file.errorString());
  }
  QJsonParseError parseError{};
  QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (!doc.isObject()) {
    bad(path, "not a JSON object (" + parseError.errorString() + ")");
  }
  QJsonObject root = doc.object();
  const QJsonObject refs = root.value("imageRefs").toObject();
  root.remove("imageRefs");
  const CaseParseResult parsed = parseCase(QJsonDocument(root).toJson());
  if (!parsed.value) {
    bad(path, parsed.error);
  }
  const auto& timepoints = parsed.value->timepoints;
  int chosen = -1;
  if (!caseTimepoint.isEmpty()) {
    bool isIndex = false;
    const int index = caseTimepoint.toInt(&isIndex);
    for (int i = 0; i < static_cast<int>(timepoints.size()); ++i) {
      if ((isIndex && i == index) ||
          (!isIndex && QString::fromStdString(timepoints[static_cast<std::size_t>(i)].label) ==
                           caseTimepoint)) {
        chosen = i;
      }
    }
    if (chosen < 0) {
      bad(path, "no timepoint '" + caseTimepoint + "' in the file");
    }
  } else if (timepoints.size() == 1) {
    chosen = 0;
  } else {
    for (int i = 0; i < static_cast<int>(timepoints.size()); ++i) {
      if (QString::fromStdString(timepoints[static_cast<std::size_t>(i)].label) == recordLabel) {
        chosen = i;
      }
    }
    if (chosen < 0) {
      bad(path, QString("the file has %1 timepoints and none is labelled '%2': choose one with "
                        "--case-timepoint INDEX|LABEL")
                    .arg(timepoints.size())
                    .arg(recordLabel));
    }
  }
  records::ReadContent content = readContentOf(timepoints[static_cast<std::size_t>(chosen)]);
  applyImageRefs(path, refs, content);
  return content;
}

}  // namespace nbra::workflow
