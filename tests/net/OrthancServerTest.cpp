// The Orthanc fixture keeps its promises: a real archive that stores what is uploaded and serves
// it over REST, DICOMweb and DIMSE; basic authentication; HTTPS with the generated certificate;
// a kill that takes the archive away, and a restart that brings it back.

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/scu.h>
#include <gtest/gtest.h>

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <filesystem>
#include <fstream>
#include <memory>

#include "tests/support/OrthancServer.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;
using nbra::testing::OrthancModality;
using nbra::testing::OrthancOptions;
using nbra::testing::OrthancServer;
using nbra::testing::TempFolder;

// One CT study of two series (3 and 2 slices) beside a text file and a DICOMDIR, which Orthanc
// refuses: 5 instances to store.
struct UploadFolder {
  TempFolder folder;
  std::string studyUid;
  std::vector<fs::path> firstSeries;

  UploadFolder() {
    char uid[100];
    studyUid = dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT);
    nbra::testing::SyntheticSeries spec;
    spec.studyUid = studyUid;
    spec.slices = 3;
    firstSeries = nbra::testing::writeSeries(folder.path() / "CT1", spec);
    spec.seriesNumber = 2;
    spec.slices = 2;
    nbra::testing::writeSeries(folder.path() / "CT2", spec);
    nbra::testing::writeDicomDir(folder.path());
    std::ofstream(folder.path() / "README.TXT") << "not DICOM\n";
  }
};

QJsonDocument json(const std::string& body) {
  return QJsonDocument::fromJson(QByteArray::fromStdString(body));
}

std::string studyUidOfQidoAnswer(const QJsonValue& study) {
  return study["0020000D"]["Value"][0].toString().toStdString();
}

// A C-ECHO from `callingAet` to `calledAet` on the server's DICOM port.
OFCondition echo(const OrthancServer& server, const char* callingAet, const char* calledAet) {
  DcmSCU scu;
  scu.setAETitle(callingAet);
  scu.setPeerAETitle(calledAet);
  scu.setPeerHostName("127.0.0.1");
  scu.setPeerPort(static_cast<Uint16>(server.dicomPort()));
  scu.setACSETimeout(10);
  scu.setDIMSETimeout(10);
  scu.addPresentationContext(UID_VerificationSOPClass, {UID_LittleEndianImplicitTransferSyntax});
  OFCondition result = scu.initNetwork();
  if (result.good())
    result = scu.negotiateAssociation();
  if (result.good()) {
    result = scu.sendECHORequest(0);
    scu.releaseAssociation();
  }
  return result;
}

// C-GET of a study by an SCU Orthanc has never heard of; the instances land in `folder`.
OFCondition getStudy(const OrthancServer& server, const std::string& studyUid,
                     const fs::path& folder, unsigned short* completed) {
  DcmSCU scu;
  scu.setAETitle("UNREGISTERED");
  scu.setPeerAETitle(server.aet().c_str());
  scu.setPeerHostName("127.0.0.1");
  scu.setPeerPort(static_cast<Uint16>(server.dicomPort()));
  scu.setACSETimeout(10);
  scu.setDIMSETimeout(10);
  scu.setStorageDir(folder.c_str());
  const OFList<OFString> syntaxes{UID_LittleEndianExplicitTransferSyntax,
                                  UID_LittleEndianImplicitTransferSyntax};
  scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, syntaxes);
  scu.addPresentationContext(UID_CTImageStorage, syntaxes, ASC_SC_ROLE_SCP);
  OFCondition result = scu.initNetwork();
  if (result.good())
    result = scu.negotiateAssociation();
  if (result.bad())
    return result;
  DcmDataset query;
  query.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
  query.putAndInsertString(DCM_StudyInstanceUID, studyUid.c_str());
  OFList<RetrieveResponse*> responses;
  result = scu.sendCGETRequest(
      scu.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, ""), &query,
      &responses);
  *completed = responses.empty() ? 0 : responses.back()->m_numberOfCompletedSubops;
  for (RetrieveResponse* response : responses)
    delete response;
  scu.releaseAssociation();
  return result;
}

TEST(OrthancServer, StoresAnUploadedStudyAndServesItOverRestAndDicomWeb) {
  UploadFolder data;
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);

  std::string error;
  EXPECT_EQ(server.uploadFolder(data.folder.path().string(), &error), 5) << error;

  const QJsonObject system = json(server.restGet("/system")).object();
  EXPECT_EQ(system["DicomAet"].toString().toStdString(), server.aet());
  EXPECT_EQ(system["DicomPort"].toInt(), server.dicomPort());
  const QJsonArray studies = json(server.restGet("/studies?expand")).array();
  ASSERT_EQ(studies.size(), 1);
  EXPECT_EQ(studies[0]["MainDicomTags"]["StudyInstanceUID"].toString().toStdString(),
            data.studyUid);
  EXPECT_EQ(studies[0]["Series"].toArray().size(), 2);

  int status = 0;
  const QJsonArray qido = json(server.restGet("/dicom-web/studies", &status)).array();
  EXPECT_EQ(status, 200);
  ASSERT_EQ(qido.size(), 1);
  EXPECT_EQ(studyUidOfQidoAnswer(qido[0]), data.studyUid);
  EXPECT_EQ(server.dicomWebUrl(), server.baseUrl() + "/dicom-web");
  EXPECT_TRUE(fs::is_directory(server.storageDir()));
}

