// SUV factors of real data against references that do not come from this code:
// the ACRIN PET/CT (Slicer RWV object), the eight CSUV vendor vectors (cornerstonejs/
// calculate-suv's own expected values), the FLT PET (hand-computed in the data README).

#include <gtest/gtest.h>
#include <unistd.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "dicom/suv/SuvCalculator.h"
#include "dicom/suv/SuvTagReader.h"
#include "tests/support/SharedData.h"

namespace {

using namespace nbra::dicom;
namespace fs = std::filesystem;

double relativeError(double actual, double expected) {
  return std::abs(actual - expected) / std::abs(expected);
}

#define REQUIRE_SHARED(var, relative)                                                  \
  const auto sharedRoot = nbra::testing::sharedDataDir();                              \
  if (!sharedRoot) {                                                                   \
    GTEST_SKIP() << "shared data absent: " << nbra::testing::sharedDataExpectedPath(); \
  }                                                                                    \
  const fs::path var = *sharedRoot / (relative);                                       \
  if (!fs::exists(var)) {                                                              \
    GTEST_SKIP() << "shared data absent: " << var;                                     \
  }

std::vector<std::string> filesIn(const fs::path& folder) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) {
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// ---------------------------------------------------------------- ACRIN PET/CT

TEST(SuvReferenceData, AcrinPetAcFactorMatchesTheSlicerReference) {
  REQUIRE_SHARED(folder, "tcia-acrin-nsclc-fdg-pet-042/PT_PET-AC_uncompressed");
  const SuvTags tags = readSuvTags(filesIn(folder));
  ASSERT_EQ(tags.frames.size(), 135u);
  // The GE private block is found by its creator. Its date is shifted differently from the
  // standard dates by TCIA (data README): the series time comes first, so it is not used.
  EXPECT_EQ(tags.gePrivateCreator, "GEMS_PETD_01");
  EXPECT_EQ(tags.geScanDateTime.substr(8, 6), "095947");
  const SuvResult r = computeSuv(tags);
  ASSERT_TRUE(r.ok()) << r.errorCode << ": " << r.errorMessage;
  ASSERT_TRUE(r.bw.factor);
  // RWV reference 0.00042111; hand check 91000 / (588802304 * 2^(-9527/6588)).
  const double err = relativeError(*r.bw.factor, 0.00042111);
  EXPECT_LE(err, 1e-6) << "SUVbw factor " << *r.bw.factor << " relative error " << err;
  std::cout << "[ ACRIN PET AC ] SUVbw factor " << *r.bw.factor << " relative error " << err
            << "\n";
  EXPECT_EQ(r.referenceTimeSource, "series time");
  EXPECT_EQ(toIso8601(*r.referenceTime), "1960-01-16T09:59:47");
  // Slicer's other factors (same James-128 LBM and Devine IBW formulas), to 5 significant digits
  // (the RWV values are printed with 5-6 digits).
  EXPECT_LE(relativeError(*r.lbmJames128.factor, 0.00032444), 5e-5);
  EXPECT_LE(relativeError(*r.ibw.factor, 0.000398713), 5e-5);
  // Slicer's RWV SUVbsa is 1.00711e-05: the same digits, 10x smaller (a different unit
  // convention in Slicer). Ours is in cm^2/ml like Units CM2ML, BSA in cm^2 as in CSUV
  // (71.84 H^0.725 W^0.425); the matching digits check the Du Bois formula.
  EXPECT_LE(relativeError(*r.bsa.factor, 1.00711e-04), 5e-5);
  // Each slice keeps its own slope (0.209...3.70): the reader must not flatten it.
  double lo = 1e9;
  double hi = 0;
  for (const auto& f : tags.frames) {
    lo = std::min(lo, f.rescaleSlope);
    hi = std::max(hi, f.rescaleSlope);
  }
  EXPECT_LT(lo, 0.25);
  EXPECT_GT(hi, 3.5);
}

TEST(SuvReferenceData, AcrinPetNacIsRefusedForItsUnits) {
  REQUIRE_SHARED(folder, "tcia-acrin-nsclc-fdg-pet-042/PT_PET-NAC_jpegls");
  const SuvResult r = computeSuv(readSuvTags(filesIn(folder)));
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.bw.factor);
  EXPECT_EQ(r.errorCode, "UNSUPPORTED_UNITS") << r.errorMessage;
  EXPECT_NE(r.errorMessage.find("PROPCNTS"), std::string::npos);
  EXPECT_FALSE(r.errorMessage.empty());
}

