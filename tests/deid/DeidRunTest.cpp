// De-identification of real and synthetic studies, checked element by element against Table
// E.1-1, and the run's promises: same key same UIDs, SUV unchanged, PET/CT still one frame of
// reference, intervals kept, nothing half-written when an input is refused.

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrobow.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "dicom/deid/DeidRun.h"
#include "dicom/deid/PrivateSafeList.h"
#include "dicom/deid/ProfileTable.h"
#include "tests/support/SharedData.h"
#include "tests/support/SyntheticDicom.h"

namespace {

namespace fs = std::filesystem;
using namespace nbra::dicom::deid;

const std::string kKeyA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const std::string kKeyB = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

TrialIdentity identity(const std::string& subject = "NBRA-T-001") {
  TrialIdentity id;
  id.subjectId = subject;
  id.siteId = "SITE-01";
  id.timepointId = "BASELINE";
  return id;
}

DeidRequest request(const std::vector<std::string>& inputs, const std::string& out,
                    const TrialKey& key, const std::string& subject = "NBRA-T-001") {
  DeidRequest r;
  r.inputs = inputs;
  r.outputDir = out;
  r.identity = identity(subject);
  r.key = &key;
  return r;
}

std::optional<fs::path> shared(const char* relative) {
  const auto root = nbra::testing::sharedDataDir();
  if (!root || !fs::exists(*root / relative))
    return std::nullopt;
  return *root / relative;
}

std::unique_ptr<DcmFileFormat> load(const fs::path& file) {
  auto ff = std::make_unique<DcmFileFormat>();
  EXPECT_TRUE(ff->loadFile(file.string().c_str()).good()) << file;
  return ff;
}

std::string value(DcmItem& item, const DcmTagKey& tag) {
  OFString v;
  item.findAndGetOFStringArray(tag, v);
  return v.c_str();
}

std::vector<fs::path> filesUnder(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::exists(folder))
    return files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file())
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<fs::path> firstFiles(const fs::path& folder, std::size_t count) {
  auto files = filesUnder(folder);
  if (files.size() > count)
    files.resize(count);
  return files;
}

// Rewrites `file` with the attributes given changed; the file meta follows the dataset.
void rewrite(const fs::path& file,
             std::initializer_list<std::pair<DcmTagKey, const char*>> values) {
  DcmFileFormat ff;
  ASSERT_TRUE(ff.loadFile(file.string().c_str()).good()) << file;
  for (const auto& [tag, value] : values) {
    ff.getDataset()->putAndInsertString(tag, value);
  }
  ASSERT_TRUE(ff.saveFile(file.string().c_str(), EXS_LittleEndianExplicit, EET_ExplicitLength,
                          EGL_recalcGL, EPD_noChange, 0, 0, EWM_updateMeta)
                  .good())
      << file;
}

// Whether an enabled option of the trial keeps or cleans the row (the test's own reading of
// the table's columns, not the code under test's).
bool trialKeepsOrCleans(const ProfileRow& row) {
  for (ProfileOption o :
       {ProfileOption::RetainSafePrivate, ProfileOption::RetainDeviceIdentity,
        ProfileOption::RetainPatientCharacteristics, ProfileOption::RetainLongitudinalModifiedDates,
        ProfileOption::CleanDescriptors}) {
    if (row.option(o) == "K" || row.option(o) == "C")
      return true;
  }
  return row.basic == "K" || row.basic == "X/Z/U*";
}

