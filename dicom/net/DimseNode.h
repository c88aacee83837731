#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace nbra::dicom::net {

// TLS for a DIMSE association (PS3.15 Annex B, BCP 195 profile). Certificates are PEM files.
struct DimseTls {
  bool enabled = false;
  std::string trustedCertificatesFile;  // the peer's certificate or its CA: the peer is verified
  std::string certificateFile;          // ours, when the peer asks for one
  std::string privateKeyFile;
};

// One DICOM application entity NBRA talks to, and how long it waits for it. The timeouts are
// named settings (docs/networking.md): a peer that never answers ends in a clear error, never a
// hang.
struct DimseNode {
  std::string name;  // how the user calls it ("central archive"); in messages
  std::string callingAeTitle = "NBRA";
  std::string calledAeTitle;
  std::string host;
  std::uint16_t port = 104;
  DimseTls tls;
  std::chrono::seconds connectTimeout{10};
  std::chrono::seconds dimseTimeout{30};  // between two messages of one operation
  std::chrono::seconds acseTimeout{10};   // association negotiation and release
};

// Anything that stops a network operation; the message names the node and what failed.
struct NetworkError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Turns off Nagle's algorithm for every DIMSE connection this process makes or accepts, through
// the environment variable DCMTK documents for it (TCP_NODELAY), unless the user set it. Debian's
// DCMTK keeps Nagle on by default, and a C-GET's small C-STORE responses then wait for delayed
// acknowledgements: measured 5.4 s instead of 0.8 s for 116 CT slices. Called by DimseClient and
// StorageScp before they connect; first call wins, safe from any thread.
void preferLowLatencyTcp();

// The node as it appears in messages: "central archive (ORTHANC@127.0.0.1:4242)".
std::string describeNode(const DimseNode& node);

// Empty when the node can be used, otherwise what is wrong with it (AE titles 1-16 characters
// of the default repertoire without backslash, a host, a port).
std::string checkNode(const DimseNode& node);

}  // namespace nbra::dicom::net
