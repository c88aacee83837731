#include "workflow/net/DicomWebClient.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <cmath>
#include <fstream>
#include <memory>
#include <optional>

#include "dicom/net/InstanceSink.h"
#include "dicom/web/MultipartReader.h"

namespace nbra::workflow {
namespace {

using dicom::net::NetworkError;
using dicom::net::QueryLevel;
using dicom::net::QueryMatch;

// How often a running request looks at the cancel flag: Cancel stops within this.
constexpr int kCancelPollMs = 100;
// What of an error body is quoted in a message.
constexpr qsizetype kErrorBodyQuote = 300;
// STOW-RS requests are cut into bodies of at most this many bytes (files are whole).
constexpr qint64 kStowBatchBytes = 64LL * 1024 * 1024;

[[noreturn]] void fail(const RemoteNode& node, const QString& what) {
  throw NetworkError((describe(node) + ": " + what).toStdString());
}

struct Outcome {
  int status = 0;
  QNetworkReply::NetworkError error = QNetworkReply::NoError;
  QString errorText;
  QString sslProblems;
  QByteArray body;  // collected only when the caller does not stream
  QString contentType;
  bool cancelled = false;
};

class Session {
 public:
  explicit Session(const RemoteNode& node) : node_(node) {
    if (node.web.auth.kind != WebAuth::Kind::None) {
      const QString secret = readSecret(node.web.auth.secretFile);
      authorization_ = node.web.auth.kind == WebAuth::Kind::Basic
                           ? "Basic " + (node.web.auth.user + ":" + secret).toUtf8().toBase64()
                           : "Bearer " + secret.toUtf8();
    }
    ssl_ = QSslConfiguration::defaultConfiguration();
    ssl_.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!node.web.caCertificates.isEmpty()) {
      const auto extra = QSslCertificate::fromPath(node.web.caCertificates, QSsl::Pem);
      if (extra.isEmpty()) {
        fail(node, "no certificate could be read from " + node.web.caCertificates);
      }
      ssl_.addCaCertificates(extra);
    }
  }

  QNetworkRequest request(const QString& path, const QUrlQuery& query, const QByteArray& accept) {
    QUrl url(node_.web.baseUrl + path);
    url.setQuery(query);
    QNetworkRequest r(url);
    r.setRawHeader("Accept", accept);
    if (!authorization_.isEmpty()) {
      r.setRawHeader("Authorization", authorization_);
    }
    r.setTransferTimeout(node_.web.timeoutSeconds * 1000);
    r.setSslConfiguration(ssl_);
    // A redirect may not downgrade https to http, where the credentials would travel in clear.
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                   QNetworkRequest::NoLessSafeRedirectPolicy);
    return r;
  }