// Walks every element of `original` (sequences and private blocks included) and checks its
// counterpart in `result` against Table E.1-1: what the table removes or replaces does not
// survive with its original value; what the trial's options keep is kept.
void checkAgainstTable(DcmItem& original, DcmItem& result, const std::string& where,
                       std::size_t& checked) {
  const ProfileTable& table = ProfileTable::standard();
  for (unsigned long i = 0; i < original.card(); ++i) {
    DcmElement* element = original.getElement(i);
    const DcmTagKey key = element->getTag();
    const std::uint16_t g = key.getGroup(), e = key.getElement();
    DcmElement* counterpart = nullptr;
    result.findAndGetElement(key, counterpart, OFFalse);
    const std::string at = where + " " + DcmTag(key).toString().c_str();
    ++checked;
    // The Clinical Trial and De-identification attributes are NBRA's own (checked below).
    if (g == 0x0012 || key == DCM_LongitudinalTemporalInformationModified)
      continue;
    if (g % 2 == 1) {
      if (e >= 0x0010 && e <= 0x00FF)
        continue;  // creators: kept only with a safe element
      OFString creator;
      original.findAndGetOFString(DcmTagKey(g, static_cast<Uint16>(e >> 8)), creator);
      std::string c = creator.c_str();
      while (!c.empty() && c.back() == ' ')
        c.pop_back();
      const bool safe = e >= 0x1000 && findSafePrivate(g, c, static_cast<std::uint8_t>(e & 0xFF));
      if (!safe) {
        EXPECT_EQ(counterpart, nullptr) << at << ": a private element that is not on the safe list";
      }
      continue;
    }
    const ProfileRow* row = table.find(g, e);
    if (row == nullptr) {
      if (element->ident() == EVR_SQ && counterpart != nullptr) {
        auto* a = static_cast<DcmSequenceOfItems*>(element);
        auto* b = static_cast<DcmSequenceOfItems*>(counterpart);
        ASSERT_EQ(a->card(), b->card()) << at;
        for (unsigned long k = 0; k < a->card(); ++k) {
          checkAgainstTable(*a->getItem(k), *b->getItem(k), at + "[" + std::to_string(k) + "]",
                            checked);
        }
      }
      continue;
    }
    OFString before;
    element->getOFStringArray(before);
    if (trialKeepsOrCleans(*row)) {
      if (element->ident() == EVR_SQ && counterpart != nullptr) {
        auto* a = static_cast<DcmSequenceOfItems*>(element);
        auto* b = static_cast<DcmSequenceOfItems*>(counterpart);
        for (unsigned long k = 0; k < std::min(a->card(), b->card()); ++k) {
          checkAgainstTable(*a->getItem(k), *b->getItem(k), at + "[" + std::to_string(k) + "]",
                            checked);
        }
      }
      const bool keptByOption = row->option(ProfileOption::RetainPatientCharacteristics) == "K" ||
                                row->option(ProfileOption::RetainDeviceIdentity) == "K";
      if (keptByOption && element->ident() != EVR_SQ) {
        ASSERT_NE(counterpart, nullptr) << at << " " << row->name << " must be kept";
        OFString after;
        counterpart->getOFStringArray(after);
        EXPECT_EQ(after, before) << at << " " << row->name;
      }
      if (row->option(ProfileOption::RetainLongitudinalModifiedDates) == "C" &&
          (element->ident() == EVR_DA || element->ident() == EVR_DT) && !before.empty()) {
        ASSERT_NE(counterpart, nullptr) << at;
        OFString after;
        counterpart->getOFStringArray(after);
        EXPECT_NE(after, before) << at << " " << row->name << ": a date must move";
      }
      continue;
    }
    // Removed or replaced: absent, empty, or a different value.
    if (counterpart == nullptr || before.empty())
      continue;
    if (element->ident() == EVR_SQ) {
      EXPECT_EQ(static_cast<DcmSequenceOfItems*>(counterpart)->card(), 0u)
          << at << " " << row->name;
      continue;
    }
    OFString after;
    counterpart->getOFStringArray(after);
    EXPECT_NE(after, before) << at << " " << row->name << " survived with its original value";
  }
}

// Matches output files to inputs by the keyed SOP Instance UID.
std::map<std::string, fs::path> outputsBySop(const std::vector<std::string>& written) {
  std::map<std::string, fs::path> bySop;
  for (const std::string& file : written) {
    auto ff = load(file);
    bySop[value(*ff->getDataset(), DCM_SOPInstanceUID)] = file;
  }
  return bySop;
}

