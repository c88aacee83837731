#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <string>

#include "dicom/sr/MeasurementReport.h"
#include "dicom/sr/ReferencedImage.h"
#include "records/store/RecordTypes.h"

namespace nbra::workflow {

// Finds a referenced image by SOP Instance UID and frame (1-based, 0 for none), or nullopt when
// it is not known. Throws dicom::SrError when it is known but unreadable.
using ImageFinder =
    std::function<std::optional<dicom::ReferencedImage>(const std::string& uid, int frame)>;

// The lesions of a read as measurement groups. Caliper ends in patient mm become SCOORD pixel
// coordinates on the image they were drawn on; an end further from that image's plane than half
// its slice thickness (at least 0.5 mm) cannot be drawn on it, and the measurement is written
// without coordinates, with a warning. Throws dicom::SrError naming the lesion when its image
// is not in the index.
std::vector<dicom::SrLesion> lesionsOfRead(const records::ReadContent& read,
                                           const ImageFinder& findImage, QStringList& warnings);

// The read content of an imported report: lesions (with caliper ends back in patient mm when
// the image is found), the rows `record assess` rules on. Throws dicom::SrError naming `file` and
// the lesion when something the rules need is missing (slice thickness, organ).
records::ReadContent readOfReport(const dicom::MeasurementReport& report,
                                  const ImageFinder& findImage, const std::string& file);

}  // namespace nbra::workflow
