#include "dicom/volume/PixelDecoder.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/SafeLoad.h"
#include "dicom/volume/GdcmFallback.h"
#include "dicom/volume/Jpeg2000Header.h"
#include "dicom/volume/VolumeLoader.h"

namespace nbra::dicom {
namespace {

// Stored value of one sample: masked to BitsStored, sign-extended when PixelRepresentation is 1.
template <typename Raw>
inline double storedValue(Raw raw, int bitsStored, bool isSigned) {
  using Wide = std::uint64_t;
  const Wide mask = bitsStored >= 64 ? ~Wide{0} : ((Wide{1} << bitsStored) - 1);
  Wide value = static_cast<Wide>(raw) & mask;
  if (isSigned && bitsStored < 64 && (value >> (bitsStored - 1)) & 1u) {
    return static_cast<double>(static_cast<std::int64_t>(value | ~mask));
  }
  return static_cast<double>(value);
}

template <typename Raw>
void convertFrame(const Raw* source, std::size_t count, const FrameTarget& target) {
  const FrameHeader& h = *target.header;
  const bool isSigned = h.pixelRepresentation == 1;
  const double slope = h.rescaleSlope;
  const double intercept = h.rescaleIntercept;
  if (target.float32) {
    auto* out = static_cast<float*>(target.destination);
    for (std::size_t i = 0; i < count; ++i) {
      out[i] =
          static_cast<float>(storedValue(source[i], h.bitsStored, isSigned) * slope + intercept);
    }
  } else {
    // The loader chose int16 only where slope is 1, the intercept whole and the range fits.
    auto* out = static_cast<std::int16_t*>(target.destination);
    const auto offset = static_cast<std::int64_t>(intercept);
    bool overflow = false;
    for (std::size_t i = 0; i < count; ++i) {
      const std::int64_t v =
          static_cast<std::int64_t>(storedValue(source[i], h.bitsStored, isSigned)) + offset;
      overflow |= v < std::numeric_limits<std::int16_t>::min() ||
                  v > std::numeric_limits<std::int16_t>::max();
      out[i] = static_cast<std::int16_t>(std::clamp<std::int64_t>(v, -32768, 32767));
    }
    if (overflow && target.overflowed)
      *target.overflowed = true;
  }
}

bool isJpeg2000(const std::string& transferSyntax) {
  return transferSyntax == "1.2.840.10008.1.2.4.90" || transferSyntax == "1.2.840.10008.1.2.4.91";
}

// A temporary file removed when it goes out of scope.
struct TemporaryFile {
  std::string path;
  TemporaryFile() {
    static std::atomic<unsigned> counter{0};
    path = (std::filesystem::temp_directory_path() /
            ("nbra-j2k-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".dcm"))
               .string();
  }
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
};

std::string decimalString(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.9g", value);  // DS holds 16 characters
  return text;
}

// GDCM's own parser asserts, or allocates whatever a length claims, on malformed files (found by
// fuzzing): it never sees the file as it came. It gets a copy written by DCMTK holding only what
// decoding needs, with values already checked: the image pixel module, the rescale, and the
// encapsulated pixel data as they were.
void writeCleanCopy(DcmDataset& original, DcmElement& pixels, const FrameHeader& h,
                    const std::string& path, const std::string& copyPath) {
  DcmFileFormat clean;
  DcmDataset& c = *clean.getDataset();
  char uid[100];
  c.putAndInsertString(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
  c.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
  c.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(h.rows));
  c.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(h.columns));
  c.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  c.putAndInsertString(DCM_PhotometricInterpretation,
                       h.photometric == "MONOCHROME1" ? "MONOCHROME1" : "MONOCHROME2");
  c.putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(h.bitsAllocated));
  c.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(h.bitsStored));
  c.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(h.bitsStored - 1));
  c.putAndInsertUint16(DCM_PixelRepresentation, h.pixelRepresentation == 1 ? 1 : 0);
  c.putAndInsertString(DCM_NumberOfFrames, std::to_string(h.framesInFile).c_str());
  c.putAndInsertString(DCM_RescaleSlope, decimalString(h.rescaleSlope).c_str());
  c.putAndInsertString(DCM_RescaleIntercept, decimalString(h.rescaleIntercept).c_str());
  c.insert(static_cast<DcmElement*>(pixels.clone()), true);
  const OFCondition saved = clean.saveFile(copyPath.c_str(), original.getOriginalXfer());
  if (saved.bad()) {
    throw VolumeError(path +
                      ": cannot prepare the JPEG 2000 pixel data for decoding: " + saved.text());
  }
}

