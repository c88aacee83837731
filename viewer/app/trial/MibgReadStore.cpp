#include "viewer/app/trial/MibgReadStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <stdexcept>

#include "workflow/reads/ReaderReads.h"

namespace nbra::viewer::trial {
namespace {

QJsonObject parseObject(const QString& json, const QString& what) {
  if (json.trimmed().isEmpty()) {
    return {};
  }
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject()) {
    throw std::runtime_error(QString("%1: the saved marks are not a JSON object (%2)")
                                 .arg(what, error.error != QJsonParseError::NoError
                                                ? error.errorString()
                                                : QString("another JSON value"))
                                 .toStdString());
  }
  return doc.object();
}

}  // namespace

std::optional<QJsonObject> mibgStateOf(const records::ReadRecord& read) {
  const QJsonObject all = parseObject(
      read.content.marksJson, QString("read %1 of '%2'").arg(read.id).arg(read.timepointLabel));
  const auto it = all.find(kMibgStateKey);
  if (it == all.end() || !it->isObject()) {
    return std::nullopt;
  }
  return it->toObject();
}

QString withMibgState(const QString& marksJson, const QJsonObject& state) {
  QJsonObject all = parseObject(marksJson, "the read");
  all.insert(kMibgStateKey, state);
  return QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact));
}

qint64 saveMibgScoring(records::TrialRecord& record, const QString& studyId,
                       const QString& timepointLabel, const MibgScoring& scoring) {
  records::ReadContent content;
  if (const auto previous = workflow::ownLatestRead(record, studyId, timepointLabel)) {
    content = previous->content;  // a signed read is refused by saveRead with its message
  }
  content.mibg = scoring.entries;
  content.mibgNewBoneSites = scoring.newBoneSites;
  content.marksJson = withMibgState(content.marksJson, scoring.state);
  return record.saveRead(studyId, timepointLabel, content);
}

}  // namespace nbra::viewer::trial
