#include "tests/support/OrthancServer.h"

#include <sys/prctl.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <csignal>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace nbra::testing {

namespace {

const QString kOrthancBinary = QStringLiteral("/usr/sbin/Orthanc");
const QString kDicomWebPlugin = QStringLiteral("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
constexpr int kStartTimeoutMs = 20000;
constexpr int kStopTimeoutMs = 15000;
constexpr int kRequestTimeoutMs = 30000;
constexpr int kStartAttempts = 3;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// Two different ports free on every interface (Orthanc's DICOM server listens on all of them).
// Both listeners are open at once so they cannot get the same port; Orthanc may still lose a
// race for them to another program, which start() retries.
bool freePorts(int* dicomPort, int* httpPort) {
  QTcpServer dicom;
  QTcpServer http;
  if (!dicom.listen(QHostAddress::AnyIPv4, 0) || !http.listen(QHostAddress::AnyIPv4, 0))
    return false;
  *dicomPort = dicom.serverPort();
  *httpPort = http.serverPort();
  return true;
}

bool runTool(const QString& program, const QStringList& arguments, std::string* whyNot) {
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(program, arguments);
  if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
      process.exitCode() != 0) {
    *whyNot = program.toStdString() + " failed: " + process.errorString().toStdString() + "\n" +
              process.readAll().toStdString();
    return false;
  }
  return true;
}

std::string readWhole(const std::filesystem::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string describe(const OrthancReply& reply) {
  if (reply.status == 0)
    return "no HTTP answer: " + reply.error;
  return "HTTP " + std::to_string(reply.status) + ": " + reply.body;
}

}  // namespace

void ensureQtApplication() {
  if (QCoreApplication::instance() != nullptr)
    return;
  static int argc = 1;
  static char name[] = "nbra-test";
  static char* argv[] = {name, nullptr};
  static QCoreApplication application(argc, argv);
}

OrthancServer::OrthancServer(OrthancOptions options) : options_(std::move(options)) {}

// SIGKILL, not a graceful stop: the storage is deleted with the object anyway, and a graceful
// stop costs about 3 s per test.
OrthancServer::~OrthancServer() {
  kill();
}

bool OrthancServer::installed(const OrthancOptions& options, std::string* whyNot) {
  if (!QFileInfo(kOrthancBinary).isExecutable()) {
    *whyNot = kOrthancBinary.toStdString() + " is not installed (Debian package orthanc)";
    return false;
  }
  if (!QFileInfo::exists(kDicomWebPlugin)) {
    *whyNot = kDicomWebPlugin.toStdString() + " is missing (Debian package orthanc-dicomweb)";
    return false;
  }
  if ((options.https || options.dicomTls) &&
      QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
    *whyNot = "openssl is not installed: it makes the certificate of the https mode";
    return false;
  }
  return true;
}

bool OrthancServer::start(std::string* whyNot) {
  if (running())
    return true;
  ensureQtApplication();
  if (!installed(options_, whyNot))
    return false;
  const bool restart = started_;
  if (!dir_) {
    dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + "/nbra-orthanc-XXXXXX");
    if (!dir_->isValid()) {
      *whyNot = "cannot make a temporary folder: " + dir_->errorString().toStdString();
      dir_.reset();
      return false;
    }
    for (const char* sub : {"storage", "index", "tmp"})
      QDir(dir_->path()).mkpath(sub);
    if ((options_.https || options_.dicomTls) && !makeCertificate(whyNot))
      return false;
  }
  for (int attempt = 1; attempt <= kStartAttempts; ++attempt) {
    if (!restart && !freePorts(&dicomPort_, &httpPort_)) {
      *whyNot = "no free TCP port";
      return false;
    }
    bool portTaken = false;
    if (startOnce(whyNot, &portTaken)) {
      started_ = true;
      return true;
    }
    if (!portTaken || restart)
      return false;
  }
  return false;
}