  // Runs one request to its end. `onData` (when set) takes the body as it arrives and may throw
  // to stop; otherwise the body is collected (bounded by `maxBody`).
  Outcome run(QNetworkReply* reply, const std::atomic<bool>* cancel,
              const std::function<void(QNetworkReply&)>& onData, qint64 maxBody) {
    std::unique_ptr<QNetworkReply> owner(reply);
    Outcome out;
    std::optional<std::string> dataError;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [&out](const QList<QSslError>& e) {
      for (const auto& error : e) {
        out.sslProblems += (out.sslProblems.isEmpty() ? "" : "; ") + error.errorString();
      }
    });
    QObject::connect(reply, &QIODevice::readyRead, reply, [&] {
      if (dataError) {
        return;
      }
      const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
      try {
        if (onData && status >= 200 && status < 300) {
          onData(*reply);
        } else {
          out.body += reply->readAll();
          if (out.body.size() > maxBody) {
            throw NetworkError("the answer is larger than " + std::to_string(maxBody) + " bytes");
          }
        }
      } catch (const std::exception& e) {
        dataError = e.what();
        reply->abort();
      }
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, reply, [&] {
      if (cancel && cancel->load()) {
        out.cancelled = true;
        reply->abort();
      }
    });
    poll.start(kCancelPollMs);
    if (!reply->isFinished()) {
      loop.exec();
    }
    if (!dataError && !out.cancelled) {
      // What arrived together with the end of the reply.
      if (onData && reply->bytesAvailable() > 0) {
        try {
          const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
          if (status >= 200 && status < 300) {
            onData(*reply);
          }
        } catch (const std::exception& e) {
          dataError = e.what();
        }
      }
      if (!onData || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 300) {
        out.body += reply->readAll().left(maxBody);
      }
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.errorText = reply->errorString();
    out.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    if (dataError) {
      fail(node_, QString::fromStdString(*dataError));
    }
    return out;
  }

  // The HTTP and network failures, in words that name the node and what to check.
  void requireSuccess(const Outcome& out, const QString& what) {
    if (out.cancelled) {
      return;
    }
    if (!out.sslProblems.isEmpty()) {
      fail(node_, what + " refused: the server's TLS certificate cannot be trusted (" +
                      out.sslProblems + ")");
    }
    if (out.status == 401 || out.status == 403) {
      fail(node_, what + " refused: the server did not accept the credentials (HTTP " +
                      QString::number(out.status) + ")");
    }
    if (out.status == 0 || out.error == QNetworkReply::OperationCanceledError ||
        out.error == QNetworkReply::TimeoutError) {
      if (out.error == QNetworkReply::OperationCanceledError ||
          out.error == QNetworkReply::TimeoutError) {
        fail(node_, what + " failed: no answer within " +
                        QString::number(node_.web.timeoutSeconds) + " s");
      }
      fail(node_, what + " failed: " + out.errorText);
    }
    if (out.status < 200 || out.status >= 300) {
      fail(node_, what + " refused with HTTP " + QString::number(out.status) + ": " +
                      QString::fromUtf8(out.body.left(kErrorBodyQuote)).simplified());
    }
  }

  QNetworkAccessManager manager;

 private:
  const RemoteNode& node_;
  QByteArray authorization_;
  QSslConfiguration ssl_;
};

// PS3.18 F.2: "GGGGEEEE": {"vr": "..", "Value": [..]}. The first value as text, whatever its VR.
QString firstValue(const QJsonObject& item, const char* tag) {
  const QJsonArray values = item.value(tag).toObject().value("Value").toArray();
  if (values.isEmpty()) {
    return {};
  }
  const QJsonValue v = values.first();
  if (v.isString()) {
    return v.toString();
  }
  if (v.isDouble()) {
    // A whole number prints without a fraction; anything else (huge, fractional) as it is.
    // The range is checked before the cast: casting an out-of-range double is undefined
    // (found by fuzz_qido_json).
    const double d = v.toDouble();
    const bool whole = std::isfinite(d) && std::fabs(d) < 1e15 && d == std::trunc(d);
    return whole ? QString::number(static_cast<long long>(d)) : QString::number(d);
  }
  if (v.isObject()) {
    return v.toObject().value("Alphabetic").toString();  // PN
  }
  return {};
}

QString allValues(const QJsonObject& item, const char* tag) {
  QStringList out;
  for (const QJsonValue& v : item.value(tag).toObject().value("Value").toArray()) {
    if (v.isString()) {
      out << v.toString();
    }
  }
  return out.join('\\');
}

int countValue(const QJsonObject& item, const char* tag) {
  bool ok = false;
  const long long n = firstValue(item, tag).toLongLong(&ok);
  return ok && n >= 0 && n <= 100'000'000 ? static_cast<int>(n) : -1;
}

std::string utf8(const QString& s) {
  return s.toStdString();
}

QUrlQuery qidoQuery(QueryLevel level, const dicom::net::QueryFilter& f, std::size_t maxMatches) {
  QUrlQuery q;
  auto add = [&q](const char* key, const std::string& value) {
    if (!value.empty()) {
      q.addQueryItem(key, QString::fromStdString(value));
    }
  };
  if (level == QueryLevel::Study || level == QueryLevel::Patient) {
    add("PatientID", f.patientId);
    add("PatientName", f.patientName);
    add("AccessionNumber", f.accessionNumber);
    add("StudyDescription", f.studyDescription);
    add("ModalitiesInStudy", f.modality);
    if (!f.studyDateFrom.empty() || !f.studyDateTo.empty()) {
      q.addQueryItem("StudyDate",
                     QString::fromStdString(f.studyDateFrom == f.studyDateTo
                                                ? f.studyDateFrom
                                                : f.studyDateFrom + "-" + f.studyDateTo));
    }
    for (const char* field : {"00100030", "00081030", "00080061", "00201206", "00201208"}) {
      q.addQueryItem("includefield", field);
    }
  } else if (level == QueryLevel::Series) {
    add("Modality", f.modality);
    for (const char* field : {"0008103E", "00201209", "00200011"}) {
      q.addQueryItem("includefield", field);
    }
  }
  q.addQueryItem("limit", QString::number(maxMatches + 1));
  return q;
}

// One WADO-RS body streamed part by part into the sink.
class WadoStream {
 public:
  WadoStream(dicom::net::InstanceSink& sink, dicom::net::RetrieveResult& result,
             const dicom::net::TransferOptions& options, int expected)
      : sink_(sink), result_(result), options_(options), expected_(expected) {}