// The JPEG 2000 decoders trust the codestream: one wider or taller than Rows x Columns corrupts
// the heap, a narrower one gives wrong values silently. So every codestream's own size must be
// the header's before any is decoded; then the clean copy GDCM decodes is written.
void checkJpeg2000Codestreams(const std::string& path, const FrameHeader& h,
                              const std::string& copyPath) {
  DcmFileFormat file;
  const OFCondition status = loadDicomFile(file, path);
  if (status.bad())
    throw VolumeError(path + ": cannot read pixel data: " + status.text());
  DcmDataset& d = *file.getDataset();
  DcmElement* element = nullptr;
  DcmPixelSequence* fragments = nullptr;
  if (d.findAndGetElement(DCM_PixelData, element).bad() || !element ||
      static_cast<DcmPixelData*>(element)
          ->getEncapsulatedRepresentation(d.getOriginalXfer(), nullptr, fragments)
          .bad() ||
      !fragments) {
    throw VolumeError(path + ": JPEG 2000 transfer syntax but no encapsulated pixel data");
  }
  int codestreams = 0;
  for (unsigned long i = 1; i < fragments->card(); ++i) {  // item 0: the offset table
    DcmPixelItem* item = nullptr;
    Uint8* bytes = nullptr;
    if (fragments->getItem(item, i).bad() || !item || item->getUint8Array(bytes).bad())
      continue;
    const auto size = readJpeg2000Size(bytes, item->getLength());
    if (!size)
      continue;  // a continuation fragment of the previous frame
    ++codestreams;
    const bool matches = size->width == static_cast<std::uint32_t>(h.columns) &&
                         size->height == static_cast<std::uint32_t>(h.rows) &&
                         size->components == h.samplesPerPixel &&
                         size->precisionBits <= h.bitsAllocated;
    if (!matches) {
      throw VolumeError(path + ": JPEG 2000 codestream " + std::to_string(codestreams) + " is " +
                        std::to_string(size->width) + "x" + std::to_string(size->height) + ", " +
                        std::to_string(size->components) + " component(s) of " +
                        std::to_string(size->precisionBits) + " bits, but the header says " +
                        std::to_string(h.columns) + "x" + std::to_string(h.rows) + ", " +
                        std::to_string(h.samplesPerPixel) + " sample(s) of " +
                        std::to_string(h.bitsAllocated) + " bits allocated; not decoded");
    }
  }
  if (codestreams < h.framesInFile) {
    throw VolumeError(path + ": " + std::to_string(codestreams) +
                      " JPEG 2000 codestream(s) found for " + std::to_string(h.framesInFile) +
                      " frame(s); not decoded");
  }
  if (h.samplesPerPixel != 1 || h.bitsStored < 1 || h.bitsStored > h.bitsAllocated ||
      h.bitsAllocated > 16) {
    throw VolumeError(path + ": JPEG 2000 with " + std::to_string(h.samplesPerPixel) +
                      " sample(s) of " + std::to_string(h.bitsStored) + " bits in " +
                      std::to_string(h.bitsAllocated) + ": not a grey-level image NBRA decodes");
  }
  writeCleanCopy(d, *element, h, path, copyPath);
}

