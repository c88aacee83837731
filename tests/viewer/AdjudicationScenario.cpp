#include "tests/viewer/AdjudicationScenario.h"

#include <array>

#include "records/users/Role.h"
#include "tests/records/ProtocolPreparation.h"
#include "workflow/adjudication/ReadOfRecord.h"

namespace nbra::viewer::adjudication::testing {

using records::testing::kPassword;
using records::testing::TestTrial;

namespace {

const QString kImageLiver = "1.2.826.0.1.3680043.8.498.2.1.41";
const QString kImageAdrenal = "1.2.826.0.1.3680043.8.498.2.1.33";

using P = std::array<double, 3>;

void place(records::LesionMeasurement& l, const QString& image, P start, P end,
           std::optional<P> shortStart = std::nullopt, std::optional<P> shortEnd = std::nullopt) {
  l.sopInstanceUid = image;
  l.frame = 1;
  l.startMm = start;
  l.endMm = end;
  l.shortStartMm = shortStart;
  l.shortEndMm = shortEnd;
}

records::LesionMeasurement* find(records::ReadContent& c, const QString& id) {
  for (records::LesionMeasurement& l : c.lesions) {
    if (l.trackingId == id) {
      return &l;
    }
  }
  return nullptr;
}

// SIOPEN scores of the 12 segments, and the marks in Curie's head segment (the only Curie segment
// the test baseline scores; the rules score bone by Curie when the baseline has it).
std::vector<records::MibgSegmentEntry> mibg(const std::array<int, 12>& scores, int headMarks) {
  std::vector<records::MibgSegmentEntry> out;
  for (int i = 0; i < 12; ++i) {
    out.push_back({"siopen", i, scores[static_cast<std::size_t>(i)], std::nullopt, false, 0});
  }
  out.push_back({"curie", 0, std::nullopt, headMarks, false, 0});
  return out;
}

// The test follow-up read with the two aspirates and two biopsies a marrow response needs (its
// one of each leaves the marrow, and so the overall response, not evaluable).
records::ReadContent followUpWithMarrow() {
  records::ReadContent c = records::testing::followUpRead();
  c.marrow = {{"aspirate", 0.0, false},
              {"aspirate", 0.0, false},
              {"biopsy", 0.0, false},
              {"biopsy", 0.0, false}};
  return c;
}

}  // namespace

records::ReadContent followUpReadA() {
  records::ReadContent c = followUpWithMarrow();
  records::LesionMeasurement* p1 = find(c, "P1");
  place(*p1, kImageAdrenal, {30.0, -5.0, 120.0}, {63.0, -5.0, 120.0}, P{46.5, -17.5, 120.0},
        P{46.5, 7.5, 120.0});
  records::LesionMeasurement* l1 = find(c, "L1");
  place(*l1, kImageLiver, {-40.5, 12.0, 142.5}, {-26.5, 12.0, 142.5}, P{-33.5, 7.0, 142.5},
        P{-33.5, 17.0, 142.5});
  records::LesionMeasurement fresh = *l1;
  fresh.trackingId = "L2";
  fresh.longAxisMm = 12.0;
  fresh.shortAxisMm = 9.0;
  fresh.role = "non-target";
  fresh.isNew = true;
  fresh.mibgAvid = true;
  place(fresh, kImageLiver, {-22.0, 31.0, 142.5}, {-10.0, 31.0, 142.5}, P{-16.0, 26.5, 142.5},
        P{-16.0, 35.5, 142.5});
  c.lesions.push_back(fresh);
  c.mibg = mibg({0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0}, 1);
  c.mibgNewBoneSites = 0;
  return c;
}

records::ReadContent followUpReadB() {
  records::ReadContent c = followUpWithMarrow();
  records::LesionMeasurement* p1 = find(c, "P1");
  // The same lengths as read A, measured a little elsewhere on the same image.
  place(*p1, kImageAdrenal, {31.0, -3.0, 120.0}, {64.0, -3.0, 120.0}, P{47.5, -15.5, 120.0},
        P{47.5, 9.5, 120.0});
  records::LesionMeasurement* l1 = find(c, "L1");
  l1->longAxisMm = 15.5;
  l1->shortAxisMm = 10.5;
  place(*l1, kImageLiver, {-41.5, 12.5, 142.5}, {-26.0, 12.5, 142.5}, P{-33.5, 7.25, 142.5},
        P{-33.5, 17.75, 142.5});
  c.mibg = mibg({0, 2, 1, 2, 0, 0, 0, 0, 0, 0, 1, 0}, 0);
  c.mibgNewBoneSites = 0;
  return c;
}

void assignDoubleReading(TestTrial& trial, const QString& studyId) {
  trial.as("admin");
  if (trial.record->readingDesign().design != records::kDoubleRead) {
    trial.record->setReadingDesign(records::kDoubleRead, {}, kDesignReason);
  }
  trial.as("coord");
  for (const QString& label : {kBaseline, kFollowUp}) {
    trial.record->assignReader(studyId, label, records::kReader1, "reader1");
    trial.record->assignReader(studyId, label, records::kReader2, "reader2");
    trial.record->assignReader(studyId, label, records::kAdjudicatorDuty, "adj");
  }
}

void readAndSign(TestTrial& trial, const QString& user, const QString& studyId,
                 const QString& label, const records::ReadContent& content) {
  trial.as(user);
  trial.record->saveRead(studyId, label, content);
  workflow::signReadAndCompare(*trial.record, studyId, label, kPassword);
}

void discordantFollowUp(TestTrial& trial) {
  trial.populate();
  readFollowUpDiscordantly(trial);
}

void readFollowUpDiscordantly(TestTrial& trial) {
  assignDoubleReading(trial, kSubject);
  readAndSign(trial, "reader1", kSubject, kBaseline, records::testing::baselineRead());
  readAndSign(trial, "reader2", kSubject, kBaseline, records::testing::baselineRead());
  readAndSign(trial, "reader1", kSubject, kFollowUp, followUpReadA());
  readAndSign(trial, "reader2", kSubject, kFollowUp, followUpReadB());
  trial.as("adj");
}

void enrolSecondSubject(TestTrial& trial, const QString& studyId) {
  trial.as("coord");
  trial.record->createSubject({studyId, "M", QDate(2020, 2, 11), std::nullopt});
  trial.record->recordBodyMeasurement(studyId, QDate(2026, 1, 10), 15.2, 101.0);
  for (const QDate& d : {QDate(2026, 1, 20), QDate(2026, 2, 10), QDate(2026, 3, 3)}) {
    trial.record->recordBodyMeasurement(studyId, d, 15.0, std::nullopt);
  }
  trial.enrolEligible(studyId, QDate(2026, 1, 15), "Site 02");
  int number = 1;
  for (const QDate& given : {QDate(2026, 1, 20), QDate(2026, 2, 10), QDate(2026, 3, 3)}) {
    records::testing::prepareInjection(*trial.record, studyId, number, given, 75'000'000);
    trial.record->recordInjection(studyId, number++, given, 75'000'000);
  }
  trial.record->addTimepoint(studyId, kBaseline, "baseline", QDate(2026, 1, 13),
                             {"1.2.826.0.1.3680043.8.498.7"});
  trial.record->addTimepoint(studyId, kFollowUp, "follow-up", QDate(2026, 3, 31),
                             {"1.2.826.0.1.3680043.8.498.8"});
}

void readResponseDiscordantly(TestTrial& trial, const QString& studyId) {
  assignDoubleReading(trial, studyId);
  readAndSign(trial, "reader1", studyId, kBaseline, records::testing::baselineRead());
  readAndSign(trial, "reader2", studyId, kBaseline, records::testing::baselineRead());
  readAndSign(trial, "reader1", studyId, kFollowUp, records::testing::followUpRead());
  records::ReadContent growth = records::testing::followUpRead();
  growth.lesions[0].longAxisMm = 64.0;
  growth.lesions[1].longAxisMm = 45.0;
  growth.lesions[2].longAxisMm = 30.0;
  readAndSign(trial, "reader2", studyId, kFollowUp, growth);
  trial.as("coord");
}

void injectionFourDueOn(TestTrial& trial, const QString& studyId, const QDate& due) {
  trial.as("coord");
  trial.record->recordCourseEnd(studyId, 4, records::testing::courseEndFor(due));
}

}  // namespace nbra::viewer::adjudication::testing
