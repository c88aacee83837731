#include "dicom/preview/PreviewImage.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmimage/diregist.h>  // registers the colour image support
#include <dcmtk/dcmimgle/dcmimage.h>

#include <memory>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/limits/ResourcePolicy.h"

namespace nbra::dicom {
namespace {

std::string transferSyntaxName(DcmFileFormat& file) {
  return DcmXfer(file.getDataset()->getOriginalXfer()).getXferName();
}

}  // namespace

PreviewResult renderPreview(const std::string& path, int frame) {
  ensureDcmtkReady();
  PreviewResult result;
  DcmFileFormat file;
  const OFCondition loaded = loadDicomFile(file, path);
  if (loaded.bad()) {
    result.error = path + ": cannot read file: " + loaded.text();
    return result;
  }
  if (!file.getDataset()->tagExists(DCM_PixelData)) {
    result.error = path + ": no pixel data (not an image object)";
    return result;
  }
  // DCMTK allocates Rows x Columns for the output before it looks at the pixel data.
  Uint16 rows = 0;
  Uint16 columns = 0;
  file.getDataset()->findAndGetUint16(DCM_Rows, rows);
  file.getDataset()->findAndGetUint16(DCM_Columns, columns);
  const int maxSide = resourcePolicy().maxRowsOrColumns;
  if (rows > maxSide || columns > maxSide) {
    result.error = path + ": " + std::to_string(columns) + "x" + std::to_string(rows) +
                   " pixels is larger than the " + std::to_string(maxSide) + " per side allowed";
    return result;
  }
  const E_TransferSyntax xfer = file.getDataset()->getOriginalXfer();
  auto image = std::make_unique<DicomImage>(&file, xfer, CIF_UsePartialAccessToPixelData,
                                            static_cast<unsigned long>(frame), 1);
  if (image->getStatus() != EIS_Normal) {
    result.error = path + ": cannot decode the image (" + transferSyntaxName(file) +
                   "): " + DicomImage::getString(image->getStatus());
    return result;
  }
  PreviewImage& out = result.image;
  out.width = static_cast<int>(image->getWidth());
  out.height = static_cast<int>(image->getHeight());
  if (image->isMonochrome()) {
    if (image->getWindowCount() > 0) {
      image->setWindow(0);
      out.windowSource = "file window";
    } else {
      image->setHistogramWindow(0.01);
      out.windowSource = "histogram";
    }
    out.channels = 1;
  } else {
    out.channels = 3;
    out.windowSource = "colour";
  }
  const unsigned long size = image->getOutputDataSize(8);
  const void* data = image->getOutputData(8, 0, 0);
  if (!data || size != static_cast<unsigned long>(out.width) *
                           static_cast<unsigned long>(out.height) *
                           static_cast<unsigned long>(out.channels)) {
    result.error = path + ": cannot render the image to 8 bits";
    return result;
  }
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out.pixels.assign(bytes, bytes + size);
  return result;
}

}  // namespace nbra::dicom
