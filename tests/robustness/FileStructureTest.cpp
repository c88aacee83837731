// The structure walk that guards DCMTK's recursive parser (dicom/limits/FileStructure): nesting
// caps in every encoding, lengths that run past their container, non-DICOM files left alone,
// and, over every real file we have, agreement with DCMTK itself.

#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "dicom/codecs/DcmtkSetup.h"
#include "dicom/limits/FileStructure.h"
#include "tests/robustness/DicomBytes.h"
#include "tests/support/SharedData.h"

namespace nbra::dicom {
namespace {

namespace fs = std::filesystem;
using testing::DicomBytes;

constexpr const char* kExplicitLe = "1.2.840.10008.1.2.1";
constexpr const char* kImplicitLe = "1.2.840.10008.1.2";
constexpr const char* kDeflated = "1.2.840.10008.1.2.1.99";

std::vector<std::uint8_t> part10With(const std::vector<std::uint8_t>& dataset,
                                     const char* transferSyntax = kExplicitLe) {
  DicomBytes b = DicomBytes::part10(transferSyntax);
  b.bytes.insert(b.bytes.end(), dataset.begin(), dataset.end());
  return b.bytes;
}

std::vector<std::uint8_t> explicitNested(int depth, const char* vr = "SQ") {
  return DicomBytes().explicitShort(0x0008, 0x0060, "CS", "CT").nestedUndefined(depth, vr).bytes;
}

// Implicit VR: (0040,A730) is SQ in the dictionary; every level has undefined lengths.
std::vector<std::uint8_t> implicitNested(int depth) {
  DicomBytes b;
  b.implicitElement(0x0008, 0x0060, "CT");
  for (int i = 0; i < depth; ++i)
    b.tag(0x0040, 0xA730).u32(0xFFFFFFFF).item();
  b.implicitElement(0x0008, 0x0100, "NBRA");
  for (int i = 0; i < depth; ++i)
    b.itemEnd().sequenceEnd();
  return b.bytes;
}

bool refusedForDepth(const std::optional<std::string>& problem) {
  return problem && problem->find("nested more than 64 deep") != std::string::npos;
}

TEST(FileStructure, ExplicitUndefinedLengthNestingIsCappedAtThePolicy) {
  EXPECT_EQ(bytesStructureProblem(part10With(explicitNested(64))), std::nullopt);
  const auto problem = bytesStructureProblem(part10With(explicitNested(65)));
  EXPECT_TRUE(refusedForDepth(problem)) << problem.value_or("accepted");
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(explicitNested(7500)))));
}

TEST(FileStructure, DefinedLengthNestingIsCappedToo) {
  EXPECT_EQ(bytesStructureProblem(part10With(testing::nestedDefined(64))), std::nullopt);
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(testing::nestedDefined(65)))));
}

TEST(FileStructure, ImplicitVrNestingIsCappedUsingTheDictionary) {
  ensureDcmtkReady();
  EXPECT_EQ(bytesStructureProblem(part10With(implicitNested(64), kImplicitLe)), std::nullopt);
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(implicitNested(65), kImplicitLe))));
  // A bare dataset (no preamble, no meta group) is walked the same way.
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(implicitNested(65))));
}

TEST(FileStructure, UndefinedLengthUnIsCountedAsTheSequenceDcmtkReadsItAs) {
  // An explicit UN of undefined length holds implicit VR items (PS3.5 6.2.2).
  DicomBytes b;
  b.explicitShort(0x0008, 0x0060, "CS", "CT").longHeader(0x0029, 0x1010, "UN", 0xFFFFFFFF).item();
  for (int i = 0; i < 70; ++i)
    b.tag(0x0040, 0xA730).u32(0xFFFFFFFF).item();
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(b.bytes))));
}

