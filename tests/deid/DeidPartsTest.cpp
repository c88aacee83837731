// The small parts of de-identification: date shifting, the trial key, text cleaning, identity.

#include <gtest/gtest.h>

#include <set>

#include "dicom/deid/DateShift.h"
#include "dicom/deid/TextCleaner.h"
#include "dicom/deid/TrialIdentity.h"
#include "dicom/deid/TrialKey.h"

namespace {

using namespace nbra::dicom::deid;

const std::string kKeyA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const std::string kKeyB = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

TEST(DateShift, MovesWholeDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(shiftDate("20260112", -12), "20251231");
  EXPECT_EQ(shiftDate("20240301", -1), "20240229");
  EXPECT_EQ(shiftDate("20230301", -1), "20230228");
  EXPECT_EQ(shiftDate("20260112", 0), "20260112");
  EXPECT_EQ(shiftDate("20260112", -3653), "20160112");  // 3 leap days in 10 years
}

TEST(DateShift, RefusesWhatIsNotADate) {
  EXPECT_FALSE(shiftDate("20260230", -1));
  EXPECT_FALSE(shiftDate("2026011", -1));
  EXPECT_FALSE(shiftDate("2026-01-12", -1));
  EXPECT_FALSE(shiftDate("abcdefgh", -1));
  EXPECT_FALSE(shiftDateTime("2026", -1));
}

TEST(DateShift, ADateTimeWithTextAfterItsDateIsNotADateTime) {
  EXPECT_FALSE(shiftDateTime("20200101DOE^JOHN", -1));
  EXPECT_FALSE(shiftDateTime("20200101120000 by Dr Who", -1));
  EXPECT_EQ(shiftDateTime("20200101120000  ", -1), "20191231120000");
}

TEST(DateShift, DateTimeKeepsItsTimeAndOffset) {
  EXPECT_EQ(shiftDateTime("20260112093015.123456+0100", -400), "20241208093015.123456+0100");
  EXPECT_EQ(shiftDateTime("20260112", -1), "20260111");
}

TEST(TrialKey, TheSameKeyGivesTheSameUidAndAnotherKeyAnother) {
  const TrialKey a = TrialKey::parse(kKeyA, "a");
  const TrialKey a2 = TrialKey::parse("# comment\n" + kKeyA + "\n", "a2");
  const TrialKey b = TrialKey::parse(kKeyB, "b");
  const std::string uid = "1.3.6.1.4.1.14519.5.2.1.7009.2403.811199116755887922789178901449";
  EXPECT_EQ(a.uidFor(uid), a2.uidFor(uid));
  EXPECT_NE(a.uidFor(uid), b.uidFor(uid));
  EXPECT_NE(a.uidFor(uid), a.uidFor(uid + "1"));
  const std::string mapped = a.uidFor(uid);
  EXPECT_EQ(mapped.rfind("2.25.", 0), 0u);
  EXPECT_LE(mapped.size(), 64u);
  EXPECT_NE(mapped[5], '0');  // no leading zero in a UID component
  for (char c : mapped)
    EXPECT_TRUE((c >= '0' && c <= '9') || c == '.');
}

TEST(TrialKey, OneDateOffsetPerSubjectInsideTheRange) {
  const TrialKey a = TrialKey::parse(kKeyA, "a");
  std::set<int> offsets;
  for (int i = 0; i < 50; ++i) {
    const int days = a.dateOffsetDaysFor("NBRA-" + std::to_string(i));
    EXPECT_LE(days, -kMinDateShiftDays);
    EXPECT_GE(days, -kMaxDateShiftDays);
    offsets.insert(days);
  }
  EXPECT_GT(offsets.size(), 40u);  // subjects do not share one offset
  EXPECT_EQ(a.dateOffsetDaysFor("NBRA-SYN-001"), a.dateOffsetDaysFor("NBRA-SYN-001"));
}

TEST(TrialKey, BadKeyFilesAreRefusedNamingTheFile) {
  auto message = [](const std::string& text) {
    try {
      TrialKey::parse(text, "site.key");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("abc").find("site.key: expected 64 hexadecimal digits"), std::string::npos);
  EXPECT_NE(message(std::string(64, 'g')).find("not a hexadecimal digit"), std::string::npos);
  EXPECT_NE(message(kKeyA + "\n" + kKeyB).find("a second key line"), std::string::npos);
  EXPECT_NE(message(std::string(64, '0')).find("every byte is the same"), std::string::npos);
  EXPECT_NE(message("").find("found 0"), std::string::npos);
}

TEST(TrialKey, GeneratedKeysDiffer) {
  EXPECT_NE(TrialKey::generate().fingerprint(), TrialKey::generate().fingerprint());
}

TEST(TextCleaner, RemovesIdentityAndKeepsClinicalWords) {
  TextCleaner cleaner;
  cleaner.addIdentifier("DOE^JANE");
  cleaner.addIdentifier("MRN1234");
  cleaner.addIdentifier("St Elsewhere Hospital");
  EXPECT_EQ(cleaner.clean("CT CHEST 2.5mm"), "CT CHEST 2.5mm");
  EXPECT_EQ(cleaner.clean("PET WB Jane Doe"), "PET WB");
  EXPECT_EQ(cleaner.clean("mrn1234 follow-up"), "follow-up");
  EXPECT_EQ(cleaner.clean("St Elsewhere Hospital WB MIBG 2026-01-12"), "WB MIBG");
  EXPECT_EQ(cleaner.clean("MIBG 12/01/2026 record 99812345"), "MIBG record");
  EXPECT_EQ(cleaner.clean("DOE"), "");
}

TEST(TextCleaner, AHugeRunOfDigitsIsRemovedWithoutRecursion) {
  // std::regex would recurse once per digit here; the hand-written scan does not.
  TextCleaner cleaner;
  const std::string hostile = "MIBG " + std::string(200000, '7') + " WB";
  EXPECT_EQ(cleaner.clean(hostile), "MIBG WB");
  EXPECT_EQ(cleaner.clean("T2 3D 22-33-4444 2.5mm"), "T2 3D 2.5mm");
}

TEST(TrialIdentity, ProblemsNameTheField) {
  TrialIdentity id;
  EXPECT_NE(trialIdentityProblem(id)->find("subject id is missing"), std::string::npos);
  id.subjectId = "NBRA-001";
  EXPECT_FALSE(trialIdentityProblem(id));
  id.subjectId = "../etc";
  EXPECT_NE(trialIdentityProblem(id)->find("only letters"), std::string::npos);
  id.subjectId = "NBRA-001";
  id.siteName = std::string(65, 'x');
  EXPECT_NE(trialIdentityProblem(id)->find("site name is longer than 64"), std::string::npos);
  id.siteName = "a\\b";
  EXPECT_NE(trialIdentityProblem(id)->find("backslash"), std::string::npos);
}

}  // namespace