TEST(OrthancServer, RequiresTheRegisteredUserWhenAuthenticationIsOn) {
  UploadFolder data;
  OrthancServer server(OrthancOptions{.requireAuth = true});
  NBRA_START_ORTHANC_OR_SKIP(server);

  EXPECT_EQ(server.rest("GET", "/system", {}, {}, /*authenticate=*/false).status, 401);
  EXPECT_EQ(server.rest("GET", "/dicom-web/studies", {}, {}, /*authenticate=*/false).status, 401);
  int status = 0;
  EXPECT_FALSE(server.restGet("/system", &status).empty());
  EXPECT_EQ(status, 200);
  std::string error;
  EXPECT_TRUE(server.uploadFile(data.firstSeries.front().string(), &error)) << error;
  EXPECT_EQ(json(server.restGet("/instances")).array().size(), 1);
}

TEST(OrthancServer, ServesHttpsWithTheGeneratedCertificateOnly) {
  UploadFolder data;
  OrthancServer server(OrthancOptions{.https = true});
  NBRA_START_ORTHANC_OR_SKIP(server);

  const std::string https = "https://127.0.0.1:" + std::to_string(server.httpPort());
  EXPECT_EQ(server.baseUrl(), https);
  std::ifstream certificate(server.certificatePath());
  std::string firstLine;
  std::getline(certificate, firstLine);
  EXPECT_EQ(firstLine, "-----BEGIN CERTIFICATE-----");

  std::string error;
  EXPECT_TRUE(server.uploadFile(data.firstSeries.front().string(), &error)) << error;
  // The DICOMweb plugin hands out https URLs, so a client can follow them.
  const QJsonArray qido = json(server.restGet("/dicom-web/studies")).array();
  ASSERT_EQ(qido.size(), 1);
  EXPECT_EQ(qido[0]["00081190"]["Value"][0].toString().toStdString(),
            https + "/dicom-web/studies/" + data.studyUid);

  // A client that trusts only the system's authorities refuses the self-signed certificate.
  QNetworkAccessManager manager;
  std::unique_ptr<QNetworkReply> reply(
      manager.get(QNetworkRequest(QUrl(QString::fromStdString(https + "/system")))));
  QEventLoop loop;
  QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished())
    loop.exec();
  EXPECT_EQ(reply->error(), QNetworkReply::SslHandshakeFailedError)
      << reply->errorString().toStdString();
  // Orthanc is still up after that refused handshake.
  EXPECT_FALSE(server.restGet("/system").empty());
}

TEST(OrthancServer, KillTakesTheArchiveAwayAndStartBringsItBack) {
  UploadFolder data;
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);
  std::string error;
  ASSERT_TRUE(server.uploadFile(data.firstSeries.front().string(), &error)) << error;
  const int dicomPort = server.dicomPort();
  const int httpPort = server.httpPort();

  server.kill();
  EXPECT_FALSE(server.running());
  int status = -1;
  EXPECT_TRUE(server.restGet("/system", &status).empty());
  EXPECT_EQ(status, 0);
  QTcpSocket dicom;
  dicom.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(dicomPort));
  EXPECT_FALSE(dicom.waitForConnected(2000));
  server.stop();  // after kill(): nothing left to stop

  ASSERT_TRUE(server.start(&error)) << error;
  EXPECT_EQ(server.dicomPort(), dicomPort);
  EXPECT_EQ(server.httpPort(), httpPort);
  EXPECT_EQ(json(server.restGet("/instances")).array().size(), 1);
}

TEST(OrthancServer, AnswersAnyCallingAeButOnlyItsOwnCalledAe) {
  UploadFolder data;
  OrthancServer server(OrthancOptions{
      .aet = "NBRA_PACS", .modalities = {{"viewer", "NBRA_VIEWER", "127.0.0.1", 11112}}});
  NBRA_START_ORTHANC_OR_SKIP(server);
  std::string error;
  ASSERT_EQ(server.uploadFolder(data.folder.path().string(), &error), 5) << error;

  EXPECT_TRUE(echo(server, "UNREGISTERED", "NBRA_PACS").good());
  EXPECT_EQ(echo(server, "UNREGISTERED", "SOMEONE_ELSE"), DUL_ASSOCIATIONREJECTED);

  TempFolder received;
  unsigned short completed = 0;
  const OFCondition get = getStudy(server, data.studyUid, received.path(), &completed);
  EXPECT_TRUE(get.good()) << get.text();
  EXPECT_EQ(completed, 5);
  EXPECT_EQ(std::distance(fs::directory_iterator(received.path()), fs::directory_iterator()), 5);

  ASSERT_TRUE(server.addModality({"workstation", "NBRA_WS", "127.0.0.1", 11113}, &error)) << error;
  const QJsonObject modalities = json(server.restGet("/modalities?expand")).object();
  EXPECT_EQ(modalities["viewer"]["AET"].toString(), "NBRA_VIEWER");
  EXPECT_EQ(modalities["workstation"]["Port"].toInt(), 11113);
}

}  // namespace
