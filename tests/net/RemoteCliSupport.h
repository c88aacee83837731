#pragma once

// Shared by the nbra-cli networking tests (RemoteCliTest, DeploymentTest): nbra-cli run as a
// process with a home of its own, and what the archive itself says it holds. Counts printed by
// nbra-cli are checked against Orthanc's REST API, never against numbers copied from an earlier
// run of nbra-cli.

#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/OrthancServer.h"

namespace nbra::testing::net {

inline const QString kCli = QStringLiteral(NBRA_CLI);
inline constexpr const char* kPassword = "pw-1";

struct CliRun {
  int exitCode = -1;  // -1: crashed or did not finish
  QJsonObject json;   // stdout parsed (every command prints one JSON document)
  QString out;
  QString err;
  qint64 elapsedMs = 0;

  QString code() const { return json.value("error").toObject().value("code").toString(); }
  QString message() const { return json.value("error").toObject().value("message").toString(); }
  // For assertion messages: what nbra-cli printed, and how long it took.
  std::string text() const {
    return "exit " + std::to_string(exitCode) + " after " + std::to_string(elapsedMs) +
           " ms\nstdout: " + out.toStdString() + "\nstderr: " + err.toStdString();
  }
};

// The environment of one workstation ("desk") below `root`: its own HOME and XDG folders, so the
// default image index, retrieve folder and node file are the desk's, and nothing of the machine
// running the tests (a real ~/.config/nbra/nodes.json, NBRA_INDEX) leaks in. The trial record is
// `record`, signed into as `user` with the test password and the cheap hash cost.
inline QProcessEnvironment deskEnvironment(const QString& root, const QString& record,
                                           const QString& user = {}) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"NBRA_NODES", "NBRA_INDEX", "NBRA_RECORD", "NBRA_USER"})
    env.remove(name);
  const QDir dir(root);
  for (const auto& [variable, sub] :
       std::vector<std::pair<QString, QString>>{{"HOME", "home"},
                                                {"XDG_CONFIG_HOME", "config"},
                                                {"XDG_DATA_HOME", "data"},
                                                {"XDG_CACHE_HOME", "cache"},
                                                {"XDG_STATE_HOME", "state"}}) {
    dir.mkpath(sub);
    env.insert(variable, dir.filePath(sub));
  }
  if (!record.isEmpty())
    env.insert("NBRA_RECORD", record);
  if (!user.isEmpty())
    env.insert("NBRA_USER", user);
  env.insert("NBRA_PASSWORD", kPassword);
  env.insert("NBRA_SIGN_PASSWORD", kPassword);
  env.insert("NBRA_NEW_PASSWORD", kPassword);
  env.insert("NBRA_PASSWORD_HASH_COST", "minimal");
  env.insert("NBRA_TESTING", "1");  // without it the cheap hash cost is ignored
  return env;
}

// A running nbra-cli; finish() waits for it. Two of these run side by side (DeploymentTest).
class CliProcess {
 public:
  CliProcess(const QStringList& args, const QProcessEnvironment& env) : args_(args) {
    process_.setProcessEnvironment(env);
    clock_.start();
    process_.start(kCli, args);
  }

  CliRun finish(int timeoutMs = 300000) {
    CliRun r;
    const bool done = process_.waitForFinished(timeoutMs);
    r.elapsedMs = clock_.elapsed();
    EXPECT_TRUE(done) << "nbra-cli " << args_.join(' ').toStdString() << " did not finish";
    if (!done) {
      process_.kill();
      process_.waitForFinished(10000);
    }
    r.exitCode = process_.exitStatus() == QProcess::NormalExit && done ? process_.exitCode() : -1;
    r.out = QString::fromUtf8(process_.readAllStandardOutput());
    r.err = QString::fromUtf8(process_.readAllStandardError());
    r.json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    return r;
  }

 private:
  QStringList args_;
  QProcess process_;
  QElapsedTimer clock_;
};

inline CliRun runCli(const QStringList& args, const QProcessEnvironment& env,
                     int timeoutMs = 300000) {
  return CliProcess(args, env).finish(timeoutMs);
}