bool OrthancServer::makeCertificate(std::string* whyNot) {
  const QString key = dir_->filePath("key.pem");
  // IP:127.0.0.1 in subjectAltName: clients that check the host name (Qt, curl) match the
  // address of baseUrl() there, not in the CN.
  if (!runTool(
          QStringLiteral("openssl"),
          {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
           "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", q(certificatePath())},
          whyNot))
    return false;
  // Orthanc wants the certificate and its key in one PEM file.
  QFile server(dir_->filePath("server.pem"));
  QFile certificate(q(certificatePath()));
  QFile keyFile(key);
  if (!server.open(QIODevice::WriteOnly) || !certificate.open(QIODevice::ReadOnly) ||
      !keyFile.open(QIODevice::ReadOnly) || server.write(certificate.readAll()) < 0 ||
      server.write(keyFile.readAll()) < 0) {
    *whyNot = "cannot write " + server.fileName().toStdString();
    return false;
  }
  return true;
}

bool OrthancServer::writeConfiguration(std::string* whyNot) const {
  QJsonObject modalities;
  for (const OrthancModality& m : options_.modalities)
    modalities[q(m.name)] = QJsonObject{{"AET", q(m.aet)}, {"Host", q(m.host)}, {"Port", m.port}};
  QJsonObject users;
  if (options_.requireAuth)
    users[q(options_.user)] = q(options_.password);
  const QJsonObject config{
      {"Name", "nbra-test"},
      {"StorageDirectory", dir_->filePath("storage")},
      {"IndexDirectory", dir_->filePath("index")},
      {"TemporaryDirectory", dir_->filePath("tmp")},
      {"DicomAet", q(options_.aet)},
      {"DicomPort", dicomPort_},
      {"HttpPort", httpPort_},
      {"RemoteAccessAllowed", false},
      {"AuthenticationEnabled", options_.requireAuth},
      {"RegisteredUsers", users},
      {"SslEnabled", options_.https},
      {"SslCertificate", dir_->filePath("server.pem")},
      {"Plugins", QJsonArray{kDicomWebPlugin}},
      // "Ssl" makes the plugin write https:// into the RetrieveURL and BulkDataURI it returns.
      {"DicomWeb", QJsonObject{{"Enable", true}, {"Root", "/dicom-web/"}, {"Ssl", options_.https}}},
      // Any SCU may query and retrieve, so tests need not register theirs, but it must call
      // Orthanc by its AE title. Orthanc 1.10 looks the C-MOVE destination up in
      // DicomModalities whatever these say.
      {"DicomCheckCalledAet", true},
      {"DicomAlwaysAllowEcho", true},
      {"DicomAlwaysAllowStore", true},
      {"DicomAlwaysAllowFind", true},
      {"DicomAlwaysAllowGet", true},
      {"DicomAlwaysAllowMove", true},
      {"DicomModalities", modalities},
      {"DicomTlsEnabled", options_.dicomTls},
      {"DicomTlsCertificate", q(certificatePath())},
      {"DicomTlsPrivateKey", dir_->filePath("key.pem")},
      {"DicomTlsTrustedCertificates", q(certificatePath())},
      {"DicomTlsRemoteCertificateRequired", false},
      // Studies count as complete one second after their last instance, not a minute.
      {"StableAge", 1},
      // Nothing here outlives the test: no fsync per instance, no jobs to resume.
      {"SyncStorageArea", false},
      {"SaveJobs", false},
      // The queries in the log are what one debugs a failing test with; the data is synthetic.
      {"DeidentifyLogs", false},
      {"OrthancExplorerEnabled", false},
      {"WebDavEnabled", false},
  };
  QFile file(dir_->filePath("orthanc.json"));
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(QJsonDocument(config).toJson(QJsonDocument::Indented)) < 0) {
    *whyNot = "cannot write " + file.fileName().toStdString();
    return false;
  }
  return true;
}

