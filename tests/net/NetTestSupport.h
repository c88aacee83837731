#pragma once

// Shared pieces of the networking tests: a started Orthanc holding the synthetic baseline of
// NBRA-SYN-001, nodes pointing at it, and a socket that listens but never accepts.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

#include "tests/support/OrthancServer.h"
#include "workflow/net/RemoteNode.h"
#include "workflow/net/RemoteOperations.h"

namespace nbra::testing {

inline std::filesystem::path syntheticBaseline() {
  return std::filesystem::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-001" / "baseline";
}

inline workflow::RemoteNode dimseNode(const OrthancServer& server, int timeoutSeconds = 10) {
  QJsonObject o{{"name", "test archive"},
                {"protocol", "dimse"},
                {"aeTitle", QString::fromStdString(server.aet())},
                {"host", "127.0.0.1"},
                {"port", server.dicomPort()},
                {"timeoutsSeconds", QJsonObject{{"connect", timeoutSeconds},
                                                {"association", timeoutSeconds},
                                                {"message", timeoutSeconds}}}};
  return workflow::nodeFromJson(o, "test");
}

inline workflow::RemoteNode webNode(const OrthancServer& server, int timeoutSeconds = 10) {
  QJsonObject o{{"name", "test web archive"},
                {"protocol", "dicomweb"},
                {"url", QString::fromStdString(server.dicomWebUrl())},
                {"timeoutSeconds", timeoutSeconds}};
  return workflow::nodeFromJson(o, "test");
}

// The Study Instance UID of NBRA-SYN-001's baseline study of `modality` on the archive.
inline std::string syntheticStudyUid(const workflow::RemoteNode& node,
                                     const std::string& modality = "CT") {
  dicom::net::QueryFilter f;
  f.patientId = "NBRA-SYN-001";
  f.modality = modality;
  const auto studies = workflow::queryNode(node, dicom::net::QueryLevel::Study, f);
  EXPECT_EQ(studies.size(), 1u);
  return studies.empty() ? std::string() : studies.front().studyInstanceUid;
}

// A retrieve of one study into `dir` (store/ and index.sqlite).
inline workflow::RetrieveRequest retrieveInto(const QTemporaryDir& dir,
                                              const workflow::RemoteNode& node,
                                              const std::string& study) {
  workflow::RetrieveRequest r;
  r.node = node;
  r.targets = {{study, {}}};
  r.storeDir = dir.filePath("store");
  r.indexPath = dir.filePath("index.sqlite");
  return r;
}

// Cancels a retrieve from its own progress callback once `after` instances have arrived, as a
// user's Cancel would, and remembers when.
class CancelAfter {
 public:
  CancelAfter(workflow::RetrieveRequest& request, std::size_t after) {
    request.cancel = &flag_;
    request.onProgress = [this, after](const dicom::net::RetrieveProgress& p) {
      if (p.received >= after && !flag_) {
        flag_ = true;
        at_ = std::chrono::steady_clock::now();
      }
    };
  }
  double secondsSinceCancel() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - at_).count();
  }

 private:
  std::atomic<bool> flag_{false};
  std::chrono::steady_clock::time_point at_{};
};

// Regular files below a folder, at any depth (0 when it does not exist).
inline std::size_t filesBelow(const std::filesystem::path& folder) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
       it != std::filesystem::end(it); ++it) {
    if (it->is_regular_file())
      ++n;
  }
  return n;
}

// A secret file with the given text and mode.
inline QString writeSecret(const QTemporaryDir& dir, const QString& name, const QString& text,
                           QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner) {
  QFile f(dir.filePath(name));
  EXPECT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(text.toUtf8());
  f.close();
  f.setPermissions(permissions);
  return f.fileName();
}

// A TCP port that completes the handshake (the kernel's backlog) but whose owner never accepts
// or answers: the peer that hangs. Closed with the object.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ADD_FAILURE() << "cannot open a listening socket";
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port nothing listens on: bound, read and closed again. Another program could take it in
// between; on a test machine's loopback that does not happen in practice.
inline int closedPort() {
  SilentListener listener;
  return listener.port();
}

}  // namespace nbra::testing
