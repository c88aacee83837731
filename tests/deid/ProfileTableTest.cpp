// Table E.1-1 as NBRA reads it: the transcription against the standard's own facts and against
// GDCM's independent list of the basic profile's attributes, and the action each option gives.

#include <gdcmAnonymizer.h>
#include <gtest/gtest.h>

#include <set>

#include "dicom/deid/ProfileAction.h"
#include "dicom/deid/ProfileTable.h"

namespace {

using namespace nbra::dicom::deid;

const ProfileRow& row(std::uint16_t g, std::uint16_t e) {
  const ProfileRow* found = ProfileTable::standard().find(g, e);
  if (found == nullptr) {
    throw std::runtime_error("no row for the tag");
  }
  return *found;
}

TEST(ProfileTable, HoldsTheWholeTable) {
  // The 2020 edition lists 441 attributes besides the private-attributes row (counted in the
  // standard's table, not in this code).
  EXPECT_EQ(ProfileTable::standard().rows().size(), 441u);
}

TEST(ProfileTable, RowsSayWhatTheStandardSays) {
  // Spot checks read off PS3.15 2020 Table E.1-1 by hand.
  EXPECT_EQ(row(0x0010, 0x0010).basic, "Z");  // Patient's Name
  EXPECT_EQ(row(0x0010, 0x0020).basic, "Z");  // Patient ID
  EXPECT_EQ(row(0x0010, 0x0030).basic, "Z");  // Patient's Birth Date
  EXPECT_EQ(row(0x0010, 0x1030).basic, "X");  // Patient's Weight
  EXPECT_EQ(row(0x0010, 0x1030).option(ProfileOption::RetainPatientCharacteristics), "K");
  EXPECT_EQ(row(0x0008, 0x0020).option(ProfileOption::RetainLongitudinalModifiedDates), "C");
  EXPECT_EQ(row(0x0020, 0x000D).basic, "U");  // Study Instance UID
  EXPECT_EQ(row(0x0020, 0x000D).option(ProfileOption::RetainUids), "K");
  EXPECT_EQ(row(0x0008, 0x103E).option(ProfileOption::CleanDescriptors), "C");
  EXPECT_EQ(row(0x0008, 0x0080).basic, "X/Z/D");  // Institution Name
  EXPECT_EQ(row(0x0008, 0x1010).option(ProfileOption::RetainDeviceIdentity), "K");
  // A repeating group: Overlay Data of any overlay.
  EXPECT_EQ(row(0x6002, 0x3000).name, "OverlayData");
  EXPECT_EQ(ProfileTable::standard().find(0x6001, 0x3000), nullptr);  // odd: private, not overlay
  EXPECT_EQ(ProfileTable::standard().find(0x0028, 0x0010), nullptr);  // Rows: not listed
}

TEST(ProfileTable, EveryAttributeGdcmProtectsIsRemovedOrReplacedByTheBasicProfile) {
  // GDCM's Anonymizer carries its own list of the basic profile's attributes (from an older
  // edition): an independent witness that no attribute the profile protects is kept here.
  // Attributes the standard has since dropped from the table are listed with the reason.
  const std::set<std::pair<std::uint16_t, std::uint16_t>> droppedSince = {};
  std::size_t checked = 0;
  for (const gdcm::Tag& tag :
       gdcm::Anonymizer::GetBasicApplicationLevelConfidentialityProfileAttributes()) {
    const ProfileRow* found = ProfileTable::standard().find(tag.GetGroup(), tag.GetElement());
    if (droppedSince.count({tag.GetGroup(), tag.GetElement()}))
      continue;
    ASSERT_NE(found, nullptr) << tag << " is protected by GDCM's list but not in the table";
    EXPECT_NE(found->basic, "K") << tag;
    ++checked;
  }
  EXPECT_GE(checked, 40u);
}

TEST(ProfileTable, MalformedTextIsRefusedWithTheLine) {
  try {
    ProfileTable::parse("name\ttag\n");
    FAIL() << "a two-column header was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
  }
  const std::string header = "name\ttag\tr\ti\tbasic\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\n";
  EXPECT_THROW(ProfileTable::parse(header + "Bad\t0010ZZ10\tN\tY\tX\t\t\t\t\t\t\t\t\t\t\n"),
               std::runtime_error);
  EXPECT_THROW(ProfileTable::parse(header + "NoAction\t00100010\tN\tY\t\t\t\t\t\t\t\t\t\t\t\n"),
               std::runtime_error);
  EXPECT_THROW(ProfileTable::parse(header + "A\t00100010\tN\tY\tX\t\t\t\t\t\t\t\t\t\t\n" +
                                   "B\t00100010\tN\tY\tX\t\t\t\t\t\t\t\t\t\t\n"),
               std::runtime_error);
}

TEST(ProfileAction, TheTrialsOptionsDecide) {
  const ProfileOptions trial = trialProfileOptions();
  EXPECT_EQ(resolveAction(row(0x0010, 0x0010), trial), Action::Empty);       // name: Z
  EXPECT_EQ(resolveAction(row(0x0010, 0x1030), trial), Action::Keep);        // weight: K
  EXPECT_EQ(resolveAction(row(0x0010, 0x1020), trial), Action::Keep);        // size: K
  EXPECT_EQ(resolveAction(row(0x0010, 0x0040), trial), Action::Keep);        // sex: K
  EXPECT_EQ(resolveAction(row(0x0010, 0x1010), trial), Action::Keep);        // age: K
  EXPECT_EQ(resolveAction(row(0x0008, 0x0020), trial), Action::ShiftDates);  // study date
  EXPECT_EQ(resolveAction(row(0x0008, 0x0031), trial), Action::ShiftDates);  // series time
  EXPECT_EQ(resolveAction(row(0x0020, 0x000D), trial), Action::ReplaceUid);  // no Retain UIDs
  EXPECT_EQ(resolveAction(row(0x0008, 0x103E), trial), Action::CleanText);   // series description
  EXPECT_EQ(resolveAction(row(0x0008, 0x1010), trial), Action::Keep);        // station name
  EXPECT_EQ(resolveAction(row(0x0008, 0x0080), trial), Action::Dummy);       // institution
  EXPECT_EQ(resolveAction(row(0x0008, 0x0050), trial), Action::Empty);       // accession
  EXPECT_EQ(resolveAction(row(0x0010, 0x1040), trial), Action::Remove);      // address
  // Without options the basic profile alone.
  EXPECT_EQ(resolveAction(row(0x0010, 0x1030), ProfileOptions{}), Action::Remove);
  EXPECT_EQ(resolveAction(row(0x0008, 0x0020), ProfileOptions{}), Action::Empty);
}

}  // namespace