// ---------------------------------------------------------------- FLT PET

TEST(SuvReferenceData, FltPetFactorMatchesTheHandComputedValue) {
  REQUIRE_SHARED(folder, "robustness/suyashkumar-dicom");
  // The two slices belong to two series; slice 1 carries the README's values.
  const SuvTags tags = readSuvTags({(folder / "acrin-flt-breast_PT_1.dcm").string()});
  EXPECT_EQ(tags.seriesTime.rfind("152316.921", 0), 0u) << tags.seriesTime;
  const SuvResult r = computeSuv(tags);
  ASSERT_TRUE(r.ok()) << r.errorCode << ": " << r.errorMessage;
  // 69734.4 / (178340011.6 * 2^(-(15:23:16.921 - 14:17:00)/6586.2)) = 5.9425e-4 (4 digits).
  EXPECT_NEAR(*r.bw.factor, 5.9425e-4, 0.00005e-4 + 1e-12);
  std::cout << "[ FLT PET ] SUVbw factor " << *r.bw.factor << "\n";
}

TEST(SuvTagReader, EveryFileProblemNamesTheFile) {
  const fs::path dir =
      fs::temp_directory_path() / ("nbra-suv-reader-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path garbage = dir / "garbage.dcm";
  std::ofstream(garbage) << "this is not a DICOM file, only text";
  const fs::path fakePart10 = dir / "corrupt.dcm";
  {
    std::ofstream out(fakePart10, std::ios::binary);
    out << std::string(128, '\0') << "DICM" << std::string("\x02\x00\x10\x00UI\xff\x7f", 8);
  }
  for (const fs::path& bad : {garbage, fakePart10, dir / "missing.dcm"}) {
    try {
      readSuvTags({bad.string()});
      ADD_FAILURE() << bad << " must not read";
    } catch (const SuvReadError& e) {
      EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos) << e.what();
    }
  }
  fs::remove_all(dir);
}

// ---------------------------------------------------------------- CSUV vectors

// Keyword metadata (DICOM-JSON-like, as in cornerstonejs/calculate-suv) -> SuvTags. The vectors
// carry no Modality: they are all PET, so PT is set here.
std::string str(const QJsonObject& o, const char* key) {
  return o.value(key).toString().toStdString();
}
std::optional<double> num(const QJsonValue& v) {
  if (v.isDouble()) {
    return v.toDouble();
  }
  if (v.isString()) {
    bool ok = false;
    const double d = v.toString().trimmed().toDouble(&ok);
    if (ok) {
      return d;
    }
  }
  return std::nullopt;
}

