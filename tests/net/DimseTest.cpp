// DIMSE against a real Orthanc: echo, find at every level, C-GET and C-MOVE into the index,
// C-STORE, and the faults a clinical network has (closed port, silent peer, wrong AE title,
// unknown move destination, the archive dying mid-retrieve, cancel).
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "dicom/codecs/SafeLoad.h"
#include "dicom/index/ImageIndex.h"
#include "dicom/net/DimseClient.h"
#include "dicom/net/InstanceSink.h"
#include "dicom/net/StorageScp.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "tests/net/NetTestSupport.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"
#include "workflow/net/RemoteOperations.h"

namespace nbra::testing {
namespace {

namespace fs = std::filesystem;
using dicom::net::NetworkError;
using dicom::net::QueryLevel;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class Dimse : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    if (!fs::exists(syntheticBaseline())) {
      GTEST_SKIP() << "synthetic subjects not generated: " << syntheticBaseline();
    }
    NBRA_START_ORTHANC_OR_SKIP(server);
    std::string error;
    uploaded = server.uploadFolder((syntheticBaseline() / "CT").string(), &error);
    ASSERT_GT(uploaded, 0) << error;
    node = dimseNode(server);
  }

  std::string ctStudyUid() { return syntheticStudyUid(node); }
  workflow::RetrieveRequest request(const std::string& study) {
    return retrieveInto(dir, node, study);
  }

  QTemporaryDir dir;
  OrthancServer server;
  workflow::RemoteNode node;
  int uploaded = 0;
};

TEST_F(Dimse, EchoFindsTheArchive) {
  EXPECT_NO_THROW(workflow::echoNode(node));
}

TEST_F(Dimse, FindAnswersAtPatientStudySeriesAndImageLevel) {
  dicom::net::QueryFilter f;
  f.patientId = "NBRA-SYN-001";
  const auto patients = workflow::queryNode(node, QueryLevel::Patient, f);
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_EQ(patients[0].patientName, "SYNTHETIC^RESPONDER");

  const std::string study = ctStudyUid();
  ASSERT_FALSE(study.empty());
  f.studyInstanceUid = study;
  const auto series = workflow::queryNode(node, QueryLevel::Series, f);
  ASSERT_EQ(series.size(), 1u);
  EXPECT_EQ(series[0].modality, "CT");
  EXPECT_EQ(series[0].seriesRelatedInstances, uploaded);

  f.seriesInstanceUid = series[0].seriesInstanceUid;
  const auto images = workflow::queryNode(node, QueryLevel::Image, f);
  EXPECT_EQ(static_cast<int>(images.size()), uploaded);

  // Filters narrow: a date range that excludes the study, a modality it does not have.
  dicom::net::QueryFilter none;
  none.patientId = "NBRA-SYN-001";
  none.studyDateFrom = "19990101";
  none.studyDateTo = "19991231";
  EXPECT_TRUE(workflow::queryNode(node, QueryLevel::Study, none).empty());
  none = {};
  none.patientName = "SYNTH*";
  none.modality = "MR";
  EXPECT_TRUE(workflow::queryNode(node, QueryLevel::Study, none).empty());
}

TEST_F(Dimse, BadFiltersAreRefusedBeforeAnythingIsSent) {
  dicom::net::QueryFilter f;
  f.studyDateFrom = "2026-01-12";
  EXPECT_THROW(workflow::queryNode(node, QueryLevel::Study, f), NetworkError);
  f = {};
  f.studyDateFrom = "20260201";
  f.studyDateTo = "20260101";
  EXPECT_THROW(workflow::queryNode(node, QueryLevel::Study, f), NetworkError);
  f = {};
  f.patientId = "A\\B";
  EXPECT_THROW(workflow::queryNode(node, QueryLevel::Study, f), NetworkError);
  EXPECT_THROW(workflow::queryNode(node, QueryLevel::Series, {}), NetworkError);
}

