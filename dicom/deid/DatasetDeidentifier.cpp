#include "dicom/deid/DatasetDeidentifier.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrda.h>

#include <cstdio>
#include <set>
#include <stdexcept>

#include "dicom/deid/DateShift.h"
#include "dicom/deid/PrivateSafeList.h"
#include "dicom/deid/TextCleaner.h"

namespace nbra::dicom::deid {
namespace {

std::string tagText(std::uint16_t g, std::uint16_t e) {
  char text[16];
  std::snprintf(text, sizeof text, "(%04X,%04X)", g, e);
  return text;
}

std::uint32_t tagKey(std::uint16_t g, std::uint16_t e) {
  return (std::uint32_t{g} << 16) | e;
}

std::string valueOf(DcmElement& element) {
  OFString value;
  if (element.getOFStringArray(value).bad())
    return {};
  return value.c_str();
}

std::vector<std::string> splitValues(const std::string& text) {
  std::vector<std::string> values;
  std::string current;
  for (char c : text) {
    if (c == '\\') {
      values.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  values.push_back(current);
  return values;
}

std::string joinValues(const std::vector<std::string>& values) {
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i)
      text += '\\';
    text += values[i];
  }
  return text;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
    s.pop_back();
  while (!s.empty() && s.front() == ' ')
    s.erase(s.begin());
  return s;
}

bool isStringVr(DcmEVR vr) {
  switch (vr) {
    case EVR_AE:
    case EVR_AS:
    case EVR_CS:
    case EVR_DA:
    case EVR_DS:
    case EVR_DT:
    case EVR_IS:
    case EVR_LO:
    case EVR_LT:
    case EVR_PN:
    case EVR_SH:
    case EVR_ST:
    case EVR_TM:
    case EVR_UC:
    case EVR_UI:
    case EVR_UR:
    case EVR_UT:
      return true;
    default:
      return false;
  }
}

// A dummy value valid for its VR (PS3.15 E.1.1: "a non-zero length value that may be a dummy
// value and consistent with the VR").
const char* dummyFor(DcmEVR vr) {
  switch (vr) {
    case EVR_PN:
      return "ANONYMIZED";
    case EVR_DA:
      return "19000101";
    case EVR_TM:
      return "000000";
    case EVR_DT:
      return "19000101000000";
    case EVR_AS:
      return "000D";
    case EVR_IS:
    case EVR_DS:
      return "0";
    case EVR_CS:
      return "ANONYMIZED";
    case EVR_AE:
      return "ANONYMIZED";
    case EVR_UR:
      return "";
    default:
      return "ANONYMIZED";
  }
}

// A safe private element keeps only numbers: a binary float or double, or DS text (digits,
// sign, point, exponent, spaces, backslashes between values). Anything else may be text about
// a person and goes.
bool holdsNumbersOnly(DcmElement& element) {
  const DcmEVR vr = element.ident();
  if (vr == EVR_FL || vr == EVR_FD || vr == EVR_SL || vr == EVR_UL || vr == EVR_SS ||
      vr == EVR_US) {
    return true;
  }
  std::string text;
  if (isStringVr(vr)) {
    text = valueOf(element);
  } else {
    Uint8* bytes = nullptr;
    const Uint32 length = element.getLength();
    if (element.getUint8Array(bytes).bad() || bytes == nullptr)
      return length == 0;
    if (length == 4 || length == 8)
      return true;  // an FL or FD read as UN
    text.assign(reinterpret_cast<const char*>(bytes), length);
  }
  for (char c : text) {
    const bool numeric = (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == 'e' ||
                         c == 'E' || c == ' ' || c == '\\' || c == '\0';
    if (!numeric)
      return false;
  }
  return true;
}

// Attributes that hold SOP class or transfer syntax UIDs: never mapped, a vendor's private
// class included (a reader needs it to know what the object is).
bool holdsClassUids(std::uint16_t g, std::uint16_t e) {
  const std::uint32_t tag = (std::uint32_t{g} << 16) | e;
  switch (tag) {
    case 0x00080016:  // SOP Class UID
    case 0x0008001A:  // Related General SOP Class UID
    case 0x0008001B:  // Original Specialized SOP Class UID
    case 0x00080062:  // SOP Classes in Study
    case 0x00081150:  // Referenced SOP Class UID
    case 0x00041510:  // Referenced SOP Class UID in File
    case 0x00041512:  // Referenced Transfer Syntax UID in File
      return true;
    default:
      return false;
  }
}

// The overlay repeating groups 6000-601E (even).
bool isOverlayGroup(std::uint16_t g) {
  return (g & 0xFF01) == 0x6000;
}

}  // namespace

struct DatasetDeidentifier::Walk {
  DatasetOutcome outcome;
  TextCleaner cleaner;
  std::set<std::uint16_t> overlayGroupsToRemove;