SuvTags tagsFromJson(const QJsonArray& instances) {
  SuvTags t;
  const QJsonObject first = instances.at(0).toObject();
  t.modality = "PT";
  t.units = str(first, "Units");
  t.decayCorrection = str(first, "DecayCorrection");
  for (const auto& v : first.value("CorrectedImage").toArray()) {
    t.correctedImage.push_back(v.toString().toStdString());
  }
  t.suvType = str(first, "SUVType");
  t.patientWeightKg = num(first.value("PatientWeight"));
  t.patientSizeM = num(first.value("PatientSize"));
  t.patientSex = str(first, "PatientSex");
  t.radionuclideTotalDoseBq = num(first.value("RadionuclideTotalDose"));
  t.radionuclideHalfLifeS = num(first.value("RadionuclideHalfLife"));
  t.radiopharmaceuticalStartDateTime = str(first, "RadiopharmaceuticalStartDateTime");
  t.radiopharmaceuticalStartTime = str(first, "RadiopharmaceuticalStartTime");
  t.seriesDate = str(first, "SeriesDate");
  t.seriesTime = str(first, "SeriesTime");
  const QJsonObject philips = first.value("PhilipsPETPrivateGroup").toObject();
  if (!philips.isEmpty()) {
    t.philipsPrivateCreator = kPhilipsPetPrivateCreator;
    t.philipsSuvScaleFactor = num(philips.value("SUVScaleFactor"));
    t.philipsActivityConcentrationScaleFactor =
        num(philips.value("ActivityConcentrationScaleFactor"));
  }
  if (first.contains("GEPrivatePostInjectionDateTime")) {
    t.gePrivateCreator = kGePetPrivateCreator;
    t.geScanDateTime = str(first, "GEPrivatePostInjectionDateTime");
  }
  for (int i = 0; i < instances.size(); ++i) {
    const QJsonObject o = instances.at(i).toObject();
    SuvFrameTags f;
    f.source = "instance " + std::to_string(i);
    f.acquisitionDate = str(o, "AcquisitionDate");
    f.acquisitionTime = str(o, "AcquisitionTime");
    f.acquisitionDateTime = str(o, "AcquisitionDateTime");
    f.frameReferenceTimeMs = num(o.value("FrameReferenceTime"));
    f.actualFrameDurationMs = num(o.value("ActualFrameDuration"));
    t.frames.push_back(f);
  }
  return t;
}

struct Vector {
  const char* file;
  double expectedBw;  // cornerstonejs/calculate-suv test/calculateSUV_SampleData.test.ts
};

class CsuvVector : public ::testing::TestWithParam<Vector> {};

TEST_P(CsuvVector, SuvbwFactorWithinOnePpmRelative) {
  REQUIRE_SHARED(file, std::string("suv-reference-metadata-calculate-suv/") + GetParam().file);
  QFile in(QString::fromStdString(file.string()));
  ASSERT_TRUE(in.open(QIODevice::ReadOnly)) << file;
  const QJsonDocument doc = QJsonDocument::fromJson(in.readAll());
  ASSERT_TRUE(doc.isArray()) << file;
  ASSERT_EQ(doc.array().size(), 3);
  const SuvResult r = computeSuv(tagsFromJson(doc.array()));
  ASSERT_TRUE(r.ok()) << r.errorCode << ": " << r.errorMessage;
  ASSERT_EQ(r.frameBwFactors.size(), 3u);
  for (double f : r.frameBwFactors) {
    const double err = relativeError(f, GetParam().expectedBw);
    EXPECT_LE(err, 1e-6) << GetParam().file << ": factor " << f << " relative error " << err
                         << " (reference time from " << r.referenceTimeSource << ")";
  }
  std::cout << "[ CSUV ] " << GetParam().file << " relative error "
            << relativeError(*r.bw.factor, GetParam().expectedBw) << " (" << r.referenceTimeSource
            << ")\n";
}

INSTANTIATE_TEST_SUITE_P(
    Vendors, CsuvVector,
    ::testing::Values(
        Vector{"SIEMENS-instances.json", 0.00042748316187197236},
        Vector{"GE_MEDICAL_AND_BQML-instances.json", 0.0005367387681819742},
        Vector{"PHILIPS_BQML-instances.json", 0.0007463747013889488},
        Vector{"PHILIPS_CNTS_AND_BQML_SUV-instances.json", 0.000551},
        Vector{"PHILIPS_CNTS_AND_SUV-instances.json", 0.000728},
        Vector{"BQML_AC_DT_lessThan_S_DT_SIEMENS-instances.json", 0.0004069156854009332},
        Vector{"CPS_AND_BQML_AC_DT_-_S_DT-instances.json", 0.00026503312764157046},
        Vector{"RADIOPHARM_DATETIME_UNDEFINED-instances.json", 0.0003721089202818729}),
    [](const ::testing::TestParamInfo<Vector>& paramInfo) {
      std::string name = paramInfo.param.file;
      name = name.substr(0, name.find("-instances"));
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
          c = '_';
        }
      }
      return name;
    });

}  // namespace