TEST_F(Dimse, GetRetrievesIntoTheIndexAndARepeatAddsNothing) {
  const std::string study = ctStudyUid();
  int progressCalls = 0;
  auto r = request(study);
  r.onProgress = [&](const dicom::net::RetrieveProgress& p) {
    ++progressCalls;
    EXPECT_LE(static_cast<int>(p.received), uploaded);
  };
  const auto first = workflow::retrieveFromNode(r);
  EXPECT_EQ(first.method, "C-GET");
  EXPECT_EQ(static_cast<int>(first.transfer.stored), uploaded);
  EXPECT_EQ(first.transfer.duplicates, 0u);
  EXPECT_EQ(progressCalls, uploaded);  // one report per instance
  EXPECT_EQ(first.indexedInstances, uploaded);
  EXPECT_EQ(first.indexedSeries, 1);
  EXPECT_EQ(static_cast<int>(filesBelow(dir.filePath("store").toStdString())), uploaded);

  const auto again = workflow::retrieveFromNode(request(study));
  EXPECT_EQ(again.transfer.stored, 0u);
  EXPECT_EQ(static_cast<int>(again.transfer.duplicates), uploaded);
  EXPECT_EQ(static_cast<int>(filesBelow(dir.filePath("store").toStdString())), uploaded);

  dicom::ImageIndex index(dir.filePath("index.sqlite").toStdString());
  EXPECT_EQ(index.countAll().instances, uploaded);
}

TEST_F(Dimse, MoveDeliversToNbrasOwnStorageScp) {
  const int port = closedPort();
  std::string error;
  ASSERT_TRUE(server.addModality({"NBRA", "NBRA", "127.0.0.1", port}, &error)) << error;
  auto r = request(ctStudyUid());
  r.node.retrieve = workflow::RetrieveMethod::Move;
  r.node.moveDestinationPort = static_cast<quint16>(port);
  const auto report = workflow::retrieveFromNode(r);
  EXPECT_EQ(report.method, "C-MOVE");
  EXPECT_EQ(static_cast<int>(report.transfer.stored), uploaded);
  EXPECT_EQ(report.indexedInstances, uploaded);
}

TEST_F(Dimse, MoveToADestinationTheArchiveDoesNotKnowIsAClearError) {
  auto r = request(ctStudyUid());
  r.node.retrieve = workflow::RetrieveMethod::Move;
  r.node.moveDestinationPort = static_cast<quint16>(closedPort());
  r.node.dimse.callingAeTitle = "UNKNOWNAE";
  try {
    workflow::retrieveFromNode(r);
    FAIL() << "a move to an unknown AE title succeeded";
  } catch (const NetworkError& e) {
    EXPECT_NE(std::string(e.what()).find("UNKNOWNAE"), std::string::npos) << e.what();
  }
}

TEST_F(Dimse, StoreSendsAndTheArchiveListsTheInstance) {
  SyntheticSeries spec;
  spec.patientId = "NBRA-SEND-1";
  spec.patientName = "SEND^TEST";
  spec.slices = 3;
  const auto files = writeSeries(fs::path(dir.path().toStdString()) / "send", spec);
  std::vector<QString> paths;
  QStringList list;
  for (const auto& f : files)
    list << QString::fromStdString(f.string());
  list << dir.filePath("not-there.dcm");
  const auto result = workflow::sendToNode(node, list);
  EXPECT_EQ(result.sent, files.size());
  ASSERT_EQ(result.failures.size(), 1u);  // the missing file, named
  EXPECT_NE(result.failures[0].file.find("not-there.dcm"), std::string::npos);
  dicom::net::QueryFilter f;
  f.patientId = "NBRA-SEND-1";
  EXPECT_EQ(workflow::queryNode(node, QueryLevel::Study, f).size(), 1u);
}