void checkFolder(const fs::path& folder, std::size_t maxFiles) {
  nbra::testing::TempFolder input;
  for (const fs::path& file : firstFiles(folder, maxFiles)) {
    fs::copy_file(file, input.path() / file.filename());
  }
  nbra::testing::TempFolder out;
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const DeidReport report = deidentify(request({input.path().string()}, out.path().string(), key));
  ASSERT_TRUE(report.complete()) << (report.refused.empty() ? "" : report.refused[0].problem);
  const auto bySop = outputsBySop(report.written);
  std::size_t checked = 0;
  for (const fs::path& file : filesUnder(input.path())) {
    auto original = load(file);
    const std::string sop = key.uidFor(value(*original->getDataset(), DCM_SOPInstanceUID));
    ASSERT_TRUE(bySop.count(sop)) << file << " has no output";
    auto result = load(bySop.at(sop));
    checkAgainstTable(*original->getDataset(), *result->getDataset(), file.filename().string(),
                      checked);
    DcmDataset& ds = *result->getDataset();
    EXPECT_EQ(value(ds, DCM_PatientName), "NBRA-T-001");
    EXPECT_EQ(value(ds, DCM_PatientID), "NBRA-T-001");
    EXPECT_EQ(value(ds, DCM_ClinicalTrialSubjectID), "NBRA-T-001");
    EXPECT_EQ(value(ds, DCM_ClinicalTrialSiteID), "SITE-01");
    EXPECT_EQ(value(ds, DCM_PatientIdentityRemoved), "YES");
    EXPECT_EQ(value(ds, DCM_LongitudinalTemporalInformationModified), "MODIFIED");
    EXPECT_NE(value(ds, DCM_DeidentificationMethod).find("Basic Profile"), std::string::npos);
    DcmItem* code = nullptr;
    ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_DeidentificationMethodCodeSequence, code, 0).good());
    EXPECT_EQ(value(*code, DCM_CodeValue), "113100");
    // The file meta information names the new instance, not the old one.
    EXPECT_EQ(value(*result->getMetaInfo(), DCM_MediaStorageSOPInstanceUID), sop);
  }
  EXPECT_GT(checked, 100u);
}

TEST(DeidRun, SharedPetAgainstTableE11ElementByElement) {
  const auto pet = shared("tcia-acrin-nsclc-fdg-pet-042/PT_PET-AC_uncompressed");
  if (!pet)
    GTEST_SKIP() << "shared data absent: " << nbra::testing::sharedDataExpectedPath();
  checkFolder(*pet, 8);
}

TEST(DeidRun, SharedCtJpegLsAgainstTableE11ElementByElement) {
  const auto ct = shared("tcia-acrin-nsclc-fdg-pet-042/CT_CT-IMAGES_jpegls");
  if (!ct)
    GTEST_SKIP() << "shared data absent: " << nbra::testing::sharedDataExpectedPath();
  checkFolder(*ct, 8);
}

TEST(DeidRun, SyntheticPatientAgainstTableE11ElementByElement) {
  const fs::path root = fs::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-002";
  if (!fs::exists(root))
    GTEST_SKIP() << "synthetic subjects not generated: " << root;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory())
      continue;
    for (const char* modality : {"CT", "PT", "NM"}) {
      if (fs::exists(entry.path() / modality))
        checkFolder(entry.path() / modality, 3);
    }
  }
}

