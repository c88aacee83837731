#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <stdexcept>
#include <vector>

#include "dicom/net/DimseNode.h"

namespace nbra::workflow {

// How a DICOMweb peer is authenticated. Secrets live in their own files (mode 0600), named by
// path in the node file: the node file itself never holds one, so it can be shown, copied into
// a ticket or logged without leaking a password (docs/networking.md).
struct WebAuth {
  enum class Kind { None, Basic, Bearer };
  Kind kind = Kind::None;
  QString user;
  QString secretFile;  // the password (Basic) or the token (Bearer)
};

struct WebNode {
  QString baseUrl;  // ".../dicom-web", without the trailing slash
  WebAuth auth;
  QString caCertificates;   // extra CA or server certificate (PEM) trusted besides the system's
  int timeoutSeconds = 30;  // no byte for this long ends the request
};

enum class RetrieveMethod { Get, Move };

// One remote node: a DIMSE application entity or a DICOMweb service.
struct RemoteNode {
  QString name;
  enum class Protocol { Dimse, DicomWeb };
  Protocol protocol = Protocol::Dimse;
  dicom::net::DimseNode dimse;
  RetrieveMethod retrieve = RetrieveMethod::Get;
  quint16 moveDestinationPort = 0;  // NBRA's storage SCP port for C-MOVE (AE: callingAeTitle)
  WebNode web;
};

struct NodeConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The node file: $NBRA_NODES, else $XDG_CONFIG_HOME/nbra/nodes.json (~/.config/nbra/nodes.json).
QString defaultNodesFile();

// Reads every node; throws NodeConfigError naming the file, the node and the field at fault.
// A missing file is an empty list.
std::vector<RemoteNode> readNodes(const QString& path);
void writeNodes(const QString& path, const std::vector<RemoteNode>& nodes);

std::optional<RemoteNode> findNode(const std::vector<RemoteNode>& nodes, const QString& name);

RemoteNode nodeFromJson(const QJsonObject& json, const QString& where);
QJsonObject nodeToJson(const RemoteNode& node);

// Reads a secret file: refuses one that others may read (not 0600/0400) or that is empty.
QString readSecret(const QString& path);

// The node as shown in messages and reports, never with a secret.
QString describe(const RemoteNode& node);

}  // namespace nbra::workflow