  void onData(QNetworkReply& reply) {
    if (!reader_) {
      const QString type = reply.header(QNetworkRequest::ContentTypeHeader).toString();
      dicom::web::MultipartReader::Callbacks callbacks;
      callbacks.onPartBegin = [this](const dicom::web::PartHeaders&) { beginPart(); };
      callbacks.onPartData = [this](const char* data, std::size_t size) {
        out_.write(data, static_cast<std::streamsize>(size));
      };
      callbacks.onPartEnd = [this] { endPart(); };
      reader_ = std::make_unique<dicom::web::MultipartReader>(
          dicom::web::boundaryFromContentType(type.toStdString()), callbacks);
    }
    char buffer[64 * 1024];
    for (qint64 n; (n = reply.read(buffer, sizeof buffer)) > 0;) {
      reader_->feed(buffer, static_cast<std::size_t>(n));
    }
  }

  void finish() {
    if (reader_) {
      reader_->finish();
    }
  }

  ~WadoStream() {
    if (out_.is_open()) {
      out_.close();
      std::error_code ignored;
      std::filesystem::remove(partPath_, ignored);
    }
  }

 private:
  void beginPart() {
    partPath_ = sink_.reserveIncomingPath();
    out_.open(partPath_, std::ios::binary | std::ios::trunc);
    if (!out_) {
      throw NetworkError("cannot write " + partPath_);
    }
  }

  void endPart() {
    out_.close();
    if (!out_) {
      throw NetworkError("cannot write " + partPath_ + " (disk full?)");
    }
    dicom::net::countArrival(result_, sink_.accept(partPath_));
    if (options_.onProgress) {
      dicom::net::RetrieveProgress p;
      p.received = result_.stored + result_.duplicates;
      p.refused = result_.refused;
      p.remaining = expected_ < 0 ? -1 : std::max(0, expected_ - static_cast<int>(p.received));
      options_.onProgress(p);
    }
  }

  dicom::net::InstanceSink& sink_;
  dicom::net::RetrieveResult& result_;
  const dicom::net::TransferOptions& options_;
  int expected_;
  std::unique_ptr<dicom::web::MultipartReader> reader_;
  std::ofstream out_;
  std::string partPath_;
};

}  // namespace

