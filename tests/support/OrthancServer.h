#pragma once

// A throwaway Orthanc (the Debian packages `orthanc` and `orthanc-dicomweb`) on loopback, so the
// PACS and DICOMweb tests talk to a real archive: fresh ports, storage and configuration in a
// temporary folder, gone with the object.

#include <memory>
#include <string>
#include <vector>

class QProcess;
class QTemporaryDir;

namespace nbra::testing {

// A DICOM node Orthanc knows (configuration option "DicomModalities"): a C-MOVE destination, or
// an SCU that Orthanc should trust by its AE title.
// Every field of these option structs has a default member initializer, so a designated
// initializer may leave any out without -Wmissing-field-initializers.
struct OrthancModality {
  std::string name{};  // the key in Orthanc's REST API (/modalities/{name})
  std::string aet{};
  std::string host{};
  int port = 0;
};

struct OrthancOptions {
  std::string aet = "ORTHANC";
  // HTTP basic authentication on, with `user` the one registered user.
  bool requireAuth = false;
  std::string user = "nbra", password = "trial-secret";
  // HTTP over TLS with a self-signed certificate for 127.0.0.1 made by `openssl req`.
  bool https = false;
  // DICOM over TLS on the DICOM port (the same certificate); clients need not present one.
  bool dicomTls = false;
  std::vector<OrthancModality> modalities{};
};

// What an HTTP request to Orthanc returned. `status` is 0 when no HTTP answer came (refused
// connection, TLS failure, timeout); `error` then says why.
struct OrthancReply {
  int status = 0;
  std::string body;
  std::string error;
};

// Orthanc as configured here: any calling AE may C-ECHO, C-FIND, C-GET, C-MOVE and C-STORE
// (tests need not register their SCU), but the called AE must be `aet()`. A C-MOVE destination
// must still be a known modality (OrthancOptions::modalities or addModality).
class OrthancServer {
 public:
  explicit OrthancServer(OrthancOptions options = {});
  ~OrthancServer();  // stop(), then the temporary folder goes
  OrthancServer(const OrthancServer&) = delete;
  OrthancServer& operator=(const OrthancServer&) = delete;

  // True when this machine has what start() needs (the Orthanc binary, the DICOMweb plugin, and
  // openssl for https); else false and why.
  static bool installed(const OrthancOptions& options, std::string* whyNot);

  // Starts Orthanc and waits until its REST API answers (at most about 20 s). False with the
  // reason and the tail of Orthanc's log when it cannot. Again after stop() or kill(), it brings
  // the same archive back on the same ports. Orthanc dies with the thread that started it.
  bool start(std::string* whyNot);
  // Graceful (SIGTERM, then SIGKILL if Orthanc has not exited after 15 s); idempotent. Orthanc
  // takes about 3 s to stop.
  void stop();
  // SIGKILL now: the archive dies as it would on a power cut.
  void kill();
  bool running() const;

  int dicomPort() const { return dicomPort_; }
  int httpPort() const { return httpPort_; }
  const std::string& aet() const { return options_.aet; }
  const OrthancOptions& options() const { return options_; }
  std::string baseUrl() const;          // http(s)://127.0.0.1:PORT
  std::string dicomWebUrl() const;      // baseUrl() + "/dicom-web"
  std::string certificatePath() const;  // PEM of the self-signed certificate (https, dicomTls)
  std::string storageDir() const;
  std::string logPath() const { return logPath_; }  // of the latest start
  std::string logTail(int lines = 30) const;

  // The REST API with the configured credentials (`authenticate` false sends none) and, in https
  // mode, trusting exactly the generated certificate.
  OrthancReply rest(const std::string& method, const std::string& uri, const std::string& body = {},
                    const std::string& contentType = {}, bool authenticate = true) const;
  // The body of GET `uri`, empty on failure; *httpStatus is 0 when no HTTP answer came.
  std::string restGet(const std::string& uri, int* httpStatus = nullptr) const;
  // POST /instances; true when Orthanc stored it (or already had it).
  bool uploadFile(const std::string& path, std::string* error);
  // Uploads every file below `folder` and returns how many Orthanc stored; files it refuses as
  // content (not DICOM, a DICOMDIR, tags missing) are skipped. -1 and *error when the folder is
  // missing or Orthanc fails otherwise (unreachable, 401, 5xx).
  int uploadFolder(const std::string& folder, std::string* error);
  // PUT /modalities/{name}: known until Orthanc stops.
  bool addModality(const OrthancModality& modality, std::string* error);

 private:
  bool startOnce(std::string* whyNot, bool* portTaken);
  bool makeCertificate(std::string* whyNot);
  bool writeConfiguration(std::string* whyNot) const;
  bool waitUntilAnswering(std::string* whyNot);

  OrthancOptions options_;
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<QProcess> process_;
  int dicomPort_ = 0;
  int httpPort_ = 0;
  bool started_ = false;
  int starts_ = 0;
  std::string logPath_;
};

// The QCoreApplication that Qt Network needs, created once if the program has none. A test
// program that makes its own must make it before the first OrthancServer.
void ensureQtApplication();

}  // namespace nbra::testing

// In a TEST body or SetUp(): starts `server`; skips the test when Orthanc is not installed here,
// fails it when Orthanc is installed but does not start.
#define NBRA_START_ORTHANC_OR_SKIP(server)                                               \
  do {                                                                                   \
    std::string nbraOrthancWhy;                                                          \
    if (!::nbra::testing::OrthancServer::installed((server).options(), &nbraOrthancWhy)) \
      GTEST_SKIP() << "Orthanc cannot start here: " << nbraOrthancWhy;                   \
    if (!(server).start(&nbraOrthancWhy))                                                \
      FAIL() << "Orthanc did not start: " << nbraOrthancWhy;                             \
  } while (false)
