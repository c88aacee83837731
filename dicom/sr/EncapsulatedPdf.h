#pragma once

#include <stdexcept>
#include <string>

namespace nbra::dicom {

struct EncapsulatedPdfError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The largest PDF NBRA wraps (a report is a few hundred kilobytes): a named limit, so that a
// wrong file is refused rather than copied into memory whole.
inline constexpr std::size_t kMaxEncapsulatedPdfBytes = 64u * 1024 * 1024;

// Wraps a PDF report as an Encapsulated PDF object (PS3.3 A.45.1) in the study of `reference`
// (any instance of that study: patient and study attributes are copied from it, so the archive
// files the report with the images it speaks of). A new series (modality DOC), Burned In
// Annotation YES (the PDF names the patient). Throws EncapsulatedPdfError naming the file at
// fault: a PDF that is not one, too large, or a reference without a study.
// Returns the new SOP Instance UID.
std::string writeEncapsulatedPdf(const std::string& pdfPath, const std::string& referencePath,
                                 const std::string& documentTitle, const std::string& outPath);

}  // namespace nbra::dicom