std::vector<QueryMatch> parseQidoJson(const QByteArray& body, QueryLevel level,
                                      const QString& nodeName) {
  if (body.trimmed().isEmpty()) {
    return {};  // 204 No Content: nothing matched
  }
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
  if (error.error != QJsonParseError::NoError || !doc.isArray()) {
    throw NetworkError(
        (nodeName + ": the search answer is not a DICOM JSON array" +
         (error.error != QJsonParseError::NoError
              ? " (" + error.errorString() + " at byte " + QString::number(error.offset) + ")"
              : QString()))
            .toStdString());
  }
  std::vector<QueryMatch> matches;
  for (const QJsonValue& v : doc.array()) {
    if (!v.isObject()) {
      throw NetworkError(
          (nodeName + ": the search answer holds something that is not a DICOM JSON object")
              .toStdString());
    }
    const QJsonObject o = v.toObject();
    QueryMatch m;
    m.level = level;
    m.patientId = utf8(firstValue(o, "00100020"));
    m.patientName = utf8(firstValue(o, "00100010"));
    m.patientBirthDate = utf8(firstValue(o, "00100030"));
    m.studyInstanceUid = utf8(firstValue(o, "0020000D"));
    m.studyDate = utf8(firstValue(o, "00080020"));
    m.studyTime = utf8(firstValue(o, "00080030"));
    m.studyDescription = utf8(firstValue(o, "00081030"));
    m.accessionNumber = utf8(firstValue(o, "00080050"));
    m.modalitiesInStudy = utf8(allValues(o, "00080061"));
    m.studyRelatedSeries = countValue(o, "00201206");
    m.studyRelatedInstances = countValue(o, "00201208");
    m.seriesInstanceUid = utf8(firstValue(o, "0020000E"));
    m.seriesNumber = utf8(firstValue(o, "00200011"));
    m.modality = utf8(firstValue(o, "00080060"));
    m.seriesDescription = utf8(firstValue(o, "0008103E"));
    m.seriesRelatedInstances = countValue(o, "00201209");
    m.sopInstanceUid = utf8(firstValue(o, "00080018"));
    m.sopClassUid = utf8(firstValue(o, "00080016"));
    m.instanceNumber = utf8(firstValue(o, "00200013"));
    // UIDs from the wire are used in URLs and folder names: a match without a valid one is
    // not offered for retrieval.
    const bool studyOk = dicom::net::isValidUid(m.studyInstanceUid);
    const bool seriesOk =
        level != QueryLevel::Series || dicom::net::isValidUid(m.seriesInstanceUid);
    if (studyOk && seriesOk) {
      matches.push_back(std::move(m));
    }
  }
  return matches;
}

DicomWebClient::DicomWebClient(RemoteNode node) : node_(std::move(node)) {
  if (node_.protocol != RemoteNode::Protocol::DicomWeb) {
    throw NetworkError((describe(node_) + " is not a DICOMweb node").toStdString());
  }
}

std::vector<QueryMatch> DicomWebClient::search(QueryLevel level,
                                               const dicom::net::QueryFilter& filter,
                                               std::size_t maxMatches,
                                               const std::atomic<bool>* cancel) {
  if (const std::string problem = dicom::net::checkFilter(filter, level); !problem.empty()) {
    throw NetworkError(problem);
  }
  Session session(node_);
  QString path = "/studies";
  if (level == QueryLevel::Series) {
    path = "/studies/" + QString::fromStdString(filter.studyInstanceUid) + "/series";
  } else if (level == QueryLevel::Image) {
    path = "/studies/" + QString::fromStdString(filter.studyInstanceUid) + "/series/" +
           QString::fromStdString(filter.seriesInstanceUid) + "/instances";
  }
  QNetworkReply* reply = session.manager.get(
      session.request(path, qidoQuery(level, filter, maxMatches), "application/dicom+json"));
  const Outcome out = session.run(reply, cancel, {}, 64LL * 1024 * 1024);
  if (out.cancelled) {
    return {};
  }
  session.requireSuccess(out, "the search");
  auto matches = parseQidoJson(out.body, level, describe(node_));
  if (level == QueryLevel::Patient) {
    std::vector<QueryMatch> patients;
    for (auto& m : matches) {
      const bool seen = std::any_of(patients.begin(), patients.end(), [&](const QueryMatch& p) {
        return p.patientId == m.patientId && p.patientName == m.patientName;
      });
      if (!seen) {
        patients.push_back(std::move(m));
      }
    }
    matches = std::move(patients);
  }
  if (matches.size() > maxMatches) {
    matches.resize(maxMatches);
  }
  return matches;
}