TEST(FileStructure, AValueThatLooksLikeASequenceIsWalkedAsOne) {
  // A private DCMTK dictionary may parse a UN value that starts like an item as a sequence, so
  // the walk follows it: nesting inside counts, and a broken one is refused, never skipped.
  DicomBytes deep;
  deep.explicitShort(0x0008, 0x0060, "CS", "CT");
  std::vector<std::uint8_t> inner = implicitNested(70);
  inner.erase(inner.begin(), inner.begin() + 10);  // drop the leading (0008,0060) element
  DicomBytes value;
  value.item(static_cast<std::uint32_t>(inner.size()));
  value.bytes.insert(value.bytes.end(), inner.begin(), inner.end());
  deep.longHeader(0x0029, 0x1010, "UN", static_cast<std::uint32_t>(value.bytes.size()));
  deep.bytes.insert(deep.bytes.end(), value.bytes.begin(), value.bytes.end());
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(deep.bytes))));

  DicomBytes broken;
  broken.explicitShort(0x0008, 0x0060, "CS", "CT").longHeader(0x0029, 0x1010, "UN", 12);
  broken.tag(0xFFFE, 0xE000).u32(0x7FFFFFFF).u32(0);  // an "item" longer than the file
  broken.explicitShort(0x0010, 0x0010, "PN", "NAME");
  EXPECT_TRUE(bytesStructureProblem(part10With(broken.bytes)).has_value());

  // A private value that does not start like an item is skipped as bytes.
  DicomBytes plain;
  plain.explicitShort(0x0008, 0x0060, "CS", "CT").longHeader(0x0029, 0x1010, "UN", 4).u32(7);
  EXPECT_EQ(bytesStructureProblem(part10With(plain.bytes)), std::nullopt);
}

TEST(FileStructure, DeflatedDatasetsAreInflatedAndWalked) {
  auto deflated = [](const std::vector<std::uint8_t>& in) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::vector<std::uint8_t> out(compressBound(static_cast<uLong>(in.size())) + 64);
    z.next_in = const_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
  };
  EXPECT_EQ(bytesStructureProblem(part10With(deflated(explicitNested(10)), kDeflated)),
            std::nullopt);
  EXPECT_TRUE(
      refusedForDepth(bytesStructureProblem(part10With(deflated(explicitNested(65)), kDeflated))));
}

TEST(FileStructure, LengthsPastTheirContainerAreRefusedWithThePlace) {
  DicomBytes b;
  b.explicitShort(0x0008, 0x0060, "CS", "CT").tag(0x0010, 0x0010).raw("PN").u16(200).raw("SHORT");
  const auto problem = bytesStructureProblem(part10With(b.bytes));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("(0010,0010) at byte"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("runs past"), std::string::npos) << *problem;

  // An element longer than the item that holds it.
  DicomBytes s;
  s.longHeader(0x0040, 0xA730, "SQ", 18).item(10).explicitShort(0x0008, 0x0100, "SH", "NBRA");
  EXPECT_TRUE(bytesStructureProblem(part10With(s.bytes)).has_value());
  // An item longer than its sequence is read whole, as DCMTK reads such DICOMDIRs.
  DicomBytes longItem;
  longItem.longHeader(0x0040, 0xA730, "SQ", 20).item(28);
  longItem.explicitShort(0x0008, 0x0100, "SH", "NBRA")
      .explicitShort(0x0010, 0x0010, "PN", "NAME1234");
  EXPECT_EQ(bytesStructureProblem(part10With(longItem.bytes)), std::nullopt);
}

