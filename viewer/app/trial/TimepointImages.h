#pragma once

#include <QStringList>
#include <string>
#include <vector>

namespace nbra::dicom {
class ImageIndex;
}

namespace nbra::viewer::trial {

// The files of every NM series of a timepoint's studies (its Study Instance UIDs in the trial
// record), in the image index; the planar reader keeps the whole-body views and ignores the rest
// (SPECT, statics). Missing files are left out; empty when the index has none of the studies.
std::vector<std::string> timepointNmFiles(nbra::dicom::ImageIndex& index,
                                          const QStringList& studyInstanceUids);

}  // namespace nbra::viewer::trial