TEST(DeidRun, PetAndCtStayOneFrameOfReferenceAndOneStudy) {
  const auto pet = shared("tcia-acrin-nsclc-fdg-pet-042/PT_PET-AC_uncompressed");
  const auto ct = shared("tcia-acrin-nsclc-fdg-pet-042/CT_CT-IMAGES_jpegls");
  if (!pet || !ct)
    GTEST_SKIP() << "shared data absent: " << nbra::testing::sharedDataExpectedPath();
  nbra::testing::TempFolder input, out;
  fs::copy_file(firstFiles(*pet, 1)[0], input.path() / "pet.dcm");
  fs::copy_file(firstFiles(*ct, 1)[0], input.path() / "ct.dcm");
  auto petIn = load(input.path() / "pet.dcm");
  auto ctIn = load(input.path() / "ct.dcm");
  const bool sameFrame = value(*petIn->getDataset(), DCM_FrameOfReferenceUID) ==
                         value(*ctIn->getDataset(), DCM_FrameOfReferenceUID);
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const DeidReport report = deidentify(request({input.path().string()}, out.path().string(), key));
  ASSERT_EQ(report.written.size(), 2u);
  auto a = load(report.written[0]);
  auto b = load(report.written[1]);
  EXPECT_EQ(value(*a->getDataset(), DCM_FrameOfReferenceUID) ==
                value(*b->getDataset(), DCM_FrameOfReferenceUID),
            sameFrame);
  EXPECT_EQ(value(*a->getDataset(), DCM_StudyInstanceUID),
            value(*b->getDataset(), DCM_StudyInstanceUID));
  EXPECT_EQ(value(*a->getDataset(), DCM_FrameOfReferenceUID),
            key.uidFor(value(*petIn->getDataset(), DCM_FrameOfReferenceUID)));
  ASSERT_EQ(report.studies.size(), 1u);
  EXPECT_EQ(report.studies[0].originalStudyUid, value(*petIn->getDataset(), DCM_StudyInstanceUID));
}

TEST(DeidRun, SameKeySameUidsAnotherKeyOthers) {
  nbra::testing::TempFolder input, out1, out2, out3;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 4;
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const TrialKey a = TrialKey::parse(kKeyA, "a");
  const TrialKey b = TrialKey::parse(kKeyB, "b");
  // subject/study/series/instance, relative to the output folder.
  auto names = [](const DeidReport& r, const fs::path& root) {
    std::set<std::string> set;
    for (const auto& f : r.written)
      set.insert(fs::relative(f, root).string());
    return set;
  };
  const std::string in = input.path().string();
  const auto first = names(deidentify(request({in}, out1.path().string(), a)), out1.path());
  const auto again = names(deidentify(request({in}, out2.path().string(), a)), out2.path());
  const auto other = names(deidentify(request({in}, out3.path().string(), b)), out3.path());
  EXPECT_EQ(first.size(), 4u);
  EXPECT_EQ(first, again);
  for (const auto& name : other)
    EXPECT_EQ(first.count(name), 0u) << name;
  // A second upload into the same output lands on the first: no new files.
  const auto secondUpload = deidentify(request({input.path().string()}, out1.path().string(), a));
  EXPECT_EQ(filesUnder(out1.path()).size(), 4u);
  EXPECT_TRUE(secondUpload.complete());
}

TEST(DeidRun, IntervalsBetweenTimepointsAreUnchanged) {
  const fs::path root = fs::path(NBRA_SYNTHETIC_DATA_DIR) / "NBRA-SYN-001";
  if (!fs::exists(root))
    GTEST_SKIP() << "synthetic subjects not generated: " << root;
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  std::vector<std::pair<std::string, std::string>> dates;  // original, pseudonymised
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory() || !fs::exists(entry.path() / "CT"))
      continue;
    nbra::testing::TempFolder input, out;
    fs::copy_file(firstFiles(entry.path() / "CT", 1)[0], input.path() / "ct.dcm");
    const auto report =
        deidentify(request({input.path().string()}, out.path().string(), key, "NBRA-SYN-001"));
    ASSERT_EQ(report.written.size(), 1u);
    auto before = load(input.path() / "ct.dcm");
    auto after = load(report.written[0]);
    dates.emplace_back(value(*before->getDataset(), DCM_StudyDate),
                       value(*after->getDataset(), DCM_StudyDate));
  }
  ASSERT_GE(dates.size(), 2u);
  auto days = [](const std::string& da) {
    using namespace std::chrono;
    return sys_days{year{std::stoi(da.substr(0, 4))} / std::stoi(da.substr(4, 2)) /
                    std::stoi(da.substr(6, 2))}
        .time_since_epoch()
        .count();
  };
  for (std::size_t i = 1; i < dates.size(); ++i) {
    EXPECT_NE(dates[i].first, dates[i].second);
    EXPECT_EQ(days(dates[i].first) - days(dates[0].first),
              days(dates[i].second) - days(dates[0].second));
  }
}