void decodeWithGdcm(const std::string& path, std::vector<FrameTarget>& targets) {
  const FrameHeader& first = *targets.front().header;
  const TemporaryFile copy;
  checkJpeg2000Codestreams(path, first, copy.path);
  std::vector<float> values;
  try {
    values = readModalityValuesWithGdcm(copy.path);
  } catch (const VolumeError& e) {
    // GDCM names the copy; the user needs the file.
    throw VolumeError(path + ": JPEG 2000 pixel data cannot be decoded (" + e.what() + ")");
  }
  const std::size_t frameSize = static_cast<std::size_t>(first.rows) * first.columns;
  // After decoding too: exactly the announced frames, not more or fewer.
  if (values.size() != frameSize * static_cast<std::size_t>(first.framesInFile)) {
    throw VolumeError(path + ": GDCM decoded " + std::to_string(values.size()) +
                      " values; the header announces " + std::to_string(first.framesInFile) +
                      " frame(s) of " + std::to_string(first.columns) + "x" +
                      std::to_string(first.rows));
  }
  for (auto& target : targets) {
    const std::size_t start = static_cast<std::size_t>(target.frame) * frameSize;
    if (start + frameSize > values.size()) {
      throw VolumeError(path + ": GDCM decoded fewer frames than the header announces");
    }
    for (std::size_t i = 0; i < frameSize; ++i) {
      const float v = values[start + i];
      if (target.float32) {
        static_cast<float*>(target.destination)[i] = v;
      } else {
        const long rounded = std::lround(v);
        if ((rounded < -32768 || rounded > 32767) && target.overflowed)
          *target.overflowed = true;
        static_cast<std::int16_t*>(target.destination)[i] =
            static_cast<std::int16_t>(std::clamp<long>(rounded, -32768, 32767));
      }
    }
  }
}

}  // namespace

void decodeFrames(const std::string& path, std::vector<FrameTarget>& targets) {
  if (targets.empty()) {
    return;
  }
  ensureDcmtkReady();
  const FrameHeader& h = *targets.front().header;
  if (isJpeg2000(h.transferSyntaxUid)) {
    decodeWithGdcm(path, targets);  // DCMTK has no JPEG 2000 decoder
    return;
  }
  DcmFileFormat file;
  OFCondition status = loadDicomFile(file, path);
  if (status.bad()) {
    throw VolumeError(path + ": cannot read pixel data: " + status.text());
  }
  DcmDataset& d = *file.getDataset();
  if (DcmXfer(d.getOriginalXfer()).isEncapsulated()) {
    status = d.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (status.bad() || !d.canWriteXfer(EXS_LittleEndianExplicit)) {
      throw VolumeError(path + ": cannot decompress " + DcmXfer(d.getOriginalXfer()).getXferName() +
                        ": " + status.text());
    }
  }
  DcmElement* pixels = nullptr;
  if (d.findAndGetElement(DCM_PixelData, pixels).bad() || !pixels) {
    throw VolumeError(path + ": no pixel data");
  }
  const std::size_t frameSize = static_cast<std::size_t>(h.rows) * h.columns;
  const std::size_t needed = frameSize * static_cast<std::size_t>(h.framesInFile);
  const std::size_t bytes = pixels->getLength();
  auto checkLength = [&](std::size_t bytesPerSample) {
    if (bytes < needed * bytesPerSample) {
      throw VolumeError(path + ": pixel data is " + std::to_string(bytes) +
                        " bytes, shorter than " + std::to_string(needed * bytesPerSample) +
                        " for " + std::to_string(h.framesInFile) + " frame(s) of " +
                        std::to_string(h.columns) + "x" + std::to_string(h.rows));
    }
  };
  for (auto& target : targets) {
    const std::size_t offset = static_cast<std::size_t>(target.frame) * frameSize;
    switch (h.bitsAllocated) {
      case 8: {
        Uint8* data = nullptr;
        checkLength(1);
        if (pixels->getUint8Array(data).bad() || !data)
          throw VolumeError(path + ": unreadable pixels");
        convertFrame(data + offset, frameSize, target);
        break;
      }
      case 16: {
        Uint16* data = nullptr;
        checkLength(2);
        if (pixels->getUint16Array(data).bad() || !data)
          throw VolumeError(path + ": unreadable pixels");
        convertFrame(data + offset, frameSize, target);
        break;
      }
      case 32: {
        Uint32* data = nullptr;
        checkLength(4);
        if (pixels->getUint32Array(data).bad() || !data)
          throw VolumeError(path + ": unreadable pixels");
        convertFrame(data + offset, frameSize, target);
        break;
      }
      default:
        throw VolumeError(path + ": BitsAllocated " + std::to_string(h.bitsAllocated) +
                          " is not supported");
    }
  }
}

}  // namespace nbra::dicom