// ---- What Orthanc says it holds --------------------------------------------------------------

inline QJsonDocument parse(const std::string& body) {
  return QJsonDocument::fromJson(QByteArray::fromStdString(body));
}

struct ArchiveSeries {
  std::string orthancId;
  std::string seriesUid;
  std::string modality;
  int instances = 0;
  std::vector<std::string> instanceIds;  // Orthanc's
};

struct ArchiveStudy {
  std::string orthancId;
  std::string studyUid;
  int seriesCount = 0;    // /studies/{id}/statistics
  int instanceCount = 0;  // idem
  std::vector<ArchiveSeries> series;

  bool has(const std::string& modality) const {
    for (const ArchiveSeries& s : series)
      if (s.modality == modality)
        return true;
    return false;
  }
};

inline ArchiveStudy archiveStudy(const OrthancServer& server, const std::string& orthancId) {
  ArchiveStudy study;
  study.orthancId = orthancId;
  const QJsonObject info = parse(server.restGet("/studies/" + orthancId)).object();
  study.studyUid =
      info.value("MainDicomTags").toObject().value("StudyInstanceUID").toString().toStdString();
  const QJsonObject stats = parse(server.restGet("/studies/" + orthancId + "/statistics")).object();
  // Orthanc answers the counts as JSON numbers or, in some versions, as strings.
  study.seriesCount = stats.value("CountSeries").toVariant().toInt();
  study.instanceCount = stats.value("CountInstances").toVariant().toInt();
  for (const QJsonValue& v : parse(server.restGet("/studies/" + orthancId + "/series")).array()) {
    const QJsonObject o = v.toObject();
    const QJsonObject tags = o.value("MainDicomTags").toObject();
    ArchiveSeries s;
    s.orthancId = o.value("ID").toString().toStdString();
    s.seriesUid = tags.value("SeriesInstanceUID").toString().toStdString();
    s.modality = tags.value("Modality").toString().toStdString();
    for (const QJsonValue& i : o.value("Instances").toArray())
      s.instanceIds.push_back(i.toString().toStdString());
    s.instances = static_cast<int>(s.instanceIds.size());
    study.series.push_back(std::move(s));
  }
  return study;
}

// The studies of one patient, as Orthanc lists them.
inline std::vector<ArchiveStudy> archiveStudies(const OrthancServer& server,
                                                const std::string& patientId) {
  const QJsonObject query{{"Level", "Study"},
                          {"Query", QJsonObject{{"PatientID", QString::fromStdString(patientId)}}}};
  const OrthancReply reply = server.rest(
      "POST", "/tools/find", QJsonDocument(query).toJson().toStdString(), "application/json");
  EXPECT_EQ(reply.status, 200) << reply.body << reply.error;
  std::vector<ArchiveStudy> studies;
  for (const QJsonValue& id : parse(reply.body).array())
    studies.push_back(archiveStudy(server, id.toString().toStdString()));
  return studies;
}

// Orthanc's id of the instance with this SOP Instance UID; empty when it has none.
inline std::string archiveInstance(const OrthancServer& server, const std::string& sopUid) {
  const QJsonObject query{
      {"Level", "Instance"},
      {"Query", QJsonObject{{"SOPInstanceUID", QString::fromStdString(sopUid)}}}};
  const OrthancReply reply = server.rest(
      "POST", "/tools/find", QJsonDocument(query).toJson().toStdString(), "application/json");
  const QJsonArray ids = parse(reply.body).array();
  return ids.size() == 1 ? ids[0].toString().toStdString() : std::string();
}

// Regular files below `folder` whose name ends in .dcm (the retrieve folder's layout is
// <root>/<study>/<series>/<SOP Instance UID>.dcm, with a hidden .incoming beside).
inline int dicomFilesBelow(const std::filesystem::path& folder) {
  std::error_code ec;
  int n = 0;
  for (std::filesystem::recursive_directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".dcm" &&
        it->path().string().find("/.incoming/") == std::string::npos)
      ++n;
  }
  return n;
}

}  // namespace nbra::testing::net
