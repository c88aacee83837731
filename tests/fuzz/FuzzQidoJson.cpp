// QIDO-RS answers (DICOM JSON) from a DICOMweb server: whatever the server sends becomes matches
// or a NetworkError, never a crash, a hang or a trusted number.
#include <QByteArray>

#include "dicom/net/DimseNode.h"
#include "workflow/net/DicomWebClient.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  for (auto level : {nbra::dicom::net::QueryLevel::Study, nbra::dicom::net::QueryLevel::Series}) {
    try {
      (void)nbra::workflow::parseQidoJson(body, level, "fuzz");
    } catch (const nbra::dicom::net::NetworkError&) {
    }
  }
  return 0;
}