// The ways a crafted file could make the walk count less nesting than DCMTK parses: each must
// be refused (or counted) rather than skipped.
TEST(FileStructure, NoReadingSkipsBytesDcmtkWouldParseAsNesting) {
  ensureDcmtkReady();
  // A bare dataset starting with a high group: DCMTK still reads it.
  DicomBytes bare;
  for (int i = 0; i < 70; ++i)
    bare.longHeader(0x0040, 0xA730, "SQ", 0xFFFFFFFF).item();
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(bare.bytes)));

  // An undefined-length UN in group 7FE0 is a sequence to DCMTK, not pixel fragments.
  DicomBytes pixelUn;
  pixelUn.longHeader(0x7FE0, 0x0010, "UN", 0xFFFFFFFF).item();
  for (int i = 0; i < 70; ++i)
    pixelUn.tag(0x0040, 0xA730).u32(0xFFFFFFFF).item();
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(pixelUn.bytes))));

  // An unknown upper-case VR has a 4-byte length for DCMTK: a walk reading 2 would skip.
  DicomBytes unknownVr;
  unknownVr.tag(0x0009, 0x1010).raw("ZZ").u16(0xFFFE).u32(0);  // reserved FE FF, length 0
  const auto nested = explicitNested(70);
  unknownVr.bytes.insert(unknownVr.bytes.end(), nested.begin(), nested.end());
  EXPECT_TRUE(refusedForDepth(bytesStructureProblem(part10With(unknownVr.bytes))));

  // Delimitation tags that are neither item nor delimiter, and delimiters that close nothing.
  DicomBytes oddTag;
  oddTag.tag(0xFFFE, 0x1234).raw("OB").u16(0).u32(2);
  EXPECT_TRUE(bytesStructureProblem(part10With(oddTag.bytes)).has_value());
  DicomBytes stray;
  stray.longHeader(0x0040, 0xA730, "SQ", 0xFFFFFFFF).item(8).itemEnd().sequenceEnd();
  EXPECT_TRUE(bytesStructureProblem(part10With(stray.bytes)).has_value());

  // Anything but items inside encapsulated pixel data.
  DicomBytes fragments;
  fragments.longHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFF)
      .item(0)
      .explicitShort(0x0008, 0x0060, "CS", "CT");
  EXPECT_TRUE(bytesStructureProblem(part10With(fragments.bytes)).has_value());
}

TEST(FileStructure, FilesThatAreNotDicomAreLeftToTheCaller) {
  EXPECT_EQ(bytesStructureProblem({}), std::nullopt);
  const std::string text = "# README\nnot a DICOM file at all, just words.\n";
  EXPECT_EQ(bytesStructureProblem(std::vector<std::uint8_t>(text.begin(), text.end())),
            std::nullopt);
  // A preamble without a dataset after the meta group: nothing to nest.
  EXPECT_EQ(bytesStructureProblem(DicomBytes::part10().bytes), std::nullopt);
}

// Every file DCMTK reads must pass the walk: the guard must never refuse a real file. (A file
// the walk refuses for depth is not handed to DCMTK: that is what could crash.)
void expectAgreementWithDcmtk(const fs::path& root, int& checked) {
  ensureDcmtkReady();
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file(ec))
      continue;
    const std::string path = entry.path().string();
    const auto problem = fileStructureProblem(path);
    ++checked;
    if (!problem)
      continue;
    ASSERT_EQ(problem->find("nested more than"), std::string::npos)
        << path << ": real data refused for depth: " << *problem;
    DcmFileFormat file;
    EXPECT_TRUE(file.loadFile(path.c_str()).bad())
        << path << ": DCMTK reads it, but the structure walk refused it: " << *problem;
  }
}

TEST(FileStructure, AgreesWithDcmtkOnEverySyntheticFile) {
  int checked = 0;
  expectAgreementWithDcmtk(NBRA_SYNTHETIC_DATA_DIR, checked);
  EXPECT_GT(checked, 10) << "no synthetic data in " << NBRA_SYNTHETIC_DATA_DIR;
}

TEST(FileStructure, AgreesWithDcmtkOnEverySharedSample) {
  const auto shared = testing::sharedDataDir();
  if (!shared) {
    GTEST_SKIP() << "shared data absent (" << testing::sharedDataExpectedPath()
                 << "): the walk is checked against synthetic data only";
  }
  int checked = 0;
  expectAgreementWithDcmtk(*shared, checked);
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace nbra::dicom