// One synthetic CT slice, de-identified with `change` applied to it first; returns the output.
std::unique_ptr<DcmFileFormat> deidentifiedWith(const std::function<void(DcmDataset&)>& change,
                                                nbra::testing::TempFolder& out) {
  nbra::testing::TempFolder input;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  const auto files = nbra::testing::writeSeries(input.path() / "CT", spec);
  DcmFileFormat ff;
  EXPECT_TRUE(ff.loadFile(files[0].string().c_str()).good());
  change(*ff.getDataset());
  EXPECT_TRUE(ff.saveFile(files[0].string().c_str(), EXS_LittleEndianExplicit).good());
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report = deidentify(request({input.path().string()}, out.path().string(), key));
  EXPECT_EQ(report.written.size(), 1u);
  return report.written.empty() ? std::make_unique<DcmFileFormat>() : load(report.written[0]);
}

void putRaw(DcmDataset& ds, const DcmTag& tag, const std::string& bytes) {
  auto* element = new DcmOtherByteOtherWord(tag);
  element->putUint8Array(reinterpret_cast<const Uint8*>(bytes.data()),
                         static_cast<unsigned long>(bytes.size()));
  ASSERT_TRUE(ds.insert(element, true).good());
}

TEST(DeidRun, AttributesOfUnknownTypeGoUnlessTheTableKeepsThem) {
  nbra::testing::TempFolder out;
  auto result = deidentifiedWith(
      [](DcmDataset& ds) {
        putRaw(ds, DcmTag(0x0018, 0x9F9F, EVR_UN), "20260112");  // unknown to the dictionary
        ds.findAndDeleteElement(DCM_StudyDate);
        putRaw(ds, DcmTag(DCM_StudyDate, EVR_UN), "20260112");  // a listed date written as UN
        putRaw(ds, DcmTag(DCM_PatientWeight, EVR_UN), "19.6");  // kept by the table
      },
      out);
  DcmDataset& ds = *result->getDataset();
  EXPECT_FALSE(ds.tagExists(DcmTagKey(0x0018, 0x9F9F)));
  OFString studyDate;
  ds.findAndGetOFStringArray(DCM_StudyDate, studyDate);
  EXPECT_EQ(studyDate.find("20260112"), OFString_npos) << studyDate;
  EXPECT_TRUE(ds.tagExists(DCM_PatientWeight));
}

TEST(DeidRun, TheOriginalPreambleIsNotCopied) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  const auto files = nbra::testing::writeSeries(input.path() / "CT", spec);
  {
    std::fstream f(files[0], std::ios::in | std::ios::out | std::ios::binary);
    const std::string identity = "DOE^JOHN 19700101 MRN 1234567";
    f.write(identity.data(), static_cast<std::streamsize>(identity.size()));  // inside the preamble
  }
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report = deidentify(request({input.path().string()}, out.path().string(), key));
  ASSERT_EQ(report.written.size(), 1u);
  std::ifstream written(report.written[0], std::ios::binary);
  std::string preamble(128, '\0');
  written.read(preamble.data(), 128);
  EXPECT_EQ(preamble, std::string(128, '\0'));
}