TEST_F(Dimse, WrongCalledAeTitleIsRejectedByName) {
  node.dimse.calledAeTitle = "NOTORTHANC";
  try {
    workflow::echoNode(node);
    FAIL() << "the association was accepted";
  } catch (const NetworkError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("rejected the association"), std::string::npos) << message;
    EXPECT_NE(message.find("NOTORTHANC"), std::string::npos) << message;
  }
}

TEST_F(Dimse, ArchiveKilledMidRetrieveKeepsWholeFilesAndARepeatCompletesIt) {
  const std::string study = ctStudyUid();
  auto r = request(study);
  const std::size_t killAfter = 20;
  r.onProgress = [&](const dicom::net::RetrieveProgress& p) {
    if (p.received == killAfter)
      server.kill();
  };
  EXPECT_THROW(workflow::retrieveFromNode(r), NetworkError);
  const fs::path store = dir.filePath("store").toStdString();
  EXPECT_EQ(filesBelow(store / ".incoming"), 0u) << "a half-received file was left behind";
  const std::size_t kept = filesBelow(store);
  EXPECT_GE(kept, killAfter);
  EXPECT_LT(static_cast<int>(kept), uploaded);
  // Every kept file is whole: it reads through the structure check to its pixel data.
  for (const auto& entry : fs::recursive_directory_iterator(store)) {
    if (!entry.is_regular_file())
      continue;
    DcmFileFormat file;
    EXPECT_TRUE(dicom::loadDicomFile(file, entry.path().string()).good()) << entry.path();
  }
  {
    dicom::ImageIndex index(dir.filePath("index.sqlite").toStdString());
    EXPECT_EQ(index.countAll().instances, static_cast<int>(kept)) << "what arrived is indexed";
  }
  std::string why;
  ASSERT_TRUE(server.start(&why)) << why;
  const auto rest = workflow::retrieveFromNode(request(study));
  EXPECT_EQ(rest.transfer.stored + kept, static_cast<std::size_t>(uploaded));
  EXPECT_EQ(rest.transfer.duplicates, kept);
  EXPECT_EQ(static_cast<int>(filesBelow(store)), uploaded);
  dicom::ImageIndex index(dir.filePath("index.sqlite").toStdString());
  EXPECT_EQ(index.countAll().instances, uploaded);
}

TEST_F(Dimse, CancelStopsWithinASecondAndKeepsWhatArrived) {
  auto r = request(ctStudyUid());
  CancelAfter cancel(r, 10);
  const auto report = workflow::retrieveFromNode(r);
  EXPECT_LT(cancel.secondsSinceCancel(), 1.0);
  EXPECT_TRUE(report.transfer.cancelled);
  EXPECT_EQ(report.transfer.stored, 10u);
  EXPECT_EQ(report.indexedInstances, 10);
  EXPECT_EQ(filesBelow(fs::path(dir.filePath("store").toStdString()) / ".incoming"), 0u);
}

TEST(DimseFaults, ClosedPortFailsFastNamingTheNode) {
  dicom::net::DimseNode node;
  node.name = "closed";
  node.calledAeTitle = "ANY";
  node.host = "127.0.0.1";
  node.port = static_cast<std::uint16_t>(closedPort());
  node.connectTimeout = node.acseTimeout = node.dimseTimeout = std::chrono::seconds(3);
  const auto start = Clock::now();
  try {
    dicom::net::DimseClient(node).echo();
    FAIL() << "echo to a closed port succeeded";
  } catch (const NetworkError& e) {
    EXPECT_NE(std::string(e.what()).find("'closed'"), std::string::npos) << e.what();
  }
  EXPECT_LT(secondsSince(start), 5.0);
}