  // `what` is a string literal; `name` is called only for the first occurrence.
  template <class Name>
  void note(std::uint16_t g, std::uint16_t e, std::string_view what, Name&& name) {
    auto& entry = outcome.attributes[{tagKey(g, e), what}];
    if (entry.count++ == 0)
      entry.name = name();
  }
};

DatasetDeidentifier::DatasetDeidentifier(const TrialKey& key, TrialIdentity identity,
                                         int dateOffsetDays, ProfileOptions options)
    : key_(key),
      identity_(std::move(identity)),
      dateOffsetDays_(dateOffsetDays),
      options_(options) {
  for (const ProfileRow& row : ProfileTable::standard().rows()) {
    actions_.push_back(resolveAction(row, options_));
  }
}

std::string tagText(std::uint32_t tag) {
  return tagText(static_cast<std::uint16_t>(tag >> 16), static_cast<std::uint16_t>(tag & 0xFFFF));
}

DatasetOutcome DatasetDeidentifier::apply(DcmDataset& dataset) const {
  Walk walk;
  // What a description must never repeat: the identifying values the dataset itself holds.
  for (const DcmTagKey& tag : {DCM_PatientName,
                               DCM_PatientID,
                               DcmTagKey(0x0010, 0x1000),
                               DCM_OtherPatientNames,
                               DCM_PatientBirthName,
                               DCM_PatientMotherBirthName,
                               DCM_AccessionNumber,
                               DCM_InstitutionName,
                               DCM_InstitutionAddress,
                               DCM_ReferringPhysicianName,
                               DCM_PerformingPhysicianName,
                               DCM_OperatorsName,
                               DCM_NameOfPhysiciansReadingStudy,
                               DCM_PatientBirthDate,
                               DCM_StudyDate,
                               DCM_SeriesDate,
                               DCM_AcquisitionDate,
                               DCM_ContentDate,
                               DCM_StudyID,
                               DCM_PatientAddress,
                               DCM_RequestingPhysician}) {
    OFString value;
    if (dataset.findAndGetOFStringArray(tag, value).good()) {
      walk.cleaner.addIdentifier(value.c_str());
    }
  }
  walkItem(dataset, walk, 0);
  writeTrialAttributes(dataset);
  return std::move(walk.outcome);
}

void DatasetDeidentifier::walkItem(DcmItem& item, Walk& walk, int depth) const {
  std::vector<DcmElement*> removals;
  // Private blocks (group, block) that keep a safe element, and so keep their creator.
  std::set<std::uint32_t> keptBlocks;
  std::vector<DcmElement*> creators;
  for (unsigned long i = 0; i < item.card(); ++i) {
    DcmElement* element = item.getElement(i);
    if (element == nullptr)
      continue;
    const std::uint16_t g = element->getGTag();
    const std::uint16_t e = element->getETag();
    if (g % 2 == 1) {
      if (e >= 0x0010 && e <= 0x00FF) {
        creators.push_back(element);
        continue;
      }
      std::string creator;
      if (e >= 0x1000) {
        OFString value;
        if (item.findAndGetOFString(DcmTagKey(g, static_cast<Uint16>(e >> 8)), value).good()) {
          creator = value.c_str();
        }
      }
      const SafePrivateElement* safe =
          e >= 0x1000 ? findSafePrivate(g, creator, static_cast<std::uint8_t>(e & 0xFF)) : nullptr;
      if (safe == nullptr) {
        walk.note(g, e, "removed (private)", [&] {
          return std::string(trimmed(creator).empty() ? "private" : trimmed(creator));
        });
        removals.push_back(element);
        continue;
      }
      const auto keepBlock = [&] { keptBlocks.insert((std::uint32_t{g} << 16) | (e >> 8)); };
      if (safe->isDateTime) {
        // Implicit VR files give an unknown private element as UN: its bytes are the text.
        std::string text;
        if (isStringVr(element->ident())) {
          text = valueOf(*element);
        } else {
          Uint8* bytes = nullptr;
          if (element->getUint8Array(bytes).good() && bytes != nullptr) {
            text.assign(reinterpret_cast<const char*>(bytes), element->getLength());
          }
        }
        const auto shifted = shiftDateTime(trimmed(text), dateOffsetDays_);
        if (!shifted) {
          walk.note(g, e, "removed (safe private, not a date-time)",
                    [&] { return std::string(safe->name); });
          removals.push_back(element);
          continue;
        }
        std::string padded = *shifted;
        if (padded.size() % 2)
          padded += ' ';
        const OFCondition put =
            isStringVr(element->ident())
                ? element->putString(shifted->c_str())
                : element->putUint8Array(reinterpret_cast<const Uint8*>(padded.data()),
                                         static_cast<unsigned long>(padded.size()));
        if (put.bad()) {
          removals.push_back(element);
          continue;
        }
        keepBlock();
        walk.note(g, e, "kept, date shifted (safe private)",
                  [&] { return std::string(safe->name); });
      } else if (holdsNumbersOnly(*element)) {
        keepBlock();
        walk.note(g, e, "kept (safe private)", [&] { return std::string(safe->name); });
      } else {
        walk.note(g, e, "removed (safe private, not a number)",
                  [&] { return std::string(safe->name); });
        removals.push_back(element);
      }
      continue;
    }
    handleElement(item, *element, walk, depth, removals);
  }
  for (DcmElement* creator : creators) {
    const std::uint16_t g = creator->getGTag();
    const std::uint16_t block = creator->getETag();
    if (keptBlocks.count((std::uint32_t{g} << 16) | block) == 0) {
      walk.note(g, block, "removed (private)", [&] { return std::string("private creator"); });
      removals.push_back(creator);
    }
  }
  // Overlay groups whose data the table removes go whole.
  for (unsigned long i = 0; i < item.card(); ++i) {
    DcmElement* element = item.getElement(i);
    if (element != nullptr && walk.overlayGroupsToRemove.count(element->getGTag()) != 0) {
      removals.push_back(element);
    }
  }
  std::set<DcmElement*> removed;
  for (DcmElement* element : removals) {
    if (!removed.insert(element).second)
      continue;
    DcmElement* taken = item.remove(element);
    delete taken;
  }
}

void DatasetDeidentifier::handleElement(DcmItem& item, DcmElement& element, Walk& walk, int depth,
                                        std::vector<DcmElement*>& removals) const {
  (void)item;
  const std::uint16_t g = element.getGTag();
  const std::uint16_t e = element.getETag();
  const DcmEVR vr = element.ident();
  if (g == 0x0002 || (e == 0x0000 && g != 0x0000)) {
    // A file meta element or a group length inside the dataset: DCMTK writes fresh ones.
    removals.push_back(&element);
    return;
  }
  const ProfileRow* row = ProfileTable::standard().find(g, e);
  const auto rowIndex = [&] {
    return static_cast<std::size_t>(row - ProfileTable::standard().rows().data());
  };
  Action action = row != nullptr ? actions_[rowIndex()] : Action::Keep;
  // DCMTK's dictionary lookup takes a lock: only once per reported attribute.
  const auto nameOf = [&]() -> std::string {
    return row != nullptr ? row->name : DcmTag(element.getTag()).getTagName();
  };
  // An attribute NBRA cannot type (VR UN: unknown to DCMTK's dictionary, or written as UN) may
  // hold a date or a UID that the rules below would miss: it goes unless the table keeps it.
  if (vr == EVR_UN) {
    if (row != nullptr && action == Action::Keep) {
      walk.note(g, e, "kept", nameOf);
    } else {
      walk.note(g, e, "removed (value of unknown type, VR UN)", nameOf);
      removals.push_back(&element);
    }
    return;
  }
  if (row == nullptr && action == Action::Keep && vr != EVR_SQ && vr != EVR_DA && vr != EVR_DT &&
      vr != EVR_UI) {
    return;  // not listed, nothing inside, no date, no UID: kept as it is
  }

  if (isOverlayGroup(g) && action == Action::Remove) {
    walk.overlayGroupsToRemove.insert(g);
  }
  if (vr == EVR_SQ) {
    auto& sequence = static_cast<DcmSequenceOfItems&>(element);
    if (action == Action::Remove) {
      walk.note(g, e, "removed", nameOf);
      removals.push_back(&element);
    } else if (action == Action::Empty || action == Action::Dummy) {
      walk.note(g, e, "emptied", nameOf);
      sequence.clear();
    } else {
      // Keep, ReplaceUid (a sequence has no UID of its own), ShiftDates, CleanText: what is
      // inside is treated by its own rows.
      for (unsigned long k = 0; k < sequence.card(); ++k) {
        if (DcmItem* child = sequence.getItem(k))
          walkItem(*child, walk, depth + 1);
      }
    }
    return;
  }

  // Dates that survive move by the subject's offset, listed or not.
  auto shiftDates = [&]() {
    const std::string value = valueOf(element);
    if (value.empty())
      return;
    std::vector<std::string> values = splitValues(value);
    for (std::string& v : values) {
      const std::string t = trimmed(v);
      if (t.empty())
        continue;
      const auto moved =
          vr == EVR_DA ? shiftDate(t, dateOffsetDays_) : shiftDateTime(t, dateOffsetDays_);
      if (!moved) {
        walk.outcome.warnings.push_back(tagText(g, e) + " " + nameOf() + ": '" + t +
                                        "' is not a date NBRA can shift; emptied");
        element.clear();
        walk.note(g, e, "emptied (not a valid date)", nameOf);
        return;
      }
      v = *moved;
    }
    element.putString(joinValues(values).c_str());
    walk.note(g, e, "date shifted", nameOf);
  };
  auto mapUids = [&]() {
    const std::string value = valueOf(element);
    if (value.empty())
      return;
    std::vector<std::string> values = splitValues(value);
    bool changed = false;
    for (std::string& v : values) {
      const std::string t = trimmed(v);
      if (t.empty())
        continue;
      // A UID the standard itself defines (SOP class, transfer syntax, coding scheme...)
      // identifies no one and must stay as it is, even one newer than DCMTK's dictionary.
      if (action != Action::ReplaceUid &&
          (t.rfind("1.2.840.10008.", 0) == 0 || dcmFindNameOfUID(t.c_str(), nullptr) != nullptr)) {
        continue;
      }
      v = key_.uidFor(t);
      changed = true;
    }
    if (changed) {
      element.putString(joinValues(values).c_str());
      walk.note(g, e, "UID replaced", nameOf);
    }
  };

  switch (action) {
    case Action::Remove:
      walk.note(g, e, "removed", nameOf);
      removals.push_back(&element);
      return;
    case Action::Empty:
      walk.note(g, e, "emptied", nameOf);
      element.clear();
      return;
    case Action::Dummy:
      if (vr == EVR_UI) {
        mapUids();
        return;
      }
      walk.note(g, e, "replaced by a dummy value", nameOf);
      if (isStringVr(vr)) {
        element.putString(dummyFor(vr));
      } else {
        element.clear();
      }
      return;
    case Action::ReplaceUid:
      if (vr == EVR_UI) {
        mapUids();
      } else {
        walk.note(g, e, "removed", nameOf);
        removals.push_back(&element);
      }
      return;
    case Action::CleanText: {
      if (!isStringVr(vr) || vr == EVR_UI || vr == EVR_DA || vr == EVR_DT || vr == EVR_TM) {
        walk.note(g, e, "removed", nameOf);
        removals.push_back(&element);
        return;
      }
      const std::string before = valueOf(element);
      const std::string after = walk.cleaner.clean(before);
      if (after != trimmed(before)) {
        element.putString(after.c_str());
        walk.note(g, e, "text cleaned", nameOf);
      } else {
        walk.note(g, e, "kept (clean)", nameOf);
      }
      return;
    }
    case Action::ShiftDates:
    case Action::Keep:
      if (vr == EVR_DA || vr == EVR_DT) {
        shiftDates();
      } else if (vr == EVR_UI && row == nullptr && !holdsClassUids(g, e)) {
        mapUids();  // a UID the table does not list: mapped unless the standard defines it
      } else if (row != nullptr) {
        walk.note(g, e, "kept", nameOf);  // K under an option (Device UID: Retain Device Identity)
      }
      return;
  }
}

std::vector<std::string> deidentificationMethodText() {
  return {"NBRA PS3.15 E.1 Basic Profile",
          "Retain Longitudinal Modified Dates",
          "Retain Patient Characteristics",
          "Retain Device Identity",
          "Clean Descriptors",
          "Retain Safe Private"};
}

void DatasetDeidentifier::writeTrialAttributes(DcmDataset& dataset) const {
  auto put = [&](const DcmTagKey& tag, const std::string& value) {
    if (dataset.putAndInsertString(tag, value.c_str()).bad()) {
      throw std::runtime_error("cannot write " + std::string(DcmTag(tag).getTagName()));
    }
  };
  auto putIfSet = [&](const DcmTagKey& tag, const std::string& value) {
    if (!value.empty())
      put(tag, value);
  };
  put(DCM_PatientName, identity_.subjectId);
  put(DCM_PatientID, identity_.subjectId);
  // Clinical Trial Subject (PS3.3 C.7.1.3): sponsor and protocol id are type 1, the rest type 2
  // (present, possibly empty); Clinical Trial Study: the timepoint id is type 2.
  put(DCM_ClinicalTrialSponsorName, identity_.sponsorName);
  put(DCM_ClinicalTrialProtocolID, identity_.protocolId);
  put(DCM_ClinicalTrialProtocolName, identity_.protocolName);
  put(DCM_ClinicalTrialSiteID, identity_.siteId);
  put(DCM_ClinicalTrialSiteName, identity_.siteName);
  put(DCM_ClinicalTrialSubjectID, identity_.subjectId);
  put(DCM_ClinicalTrialTimePointID, identity_.timepointId);
  putIfSet(DCM_ClinicalTrialTimePointDescription, identity_.timepointDescription);
  // Clinical Trial Series: the coordinating center name is type 2.
  put(DCM_ClinicalTrialCoordinatingCenterName, "");
  put(DCM_PatientIdentityRemoved, "YES");
  put(DCM_LongitudinalTemporalInformationModified, "MODIFIED");
  std::string method;
  for (const std::string& part : deidentificationMethodText()) {
    method += (method.empty() ? "" : "\\") + part;
  }
  put(DCM_DeidentificationMethod, method);
  // CID 7050 De-identification Method: the profile and each option claimed.
  dataset.findAndDeleteElement(DCM_DeidentificationMethodCodeSequence);
  const std::pair<const char*, const char*> codes[] = {
      {"113100", "Basic Application Confidentiality Profile"},
      {"113107", "Retain Longitudinal Temporal Information Modified Dates Option"},
      {"113108", "Retain Patient Characteristics Option"},
      {"113109", "Retain Device Identity Option"},
      {"113105", "Clean Descriptors Option"},
      {"113111", "Retain Safe Private Option"},
  };
  for (const auto& [value, meaning] : codes) {
    DcmItem* item = nullptr;
    if (dataset.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, item, -2).bad() ||
        item == nullptr) {
      throw std::runtime_error("cannot write De-identification Method Code Sequence");
    }
    item->putAndInsertString(DCM_CodeValue, value);
    item->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
    item->putAndInsertString(DCM_CodeMeaning, meaning);
  }
}

}  // namespace nbra::dicom::deid