TEST(DeidRun, SafePrivateElementsKeepOnlyNumbersAndDateTimes) {
  nbra::testing::TempFolder out;
  auto result = deidentifiedWith(
      [](DcmDataset& ds) {
        ds.putAndInsertString(DcmTag(0x7053, 0x0010, EVR_LO), "Philips PET Private Group");
        ds.putAndInsertString(DcmTag(0x7053, 0x1000, EVR_DS), "0.000123");
        ds.putAndInsertString(DcmTag(0x7053, 0x1009, EVR_LO), "DOE^JOHN");
        ds.putAndInsertString(DcmTag(0x0009, 0x0010, EVR_LO), "GEMS_PETD_01");
        ds.putAndInsertString(DcmTag(0x0009, 0x100D, EVR_DT), "20200101\\DOE^JOHN");
        ds.putAndInsertString(DcmTag(0x0009, 0x1001, EVR_LO), "secret");
      },
      out);
  DcmDataset& ds = *result->getDataset();
  EXPECT_TRUE(ds.tagExists(DcmTagKey(0x7053, 0x1000)));   // a number: kept
  EXPECT_FALSE(ds.tagExists(DcmTagKey(0x7053, 0x1009)));  // safe slot, text: gone
  EXPECT_FALSE(ds.tagExists(DcmTagKey(0x0009, 0x100D)));  // safe slot, not a DT: gone
  EXPECT_FALSE(ds.tagExists(DcmTagKey(0x0009, 0x1001)));  // not on the list: gone
  EXPECT_FALSE(ds.tagExists(DcmTagKey(0x0009, 0x0010)));  // its block keeps nothing
  EXPECT_TRUE(ds.tagExists(DcmTagKey(0x7053, 0x0010)));   // its block keeps the factor
}

TEST(DeidRun, TheSameInstanceTwiceIsCopiedOnce) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 2;
  const auto files = nbra::testing::writeSeries(input.path() / "CT", spec);
  fs::create_directories(input.path() / "again");
  fs::copy_file(files[0], input.path() / "again" / "copy.dcm");
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report = deidentify(request({input.path().string()}, out.path().string(), key));
  ASSERT_TRUE(report.complete());
  EXPECT_EQ(report.written.size(), 2u);
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_NE(report.skipped[0].problem.find("the same SOP Instance UID"), std::string::npos);
}

TEST(DeidRun, BurnedInAnnotationIsRefusedAndNothingIsWritten) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 3;
  const auto files = nbra::testing::writeSeries(input.path() / "CT", spec);
  rewrite(files[1], {{DCM_BurnedInAnnotation, "YES"}});
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report = deidentify(request({input.path().string()}, out.path().string(), key));
  EXPECT_FALSE(report.complete());
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_EQ(report.refused[0].file, files[1].string());
  EXPECT_NE(report.refused[0].problem.find("Burned In Annotation"), std::string::npos);
  EXPECT_TRUE(report.written.empty());
  EXPECT_TRUE(filesUnder(out.path()).empty()) << "nothing half-written";
  EXPECT_TRUE(fs::is_empty(out.path())) << "no staging folder left behind";
}

TEST(DeidRun, SecondaryCaptureIsHeldUntilAPersonConfirms) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  const auto files = nbra::testing::writeSeries(input.path() / "SC", spec);
  rewrite(files[0], {{DCM_SOPClassUID, UID_SecondaryCaptureImageStorage}, {DCM_Modality, "OT"}});
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  auto r = request({input.path().string()}, out.path().string(), key);
  const auto held = deidentify(r);
  ASSERT_EQ(held.held.size(), 1u);
  EXPECT_NE(held.held[0].problem.find("SecondaryCapture"), std::string::npos)
      << held.held[0].problem;
  EXPECT_TRUE(filesUnder(out.path()).empty());
  r.pixelsReviewed = true;
  const auto passed = deidentify(r);
  EXPECT_TRUE(passed.complete());
  EXPECT_EQ(passed.written.size(), 1u);
  ASSERT_EQ(passed.warnings.size(), 1u);
  EXPECT_NE(passed.warnings[0].problem.find("confirmation"), std::string::npos);
}