bool OrthancServer::startOnce(std::string* whyNot, bool* portTaken) {
  if (!writeConfiguration(whyNot))
    return false;
  const QString log = dir_->filePath(QStringLiteral("orthanc-%1.log").arg(++starts_));
  process_ = std::make_unique<QProcess>();
  process_->setProgram(kOrthancBinary);
  process_->setArguments({dir_->filePath("orthanc.json")});
  process_->setWorkingDirectory(dir_->path());
  process_->setProcessChannelMode(QProcess::MergedChannels);
  process_->setStandardOutputFile(log);
  // An Orthanc left behind by a crashed or timed-out test would keep its ports and its folder.
  // (Linux sends this signal when the thread that started Orthanc ends, not only the process.)
  process_->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
  if (options_.https) {
    // Debian 12's civetweb loads libssl.so by name and calls SSL_get_peer_certificate, which
    // OpenSSL 3 no longer exports: every HTTPS request would crash Orthanc. The folder holds a
    // libssl.so that adds that one function to the real libssl.so.3 (CivetwebSslShim.cpp).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString previous = environment.value(QStringLiteral("LD_LIBRARY_PATH"));
    environment.insert(QStringLiteral("LD_LIBRARY_PATH"),
                       QStringLiteral(NBRA_ORTHANC_SSL_SHIM_DIR) +
                           (previous.isEmpty() ? QString() : ":" + previous));
    process_->setProcessEnvironment(environment);
  }
  logPath_ = log.toStdString();
  process_->start();
  if (!process_->waitForStarted(kStartTimeoutMs)) {
    *whyNot =
        "cannot run " + kOrthancBinary.toStdString() + ": " + process_->errorString().toStdString();
    process_.reset();
    return false;
  }
  if (waitUntilAnswering(whyNot))
    return true;
  const std::string tail = logTail();
  *portTaken = tail.find("already in use") != std::string::npos;
  *whyNot += "\n--- Orthanc's log (" + logPath_ + ") ---\n" + tail;
  kill();
  return false;
}

bool OrthancServer::waitUntilAnswering(std::string* whyNot) {
  QElapsedTimer clock;
  clock.start();
  OrthancReply reply;
  while (clock.elapsed() < kStartTimeoutMs) {
    // The REST calls run the event loop, where QProcess may already have seen Orthanc end; then
    // waitForFinished() would say false. Otherwise it doubles as the pause between two tries.
    if (process_->state() == QProcess::NotRunning || process_->waitForFinished(100)) {
      *whyNot = process_->exitStatus() == QProcess::CrashExit
                    ? "Orthanc crashed"
                    : "Orthanc exited with code " + std::to_string(process_->exitCode());
      return false;
    }
    reply = rest("GET", "/system");
    if (reply.status == 200)
      return true;
  }
  *whyNot = "GET /system did not answer within " + std::to_string(kStartTimeoutMs / 1000) + " s (" +
            describe(reply) + ")";
  return false;
}

void OrthancServer::stop() {
  if (!process_)
    return;
  if (process_->state() != QProcess::NotRunning) {
    process_->terminate();
    if (!process_->waitForFinished(kStopTimeoutMs)) {
      process_->kill();
      process_->waitForFinished(kStopTimeoutMs);
    }
  }
  process_.reset();
}

void OrthancServer::kill() {
  if (!process_)
    return;
  process_->kill();
  // Reaped before returning, so its ports are closed when the test goes on.
  process_->waitForFinished(kStopTimeoutMs);
  process_.reset();
}

bool OrthancServer::running() const {
  return process_ && process_->state() == QProcess::Running;
}

std::string OrthancServer::baseUrl() const {
  return std::string(options_.https ? "https" : "http") +
         "://127.0.0.1:" + std::to_string(httpPort_);
}

std::string OrthancServer::dicomWebUrl() const {
  return baseUrl() + "/dicom-web";
}

std::string OrthancServer::certificatePath() const {
  return dir_ && (options_.https || options_.dicomTls)
             ? dir_->filePath("certificate.pem").toStdString()
             : std::string();
}

