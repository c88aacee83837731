#include "dicom/nm/NmViews.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/codecs/TagValues.h"
#include "dicom/volume/FrameHeaders.h"
#include "dicom/volume/PixelDecoder.h"
#include "dicom/volume/VolumeLoader.h"

namespace nbra::dicom {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// Anterior / posterior projection codes (PS3.16 CID 26): SRT and SNOMED CT forms.
NmViewLabel labelFromCode(const std::string& code, const std::string& meaning) {
  if (code == "G-5215" || code == "399321004")
    return NmViewLabel::Anterior;
  if (code == "G-5216" || code == "399001007")
    return NmViewLabel::Posterior;
  const std::string m = upper(meaning);
  if (m.find("POSTERIOR") != std::string::npos)
    return NmViewLabel::Posterior;
  if (m.find("ANTERIOR") != std::string::npos)
    return NmViewLabel::Anterior;
  return NmViewLabel::Other;
}

// Start Angle: 0 degrees at the patient's back, so a detector at about 0 sees the posterior,
// at about 180 the anterior (clinical rules 6.1, derived). Oblique angles decide nothing.
NmViewLabel labelFromAngle(double degrees) {
  double a = std::fmod(degrees, 360.0);
  if (a < 0)
    a += 360.0;
  if (std::abs(a - 180.0) <= 30.0)
    return NmViewLabel::Anterior;
  if (a <= 30.0 || a >= 330.0)
    return NmViewLabel::Posterior;
  return NmViewLabel::Other;
}

bool hasWord(const std::string& haystack, const std::string& word) {
  std::size_t at = 0;
  while ((at = haystack.find(word, at)) != std::string::npos) {
    const bool startOk = at == 0 || !std::isalpha(static_cast<unsigned char>(haystack[at - 1]));
    const std::size_t end = at + word.size();
    const bool endOk =
        end >= haystack.size() || !std::isalpha(static_cast<unsigned char>(haystack[end]));
    if (startOk && endOk)
      return true;
    at = end;
  }
  return false;
}

NmViewLabel labelFromText(const std::string& description) {
  const std::string t = upper(description);
  const bool anterior = hasWord(t, "ANT") || hasWord(t, "ANTERIOR");
  const bool posterior = hasWord(t, "POST") || hasWord(t, "POSTERIOR") || hasWord(t, "PST");
  if (anterior == posterior)
    return NmViewLabel::Other;  // neither, or both (e.g. "ANT/POST")
  return anterior ? NmViewLabel::Anterior : NmViewLabel::Posterior;
}

// Per-frame vector values (1-based); 0 where the vector is missing, short or out of range, so a
// frame is never silently assigned to detector 1.
std::vector<int> vectorValues(DcmItem& d, const DcmTagKey& tag, int frames, int highest) {
  // One lookup for the whole array: a lookup per frame costs a dataset search each.
  const Uint16* array = nullptr;
  unsigned long count = 0;
  if (d.findAndGetUint16Array(tag, array, &count).bad())
    array = nullptr;
  std::vector<int> values;
  for (int f = 0; f < frames; ++f) {
    const bool ok = array && static_cast<unsigned long>(f) < count;
    const int v = ok ? array[f] : 0;
    values.push_back(v >= 1 && v <= highest ? v : 0);
  }
  return values;
}

}  // namespace

const char* toString(NmViewLabel label) {
  switch (label) {
    case NmViewLabel::Anterior:
      return "anterior";
    case NmViewLabel::Posterior:
      return "posterior";
    case NmViewLabel::Other:
      return "other";
  }
  return "other";
}