TEST(DimseFaults, APeerThatNeverAnswersEndsWithinTheTimeout) {
  SilentListener silent;
  dicom::net::DimseNode node;
  node.name = "silent";
  node.calledAeTitle = "ANY";
  node.host = "127.0.0.1";
  node.port = static_cast<std::uint16_t>(silent.port());
  node.connectTimeout = node.acseTimeout = node.dimseTimeout = std::chrono::seconds(2);
  const auto start = Clock::now();
  try {
    dicom::net::DimseClient(node).echo();
    FAIL() << "echo to a silent peer succeeded";
  } catch (const NetworkError& e) {
    EXPECT_NE(std::string(e.what()).find("silent"), std::string::npos) << e.what();
  }
  const double elapsed = secondsSince(start);
  EXPECT_GE(elapsed, 1.5);
  EXPECT_LT(elapsed, 6.0);
}

TEST(DimseFaults, AnUnusableNodeIsRefusedBeforeConnecting) {
  dicom::net::DimseNode node;
  node.calledAeTitle = "THIS-AE-TITLE-IS-TOO-LONG";
  node.host = "127.0.0.1";
  EXPECT_THROW(dicom::net::DimseClient{node}, NetworkError);
}

TEST(InstanceSinkTest, RefusesAFileWhoseUidsWouldEscapeTheFolder) {
  QTemporaryDir dir;
  dicom::net::InstanceSink sink(dir.filePath("store").toStdString());
  SyntheticSeries spec;
  spec.slices = 1;
  spec.studyUid = "1.2.3/../../evil";
  const auto files = writeSeries(fs::path(dir.path().toStdString()) / "in", spec);
  const std::string incoming = sink.reserveIncomingPath();
  fs::copy_file(files[0], incoming);
  const auto r = sink.accept(incoming);
  EXPECT_EQ(r.outcome, dicom::net::SinkOutcome::Refused);
  EXPECT_FALSE(fs::exists(incoming));
  EXPECT_FALSE(fs::exists(dir.filePath("evil").toStdString()));
}

}  // namespace
}  // namespace nbra::testing

namespace nbra::testing {
namespace {

// A PDF report filed in the study it speaks of, checked by dciodvfy (dicom3tools) and listed by
// the archive in that study.
TEST_F(Dimse, PdfReportIsSentAsAnEncapsulatedPdfInTheImagesStudy) {
  const QString pdf = dir.filePath("report.pdf");
  {
    QFile f(pdf);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");  // odd length on purpose
  }
  const fs::path reference = *fs::directory_iterator(syntheticBaseline() / "CT");
  const fs::path wrapped = fs::path(dir.path().toStdString()) / "report.dcm";
  dicom::writeEncapsulatedPdf(pdf.toStdString(), reference.string(), "NBRA report",
                              wrapped.string());
  const int checked = std::system(
      ("dciodvfy '" + wrapped.string() + "' > '" + wrapped.string() + ".txt' 2>&1").c_str());
  (void)checked;
  QFile report(QString::fromStdString(wrapped.string() + ".txt"));
  ASSERT_TRUE(report.open(QIODevice::ReadOnly));
  const QString findings = QString::fromUtf8(report.readAll());
  EXPECT_FALSE(findings.contains("Error")) << findings.toStdString();

  const auto result =
      workflow::sendPdfReport(node, pdf, QString::fromStdString(reference.string()));
  EXPECT_EQ(result.sent, 1u);
  dicom::net::QueryFilter f;
  f.studyInstanceUid = ctStudyUid();
  const auto series = workflow::queryNode(node, QueryLevel::Series, f);
  EXPECT_TRUE(std::any_of(series.begin(), series.end(),
                          [](const dicom::net::QueryMatch& m) { return m.modality == "DOC"; }));
}

TEST(EncapsulatedPdfTest, RefusesWhatIsNotAPdfNamingTheFile) {
  QTemporaryDir dir;
  const QString notPdf = dir.filePath("notes.txt");
  QFile f(notPdf);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("just text");
  f.close();
  SyntheticSeries spec;
  spec.slices = 1;
  const auto files = writeSeries(fs::path(dir.path().toStdString()) / "ref", spec);
  try {
    dicom::writeEncapsulatedPdf(notPdf.toStdString(), files[0].string(), "t",
                                dir.filePath("out.dcm").toStdString());
    FAIL() << "a text file was wrapped as a PDF";
  } catch (const dicom::EncapsulatedPdfError& e) {
    EXPECT_NE(std::string(e.what()).find("notes.txt: is not a PDF"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.filePath("out.dcm").toStdString()));
}

}  // namespace
}  // namespace nbra::testing

namespace nbra::testing {
namespace {

// DIMSE over TLS: the archive's certificate verified against the node's trusted file; another
// certificate is refused by name, and a plain association to a TLS port does not pass.
TEST(DimseTls, TheArchiveIsVerifiedAgainstTheTrustedCertificate) {
  OrthancOptions options;
  options.dicomTls = true;
  OrthancServer server(options);
  NBRA_START_ORTHANC_OR_SKIP(server);
  workflow::RemoteNode node = dimseNode(server, 5);
  node.dimse.tls.enabled = true;
  node.dimse.tls.trustedCertificatesFile = server.certificatePath();
  EXPECT_NO_THROW(workflow::echoNode(node));

  QTemporaryDir dir;
  const QString other = dir.filePath("other.pem");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=other "
                         "-keyout '" +
                         dir.filePath("k.pem").toStdString() + "' -out '" + other.toStdString() +
                         "' >/dev/null 2>&1")
                            .c_str()),
            0);
  node.dimse.tls.trustedCertificatesFile = other.toStdString();
  try {
    workflow::echoNode(node);
    FAIL() << "an unverifiable archive was accepted";
  } catch (const NetworkError& e) {
    EXPECT_NE(std::string(e.what()).find("TLS certificate cannot be verified"), std::string::npos)
        << e.what();
  }
  node.dimse.tls.enabled = false;
  EXPECT_THROW(workflow::echoNode(node), NetworkError);
}

}  // namespace
}  // namespace nbra::testing

