#include "workflow/net/RemoteNode.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>
#include <cmath>

namespace nbra::workflow {
namespace {

[[noreturn]] void fail(const QString& where, const QString& what) {
  throw NodeConfigError((where + ": " + what).toStdString());
}

QString text(const QJsonObject& o, const char* key, const QString& where, bool required) {
  const QJsonValue v = o.value(key);
  if (v.isUndefined() || v.isNull()) {
    if (required) {
      fail(where, QString("'%1' is missing").arg(key));
    }
    return {};
  }
  if (!v.isString()) {
    fail(where, QString("'%1' must be text").arg(key));
  }
  if (required && v.toString().trimmed().isEmpty()) {
    fail(where, QString("'%1' is empty").arg(key));
  }
  return v.toString();
}

int integer(const QJsonObject& o, const char* key, int fallback, int low, int high,
            const QString& where) {
  const QJsonValue v = o.value(key);
  if (v.isUndefined()) {
    return fallback;
  }
  const double d = v.toDouble(-1e300);
  // The range before any cast: casting an out-of-range double is undefined (fuzz_nodes_json).
  if (!v.isDouble() || !(d >= low && d <= high) || d != std::trunc(d)) {
    fail(where, QString("'%1' must be a whole number from %2 to %3").arg(key).arg(low).arg(high));
  }
  return static_cast<int>(d);
}

// Secrets are named by file, never written in the node file; a field that looks like one is
// refused so that nobody puts a password here by habit.
void refuseInlineSecrets(const QJsonObject& o, const QString& where) {
  for (const char* key : {"password", "token", "secret", "bearer"}) {
    if (o.contains(key)) {
      fail(where, QString("'%1' must not be written in the node file: put it in a file of its "
                          "own (mode 0600) and name that file with 'secretFile'")
                      .arg(key));
    }
  }
}

}  // namespace

QString defaultNodesFile() {
  const QByteArray explicitPath = qgetenv("NBRA_NODES");
  if (!explicitPath.isEmpty()) {
    return QString::fromLocal8Bit(explicitPath);
  }
  QString base = QString::fromLocal8Bit(qgetenv("XDG_CONFIG_HOME"));
  if (base.isEmpty()) {
    base = QDir::homePath() + "/.config";
  }
  return base + "/nbra/nodes.json";
}

RemoteNode nodeFromJson(const QJsonObject& o, const QString& fileWhere) {
  RemoteNode node;
  node.name = text(o, "name", fileWhere, true).trimmed();
  if (node.name.isEmpty()) {
    fail(fileWhere, "a node has an empty name");
  }
  const QString where = fileWhere + ", node '" + node.name + "'";
  refuseInlineSecrets(o, where);
  const QString protocol = text(o, "protocol", where, false);
  if (protocol.isEmpty() || protocol == "dimse") {
    node.protocol = RemoteNode::Protocol::Dimse;
    auto& d = node.dimse;
    d.name = node.name.toStdString();
    d.calledAeTitle = text(o, "aeTitle", where, true).toStdString();
    d.host = text(o, "host", where, true).toStdString();
    d.port = static_cast<std::uint16_t>(integer(o, "port", 104, 1, 65535, where));
    const QString calling = text(o, "callingAeTitle", where, false);
    if (!calling.isEmpty()) {
      d.callingAeTitle = calling.toStdString();
    }
    const QJsonObject timeouts = o.value("timeoutsSeconds").toObject();
    d.connectTimeout = std::chrono::seconds(integer(timeouts, "connect", 10, 1, 600, where));
    d.acseTimeout = std::chrono::seconds(integer(timeouts, "association", 10, 1, 600, where));
    d.dimseTimeout = std::chrono::seconds(integer(timeouts, "message", 30, 1, 3600, where));
    const QJsonObject tls = o.value("tls").toObject();
    d.tls.enabled = tls.value("enabled").toBool(false);
    d.tls.trustedCertificatesFile = text(tls, "trustedCertificates", where, false).toStdString();
    d.tls.certificateFile = text(tls, "certificate", where, false).toStdString();
    d.tls.privateKeyFile = text(tls, "privateKey", where, false).toStdString();
    const QString retrieve = text(o, "retrieve", where, false);
    if (retrieve.isEmpty() || retrieve == "get") {
      node.retrieve = RetrieveMethod::Get;
    } else if (retrieve == "move") {
      node.retrieve = RetrieveMethod::Move;
      node.moveDestinationPort =
          static_cast<quint16>(integer(o, "moveDestinationPort", 0, 1, 65535, where));
      if (node.moveDestinationPort == 0) {
        fail(where,
             "'retrieve': 'move' needs 'moveDestinationPort' (the port NBRA listens on, "
             "known to the archive under the calling AE title)");
      }
    } else {
      fail(where, "'retrieve' must be 'get' or 'move'");
    }
    if (const std::string problem = dicom::net::checkNode(d); !problem.empty()) {
      fail(fileWhere, QString::fromStdString(problem));
    }
  } else if (protocol == "dicomweb") {
    node.protocol = RemoteNode::Protocol::DicomWeb;
    auto& w = node.web;
    w.baseUrl = text(o, "url", where, true);
    while (w.baseUrl.endsWith('/')) {
      w.baseUrl.chop(1);
    }
    const QUrl url(w.baseUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "http" && url.scheme() != "https") ||
        url.host().isEmpty()) {
      fail(where, "'url' must be an http:// or https:// address");
    }
    if (!url.userInfo().isEmpty()) {
      fail(where, "'url' must not carry a user or password: use 'auth'");
    }
    w.caCertificates = text(o, "caCertificates", where, false);
    w.timeoutSeconds = integer(o, "timeoutSeconds", 30, 1, 3600, where);
    const QJsonObject auth = o.value("auth").toObject();
    refuseInlineSecrets(auth, where);
    const QString kind = text(auth, "type", where, false);
    if (kind.isEmpty() || kind == "none") {
      w.auth.kind = WebAuth::Kind::None;
    } else if (kind == "basic" || kind == "bearer") {
      w.auth.kind = kind == "basic" ? WebAuth::Kind::Basic : WebAuth::Kind::Bearer;
      w.auth.user = text(auth, "user", where, kind == "basic");
      w.auth.secretFile = text(auth, "secretFile", where, true);
    } else {
      fail(where, "'auth.type' must be 'none', 'basic' or 'bearer'");
    }
  } else {
    fail(where, "'protocol' must be 'dimse' or 'dicomweb'");
  }
  return node;
}