std::string OrthancServer::storageDir() const {
  return dir_ ? dir_->filePath("storage").toStdString() : std::string();
}

std::string OrthancServer::logTail(int lines) const {
  bool ok = false;
  std::istringstream text(readWhole(logPath_, &ok));
  std::deque<std::string> last;
  for (std::string line; std::getline(text, line);) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines)
      last.pop_front();
  }
  std::string tail;
  for (const std::string& line : last)
    tail += line + "\n";
  return tail;
}

OrthancReply OrthancServer::rest(const std::string& method, const std::string& uri,
                                 const std::string& body, const std::string& contentType,
                                 bool authenticate) const {
  ensureQtApplication();
  QNetworkAccessManager manager;
  QNetworkRequest request(QUrl(q(baseUrl() + uri)));
  request.setTransferTimeout(kRequestTimeoutMs);
  if (authenticate && options_.requireAuth)
    request.setRawHeader("Authorization",
                         "Basic " + q(options_.user + ":" + options_.password).toUtf8().toBase64());
  if (!contentType.empty())
    request.setHeader(QNetworkRequest::ContentTypeHeader, q(contentType));
  if (options_.https) {
    // Trust the generated certificate and nothing else, host name checked.
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(QSslCertificate::fromPath(q(certificatePath())));
    request.setSslConfiguration(ssl);
  }
  QNetworkReply* answer = manager.sendCustomRequest(request, QByteArray::fromStdString(method),
                                                    QByteArray::fromStdString(body));
  if (!answer->isFinished()) {
    QEventLoop loop;
    QObject::connect(answer, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
  }
  OrthancReply reply;
  reply.status = answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  reply.body = answer->readAll().toStdString();
  if (answer->error() != QNetworkReply::NoError)
    reply.error = answer->errorString().toStdString();
  delete answer;
  return reply;
}

std::string OrthancServer::restGet(const std::string& uri, int* httpStatus) const {
  OrthancReply reply = rest("GET", uri);
  if (httpStatus != nullptr)
    *httpStatus = reply.status;
  return reply.status >= 200 && reply.status < 300 ? reply.body : std::string();
}

bool OrthancServer::uploadFile(const std::string& path, std::string* error) {
  bool ok = false;
  const std::string content = readWhole(path, &ok);
  if (!ok) {
    *error = "cannot read " + path;
    return false;
  }
  const OrthancReply reply = rest("POST", "/instances", content, "application/dicom");
  if (reply.status != 200) {
    *error = path + ": " + describe(reply);
    return false;
  }
  return true;
}

int OrthancServer::uploadFolder(const std::string& folder, std::string* error) {
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(folder, ec);
  if (ec) {
    *error = "cannot read " + folder + ": " + ec.message();
    return -1;
  }
  int stored = 0;
  for (const auto& entry : it) {
    if (!entry.is_regular_file())
      continue;
    bool ok = false;
    const std::string content = readWhole(entry.path(), &ok);
    const OrthancReply reply =
        ok ? rest("POST", "/instances", content, "application/dicom") : OrthancReply{};
    if (reply.status == 200) {
      ++stored;
      continue;
    }
    // 400: not DICOM; 404: a tag Orthanc indexes is missing (as in a DICOMDIR).
    if (reply.status == 400 || reply.status == 404 || reply.status == 415)
      continue;
    *error = entry.path().string() + ": " + (ok ? describe(reply) : "cannot read");
    return -1;
  }
  return stored;
}

bool OrthancServer::addModality(const OrthancModality& modality, std::string* error) {
  const QJsonObject body{
      {"AET", q(modality.aet)}, {"Host", q(modality.host)}, {"Port", modality.port}};
  const OrthancReply reply = rest("PUT", "/modalities/" + modality.name,
                                  QJsonDocument(body).toJson().toStdString(), "application/json");
  if (reply.status != 200) {
    *error = describe(reply);
    return false;
  }
  return true;
}

}  // namespace nbra::testing