TEST(DeidRun, ANonDicomFileIsRefusedByNameAndNothingIsWritten) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 2;
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const fs::path notes = input.path() / "CT" / "notes.txt";
  std::ofstream(notes) << "patient Jane Doe, MRN 1234567\n";
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report = deidentify(request({input.path().string()}, out.path().string(), key));
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_EQ(report.refused[0].file, notes.string());
  EXPECT_NE(report.refused[0].problem.find("not a readable DICOM file"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(out.path()));
}

TEST(DeidRun, AMissingWeightIsReportedSuvWillNotBePossible) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 2;
  spec.modality = "PT";
  const auto files = nbra::testing::writeSeries(input.path() / "PT", spec);
  for (const auto& file : files) {  // the synthetic writer makes non-CT series secondary captures
    rewrite(file, {{DCM_SOPClassUID, UID_PositronEmissionTomographyImageStorage}});
  }
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report = deidentify(request({input.path().string()}, out.path().string(), key));
  ASSERT_TRUE(report.complete()) << (report.refused.empty() ? std::string("held")
                                                            : report.refused[0].problem);
  ASSERT_EQ(report.warnings.size(), 1u);  // once per series, not per file
  EXPECT_NE(report.warnings[0].problem.find("SUV will not be possible"), std::string::npos);
  EXPECT_EQ(fs::path(report.warnings[0].file).parent_path(), input.path() / "PT");
}

TEST(DeidRun, AnOutputThatCannotBeWrittenIsNamed) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const fs::path blocker = out.path() / "a-file";
  std::ofstream(blocker) << "x";
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  try {
    deidentify(request({input.path().string()}, (blocker / "out").string(), key));
    FAIL() << "an output below a file was accepted";
  } catch (const DeidError& e) {
    EXPECT_EQ(e.path(), (blocker / "out").string());
    EXPECT_NE(std::string(e.what()).find("cannot be created"), std::string::npos) << e.what();
  }
  try {
    deidentify(request({input.path().string()}, (input.path() / "CT" / "deid").string(), key));
    FAIL() << "an output inside the input was accepted";
  } catch (const DeidError& e) {
    EXPECT_NE(std::string(e.what()).find("inside the input"), std::string::npos) << e.what();
  }
}

TEST(DeidRun, AMappingFileThatCannotBeWrittenIsNamedAndNoImageIsPlaced) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 1;
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  auto r = request({input.path().string()}, out.path().string(), key);
  r.mappingFile = (out.path() / "no-such-folder" / "mapping.jsonl").string();
  try {
    deidentify(r);
    FAIL() << "a mapping file in a missing folder was accepted";
  } catch (const DeidError& e) {
    EXPECT_EQ(e.path(), r.mappingFile);
  }
  EXPECT_TRUE(fs::is_empty(out.path())) << "images placed without their mapping";
}

TEST(DeidRun, PreviewWritesNothingAndSaysWhatHappens) {
  nbra::testing::TempFolder input, out;
  nbra::testing::SyntheticSeries spec;
  spec.slices = 2;
  nbra::testing::writeSeries(input.path() / "CT", spec);
  const TrialKey key = TrialKey::parse(kKeyA, "test");
  const auto report =
      previewDeidentification(request({input.path().string()}, out.path().string(), key));
  EXPECT_TRUE(report.complete());
  EXPECT_TRUE(report.written.empty());
  EXPECT_TRUE(fs::is_empty(out.path()));
  std::map<std::string, std::string> actions;
  for (const auto& a : report.attributes)
    actions[a.tag] = a.what;
  EXPECT_EQ(actions["(0010,0010)"], "emptied");  // then set to the subject id
  EXPECT_EQ(actions["(0020,000D)"], "UID replaced");
  EXPECT_EQ(actions["(0008,0020)"], "date shifted");
  ASSERT_EQ(report.series.size(), 1u);
  EXPECT_EQ(report.series[0].files, 2u);
}

}  // namespace