std::vector<NmView> readNmViews(const std::vector<std::string>& files) {
  ensureDcmtkReady();
  std::vector<NmView> views;
  for (const auto& path : files) {
    DcmFileFormat file;
    loadWithoutBulkData(file, path);
    DcmDataset& d = *file.getDataset();
    if (tagText(d, DCM_Modality) != "NM")
      continue;
    const std::string imageType = upper(tagText(d, DCM_ImageType));
    if (imageType.find("TOMO") != std::string::npos)
      continue;  // SPECT: a volume, not views
    // The frame headers first: they check the announced frame count against the pixel data and
    // the resource policy before anything is done once per frame.
    const auto headers = readFrameHeaders(path);
    const int frames = static_cast<int>(headers.size());
    DcmSequenceOfItems* detectorItems = nullptr;
    d.findAndGetSequence(DCM_DetectorInformationSequence, detectorItems);
    const int detectorCount = detectorItems ? static_cast<int>(detectorItems->card()) : 0;
    // A single-frame object with no vector has one detector and one window.
    auto detectors = vectorValues(d, DCM_DetectorVector, frames, std::max(detectorCount, 1));
    auto windows = vectorValues(d, DCM_EnergyWindowVector, frames, 65535);
    if (frames == 1 && !d.tagExists(DCM_DetectorVector))
      detectors = {1};
    if (frames == 1 && !d.tagExists(DCM_EnergyWindowVector))
      windows = {1};
    const std::string description =
        tagText(d, DCM_SeriesDescription) + " " + tagText(d, DCM_ImageComments);

    for (int f = 0; f < frames; ++f) {
      NmView v;
      v.path = path;
      v.frame = f;
      v.detector = detectors[static_cast<std::size_t>(f)];
      v.energyWindow = windows[static_cast<std::size_t>(f)];
      v.wholeBody = imageType.find("WHOLE BODY") != std::string::npos;
      const FrameHeader& h = headers[static_cast<std::size_t>(f)];
      v.rows = h.rows;
      v.columns = h.columns;
      v.rowSpacingMm = h.rowSpacingMm;
      v.columnSpacingMm = h.columnSpacingMm;
      v.actualFrameDurationMs = h.actualFrameDurationMs;
      v.seriesInstanceUid = h.seriesInstanceUid;
      v.sopClassUid = h.sopClassUid;

      DcmItem* detector = nullptr;
      if (v.detector >= 1) {
        d.findAndGetSequenceItem(DCM_DetectorInformationSequence, detector, v.detector - 1);
      }
      DcmItem* viewCode = nullptr;
      if (detector)
        detector->findAndGetSequenceItem(DCM_ViewCodeSequence, viewCode, 0);
      Float64 angle = 0;
      if (viewCode) {
        const std::string code = tagText(*viewCode, DCM_CodeValue);
        const std::string meaning = tagText(*viewCode, DCM_CodeMeaning);
        v.label = labelFromCode(code, meaning);
        v.labelEvidence = code + " " + meaning;
        if (v.label != NmViewLabel::Other)
          v.labelSource = "View Code Sequence";
      }
      if (v.label == NmViewLabel::Other && detector &&
          detector->findAndGetFloat64(DCM_StartAngle, angle).good()) {
        v.label = labelFromAngle(angle);
        v.labelEvidence = "StartAngle " + std::to_string(angle);
        if (v.label != NmViewLabel::Other)
          v.labelSource = "Start Angle";
      }
      // Text describes the whole file: it can only label a view when the file holds one
      // detector's frames.
      const bool oneDetector =
          std::all_of(detectors.begin(), detectors.end(),
                      [&](int x) { return x >= 1 && x == detectors.front(); }) ||
          frames == 1;
      if (v.label == NmViewLabel::Other && oneDetector) {
        v.label = labelFromText(description);
        if (v.label != NmViewLabel::Other) {
          v.labelSource = "description";
          v.labelEvidence = description;
        }
      }
      if (v.label == NmViewLabel::Other)
        v.labelSource = "unknown";
      views.push_back(std::move(v));
    }
  }
  return views;
}

PlanarImage loadNmView(const NmView& view) {
  const auto headers = readFrameHeaders(view.path);
  if (view.frame >= static_cast<int>(headers.size())) {
    throw VolumeError(view.path + ": frame " + std::to_string(view.frame + 1) + " does not exist");
  }
  PlanarImage image;
  image.width = view.columns;
  image.height = view.rows;
  image.rowSpacingMm = view.rowSpacingMm;
  image.columnSpacingMm = view.columnSpacingMm;
  image.values.resize(static_cast<std::size_t>(view.columns) * static_cast<std::size_t>(view.rows));
  std::vector<FrameTarget> targets(1);
  targets[0].frame = view.frame;
  targets[0].header = &headers[static_cast<std::size_t>(view.frame)];
  targets[0].float32 = true;
  targets[0].destination = image.values.data();
  decodeFrames(view.path, targets);
  return image;
}

PlanarImage geometricMean(const PlanarImage& anterior, const PlanarImage& posterior,
                          double anteriorDurationMs, double posteriorDurationMs,
                          int posteriorRowOffset) {
  if (anterior.width != posterior.width || anterior.height != posterior.height) {
    throw VolumeError("geometric mean needs views of one size: anterior " +
                      std::to_string(anterior.width) + "x" + std::to_string(anterior.height) +
                      ", posterior " + std::to_string(posterior.width) + "x" +
                      std::to_string(posterior.height));
  }
  const double scale = anteriorDurationMs > 0 && posteriorDurationMs > 0
                           ? anteriorDurationMs / posteriorDurationMs
                           : 1.0;
  PlanarImage out = anterior;
  for (int y = 0; y < anterior.height; ++y) {
    const int py = y + posteriorRowOffset;
    for (int x = 0; x < anterior.width; ++x) {
      double p = 0;
      if (py >= 0 && py < posterior.height) {
        p = posterior.at(posterior.width - 1 - x, py) * scale;  // seen from the front
      }
      const double a = anterior.at(x, y);
      out.values[static_cast<std::size_t>(y * anterior.width + x)] =
          static_cast<float>(a > 0 && p > 0 ? std::sqrt(a * p) : 0.0);
    }
  }
  return out;
}

}  // namespace nbra::dicom