namespace nbra::testing {
namespace {

// The real CT of the shared data set (GE, gantry tilt) through both protocols: every instance
// comes back with the same pixel data bytes it went in with.
std::map<std::string, std::string> pixelDataBySop(const std::vector<fs::path>& files) {
  std::map<std::string, std::string> out;
  for (const auto& path : files) {
    DcmFileFormat file;
    if (dicom::loadDicomFile(file, path.string()).bad())
      continue;
    DcmDataset& ds = *file.getDataset();
    ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    OFString sop;
    ds.findAndGetOFString(DCM_SOPInstanceUID, sop);
    const Uint8* pixels = nullptr;
    unsigned long count = 0;
    if (ds.findAndGetUint8Array(DCM_PixelData, pixels, &count).good() && pixels) {
      out[sop.c_str()] = std::string(reinterpret_cast<const char*>(pixels), count);
    } else {
      const Uint16* words = nullptr;
      ds.findAndGetUint16Array(DCM_PixelData, words, &count);
      out[sop.c_str()] =
          words ? std::string(reinterpret_cast<const char*>(words), count * 2) : std::string();
    }
  }
  return out;
}

std::vector<fs::path> regularFiles(const fs::path& folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.is_regular_file() && e.path().parent_path().filename() != ".incoming") {
      out.push_back(e.path());
    }
  }
  return out;
}