QJsonObject nodeToJson(const RemoteNode& node) {
  QJsonObject o{{"name", node.name}};
  if (node.protocol == RemoteNode::Protocol::Dimse) {
    const auto& d = node.dimse;
    o["protocol"] = "dimse";
    o["aeTitle"] = QString::fromStdString(d.calledAeTitle);
    o["host"] = QString::fromStdString(d.host);
    o["port"] = d.port;
    o["callingAeTitle"] = QString::fromStdString(d.callingAeTitle);
    o["retrieve"] = node.retrieve == RetrieveMethod::Move ? "move" : "get";
    if (node.retrieve == RetrieveMethod::Move) {
      o["moveDestinationPort"] = node.moveDestinationPort;
    }
    o["timeoutsSeconds"] = QJsonObject{{"connect", static_cast<int>(d.connectTimeout.count())},
                                       {"association", static_cast<int>(d.acseTimeout.count())},
                                       {"message", static_cast<int>(d.dimseTimeout.count())}};
    if (d.tls.enabled) {
      o["tls"] = QJsonObject{
          {"enabled", true},
          {"trustedCertificates", QString::fromStdString(d.tls.trustedCertificatesFile)},
          {"certificate", QString::fromStdString(d.tls.certificateFile)},
          {"privateKey", QString::fromStdString(d.tls.privateKeyFile)}};
    }
  } else {
    const auto& w = node.web;
    o["protocol"] = "dicomweb";
    o["url"] = w.baseUrl;
    o["timeoutSeconds"] = w.timeoutSeconds;
    if (!w.caCertificates.isEmpty()) {
      o["caCertificates"] = w.caCertificates;
    }
    if (w.auth.kind != WebAuth::Kind::None) {
      QJsonObject auth{{"type", w.auth.kind == WebAuth::Kind::Basic ? "basic" : "bearer"},
                       {"secretFile", w.auth.secretFile}};
      if (!w.auth.user.isEmpty()) {
        auth["user"] = w.auth.user;
      }
      o["auth"] = auth;
    }
  }
  return o;
}

std::vector<RemoteNode> readNodes(const QString& path) {
  QFile file(path);
  if (!file.exists()) {
    return {};
  }
  if (!file.open(QIODevice::ReadOnly)) {
    fail(path, "cannot be read: " + file.errorString());
  }
  if (file.size() > 4 * 1024 * 1024) {
    fail(path, "is larger than a node file can be (4 MiB)");
  }
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
  if (error.error != QJsonParseError::NoError) {
    fail(path, QString("is not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
  }
  if (!doc.isObject() || !doc.object().value("nodes").isArray()) {
    fail(path, "must be an object with a 'nodes' array");
  }
  std::vector<RemoteNode> nodes;
  for (const QJsonValue& v : doc.object().value("nodes").toArray()) {
    if (!v.isObject()) {
      fail(path, "every entry of 'nodes' must be an object");
    }
    RemoteNode node = nodeFromJson(v.toObject(), path);
    if (findNode(nodes, node.name)) {
      fail(path, "two nodes are called '" + node.name + "'");
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

void writeNodes(const QString& path, const std::vector<RemoteNode>& nodes) {
  QJsonArray array;
  for (const auto& node : nodes) {
    array.append(nodeToJson(node));
  }
  QDir().mkpath(QFileInfo(path).absolutePath());
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    fail(path, "cannot be written: " + file.errorString());
  }
  file.write(QJsonDocument(QJsonObject{{"nodes", array}}).toJson());
  if (!file.commit()) {
    fail(path, "cannot be written: " + file.errorString());
  }
}

std::optional<RemoteNode> findNode(const std::vector<RemoteNode>& nodes, const QString& name) {
  for (const auto& node : nodes) {
    if (node.name == name) {
      return node;
    }
  }
  return std::nullopt;
}

QString readSecret(const QString& path) {
  struct stat st {};
  const QByteArray native = QFile::encodeName(path);
  if (::stat(native.constData(), &st) != 0) {
    throw NodeConfigError(("the secret file " + path + " does not exist").toStdString());
  }
  if ((st.st_mode & 077) != 0) {
    throw NodeConfigError(
        ("the secret file " + path + " may be read by others: make it mode 0600 (chmod 600)")
            .toStdString());
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024) {
    throw NodeConfigError(("the secret file " + path + " cannot be read").toStdString());
  }
  const QString secret = QString::fromUtf8(file.readAll()).trimmed();
  if (secret.isEmpty()) {
    throw NodeConfigError(("the secret file " + path + " is empty").toStdString());
  }
  return secret;
}

QString describe(const RemoteNode& node) {
  if (node.protocol == RemoteNode::Protocol::Dimse) {
    return QString::fromStdString(dicom::net::describeNode(node.dimse));
  }
  return "'" + node.name + "' (" + node.web.baseUrl + ")";
}

}  // namespace nbra::workflow
