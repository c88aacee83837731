// The node file: what it accepts, what it refuses and how the refusal reads.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "workflow/net/RemoteNode.h"

namespace nbra::workflow {
namespace {

class NodeConfig : public ::testing::Test {
 protected:
  QString write(const QByteArray& text) {
    QFile f(dir.filePath("nodes.json"));
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text);
    return f.fileName();
  }
  std::string refusal(const QByteArray& text) {
    try {
      readNodes(write(text));
    } catch (const NodeConfigError& e) {
      return e.what();
    }
    return "(accepted)";
  }
  QTemporaryDir dir;
};

TEST_F(NodeConfig, MissingFileIsNoNodes) {
  EXPECT_TRUE(readNodes(dir.filePath("none.json")).empty());
}

TEST_F(NodeConfig, RoundTripsBothKinds) {
  const auto nodes = readNodes(write(R"({"nodes": [
    {"name": "pacs", "aeTitle": "PACS", "host": "pacs.example", "port": 11112,
     "retrieve": "move", "moveDestinationPort": 11113,
     "timeoutsSeconds": {"connect": 5}},
    {"name": "web", "protocol": "dicomweb", "url": "https://archive.example/dicom-web/",
     "auth": {"type": "bearer", "secretFile": "/etc/nbra/token"}}]})"));
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].dimse.calledAeTitle, "PACS");
  EXPECT_EQ(nodes[0].dimse.port, 11112);
  EXPECT_EQ(nodes[0].dimse.callingAeTitle, "NBRA");
  EXPECT_EQ(nodes[0].dimse.connectTimeout.count(), 5);
  EXPECT_EQ(nodes[0].retrieve, RetrieveMethod::Move);
  EXPECT_EQ(nodes[1].web.baseUrl, "https://archive.example/dicom-web");
  EXPECT_EQ(nodes[1].web.auth.kind, WebAuth::Kind::Bearer);
  writeNodes(dir.filePath("copy.json"), nodes);
  const auto again = readNodes(dir.filePath("copy.json"));
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(nodeToJson(again[0]), nodeToJson(nodes[0]));
  EXPECT_EQ(nodeToJson(again[1]), nodeToJson(nodes[1]));
}

TEST_F(NodeConfig, RefusalsNameTheFileTheNodeAndTheField) {
  const std::string path = dir.filePath("nodes.json").toStdString();
  auto expectRefused = [&](const QByteArray& text, const std::string& words) {
    const std::string message = refusal(text);
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(words), std::string::npos) << message;
  };
  expectRefused("not json", "is not JSON");
  expectRefused(R"({"nodes": [{"name": "a", "aeTitle": "A", "host": "h", "port": 70000}]})",
                "'port' must be a whole number");
  expectRefused(R"({"nodes": [{"name": "a", "host": "h"}]})", "'aeTitle' is missing");
  // Found by fuzz_nodes_json: a number too large for any integer is refused, not cast.
  expectRefused(R"({"nodes": [{"name": "a", "aeTitle": "A", "host": "h", "port": 4e300}]})",
                "'port' must be a whole number");
  expectRefused(R"({"nodes": [{"name": "a", "aeTitle": "A", "host": "h", "retrieve": "move"}]})",
                "moveDestinationPort");
  expectRefused(R"({"nodes": [{"name": "w", "protocol": "dicomweb", "url": "ftp://x"}]})",
                "http:// or https://");
  expectRefused(R"({"nodes": [{"name": "w", "protocol": "dicomweb", "url": "https://u:p@x/"}]})",
                "must not carry a user or password");
  expectRefused(R"({"nodes": [{"name": "a", "aeTitle": "A", "host": "h"},
                              {"name": "a", "aeTitle": "B", "host": "h"}]})",
                "two nodes are called 'a'");
  expectRefused(R"({"nodes": [{"name": "w", "protocol": "dicomweb", "url": "https://x/",
                              "auth": {"type": "basic", "user": "u", "secretFile": ""}}]})",
                "'secretFile' is empty");
}

TEST_F(NodeConfig, ASecretWrittenInTheFileIsRefusedAndNotRepeated) {
  const std::string message = refusal(R"({"nodes": [{"name": "w", "protocol": "dicomweb",
    "url": "https://x/dicom-web", "auth": {"type": "basic", "user": "u",
    "password": "hunter2"}}]})");
  EXPECT_NE(message.find("'password' must not be written in the node file"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
}

TEST_F(NodeConfig, DescribeNeverShowsASecret) {
  RemoteNode node;
  node.name = "w";
  node.protocol = RemoteNode::Protocol::DicomWeb;
  node.web.baseUrl = "https://x/dicom-web";
  node.web.auth = {WebAuth::Kind::Basic, "user", "/secret/file"};
  EXPECT_EQ(describe(node).toStdString(), "'w' (https://x/dicom-web)");
  EXPECT_FALSE(nodeToJson(node).contains("password"));
}

}  // namespace
}  // namespace nbra::workflow