dicom::net::RetrieveResult DicomWebClient::retrieve(const dicom::net::RetrieveTarget& target,
                                                    dicom::net::InstanceSink& sink,
                                                    const dicom::net::TransferOptions& options) {
  if (!dicom::net::isValidUid(target.studyInstanceUid) ||
      (!target.seriesInstanceUid.empty() && !dicom::net::isValidUid(target.seriesInstanceUid))) {
    throw NetworkError("not a valid Study or Series Instance UID");
  }
  Session session(node_);
  QString path = "/studies/" + QString::fromStdString(target.studyInstanceUid);
  if (!target.seriesInstanceUid.empty()) {
    path += "/series/" + QString::fromStdString(target.seriesInstanceUid);
  }
  dicom::net::RetrieveResult result;
  WadoStream stream(sink, result, options, -1);
  QNetworkReply* reply = session.manager.get(session.request(
      path, {}, "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
  const Outcome out = session.run(
      reply, options.cancel, [&](QNetworkReply& r) { stream.onData(r); }, 1 << 20);
  if (out.cancelled) {
    result.cancelled = true;
    return result;
  }
  session.requireSuccess(out, "the retrieve");
  try {
    stream.finish();
  } catch (const std::exception& e) {
    fail(node_, QString("the retrieve stopped: %1 (%2 instances arrived and are kept)")
                    .arg(e.what())
                    .arg(result.stored + result.duplicates));
  }
  result.peerCompleted = static_cast<int>(result.stored + result.duplicates);
  return result;
}

dicom::net::StoreResult DicomWebClient::store(const std::vector<std::string>& files,
                                              const dicom::net::TransferOptions& options) {
  dicom::net::StoreResult result;
  Session session(node_);
  std::vector<std::string> batch;
  qint64 batchBytes = 0;
  auto sendBatch = [&] {
    if (batch.empty()) {
      return;
    }
    const QByteArray boundary = "nbra-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QByteArray body;
    for (const auto& path : batch) {
      QFile f(QString::fromStdString(path));
      if (!f.open(QIODevice::ReadOnly)) {
        result.failures.push_back({path, "cannot be read"});
        continue;
      }
      body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
      body += f.readAll();
      body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    QNetworkRequest request = session.request("/studies", {}, "application/dicom+json");
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
    const Outcome out =
        session.run(session.manager.post(request, body), options.cancel, {}, 16LL * 1024 * 1024);
    if (out.cancelled) {
      result.cancelled = true;
      return;
    }
    if (out.status == 409 || out.status == 202 || out.status == 400) {
      for (const auto& path : batch) {
        result.failures.push_back(
            {path,
             "the server refused part of the upload (HTTP " + std::to_string(out.status) + "): " +
                 QString::fromUtf8(out.body.left(kErrorBodyQuote)).simplified().toStdString()});
      }
    } else {
      session.requireSuccess(out, "the upload");
      result.sent += batch.size();
    }
    if (options.onProgress) {
      dicom::net::RetrieveProgress p;
      p.received = result.sent;
      p.refused = result.failures.size();
      options.onProgress(p);
    }
    batch.clear();
    batchBytes = 0;
  };
  for (const auto& path : files) {
    if (result.cancelled || (options.cancel && options.cancel->load())) {
      result.cancelled = true;
      break;
    }
    if (const std::string problem = dicom::net::sendableProblem(path); !problem.empty()) {
      result.failures.push_back({path, problem});
      continue;
    }
    const qint64 size = QFile(QString::fromStdString(path)).size();
    if (!batch.empty() && batchBytes + size > kStowBatchBytes) {
      sendBatch();
    }
    batch.push_back(path);
    batchBytes += size;
  }
  if (!result.cancelled) {
    sendBatch();
  }
  return result;
}

}  // namespace nbra::workflow