TEST(RealCt, ComesBackIdenticalByCGetAndByWado) {
  const auto shared = sharedDataDir();
  if (!shared || !fs::exists(*shared / "dcm_qa_ct-ge-gantry-tilt")) {
    GTEST_SKIP() << "shared data set absent: " << sharedDataExpectedPath();
  }
  const fs::path source = *shared / "dcm_qa_ct-ge-gantry-tilt";
  OrthancServer server;
  NBRA_START_ORTHANC_OR_SKIP(server);
  std::string error;
  const int uploaded = server.uploadFolder(source.string(), &error);
  ASSERT_GT(uploaded, 0) << error;
  const auto original = pixelDataBySop(regularFiles(source));
  ASSERT_EQ(static_cast<int>(original.size()), uploaded);

  QTemporaryDir dir;
  for (const auto& node : {dimseNode(server), webNode(server)}) {
    dicom::net::QueryFilter f;
    const auto studies = workflow::queryNode(node, QueryLevel::Study, f);
    ASSERT_EQ(studies.size(), 1u) << node.name.toStdString();
    workflow::RetrieveRequest r;
    r.node = node;
    r.targets = {{studies[0].studyInstanceUid, {}}};
    r.storeDir = dir.filePath(node.name);
    r.indexPath = dir.filePath(node.name + ".sqlite");
    const auto report = workflow::retrieveFromNode(r);
    EXPECT_EQ(static_cast<int>(report.transfer.stored), uploaded) << node.name.toStdString();
    EXPECT_EQ(report.indexedInstances, uploaded);
    const auto back = pixelDataBySop(regularFiles(r.storeDir.toStdString()));
    EXPECT_EQ(back.size(), original.size());
    for (const auto& [sop, pixels] : original) {
      const auto it = back.find(sop);
      ASSERT_NE(it, back.end()) << sop;
      EXPECT_TRUE(it->second == pixels)
          << "pixel data differ for " << sop << " by " << node.name.toStdString();
    }
  }
}

}  // namespace
}  // namespace nbra::testing

namespace nbra::testing {
namespace {

// Every file that once broke NBRA, arriving as a retrieved instance or offered for sending: it is
// kept whole or refused with a reason, never a crash, and a refused one leaves nothing behind.
TEST(HostileInputsOverTheNetwork, AreKeptOrRefusedWithAReason) {
  const auto hostile = hostileInputsDir();
  if (!hostile)
    GTEST_SKIP() << "hostile inputs absent: " << hostileInputsExpectedPath();
  QTemporaryDir dir;
  dicom::net::InstanceSink sink(dir.filePath("store").toStdString());
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(*hostile)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md")
      continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    const std::string incoming = sink.reserveIncomingPath();
    fs::copy_file(entry.path(), incoming);
    const auto r = sink.accept(incoming);
    if (r.outcome == dicom::net::SinkOutcome::Refused) {
      EXPECT_FALSE(r.reason.empty());
      EXPECT_FALSE(fs::exists(incoming));
    } else {
      EXPECT_TRUE(fs::exists(r.path));
    }
    (void)dicom::net::sendableProblem(entry.path().string());  // must return, not crash
  }
  EXPECT_GT(files, 0);
  EXPECT_TRUE(fs::is_empty(dir.filePath("store/.incoming").toStdString()));
}

}  // namespace
}  // namespace nbra::testing

namespace nbra::testing {
namespace {

// More answers than wanted, or Stop: the query ends with a C-CANCEL, the association is aborted,
// and the next query on the same archive works.
TEST_F(Dimse, AQueryStopsAtTheLimitOrWhenCancelled) {
  dicom::net::QueryFilter f;
  f.studyInstanceUid = ctStudyUid();
  f.seriesInstanceUid = workflow::queryNode(node, QueryLevel::Series, f).at(0).seriesInstanceUid;
  bool truncated = false;
  const auto five = dicom::net::DimseClient(node.dimse).find(QueryLevel::Image, f, 5, &truncated);
  EXPECT_EQ(five.size(), 5u);
  EXPECT_TRUE(truncated);

  std::atomic<bool> cancel{true};
  const auto start = std::chrono::steady_clock::now();
  const auto stopped = workflow::queryNode(node, QueryLevel::Image, f, 5000, &cancel);
  EXPECT_LE(stopped.size(), 1u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);

  EXPECT_EQ(static_cast<int>(workflow::queryNode(node, QueryLevel::Image, f).size()), uploaded);
}

}  // namespace
}  // namespace nbra::testing
