#pragma once

namespace nbra::dicom {

// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and quiets DCMTK's own logger (problems reach
// the user through our error messages, which name the file). Safe to call from any thread, any
// number of times; the work is done once.
void ensureDcmtkReady();

}  // namespace nbra::dicom
