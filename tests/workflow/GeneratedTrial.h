#pragma once

// A generated trial for the results and SDTM tests (issue 18): 10 subjects allocated 1:1 by
// NBRA's own list, each with a baseline and two follow-ups read by reader1 and assessed by the
// investigator through the real rules. The readings are random but seeded: each follow-up scales
// the baseline's lesions and Curie scores by a drawn factor, and the generator keeps what it drew
// so a test can compute the expected values without asking the code under test.

#include <QDate>
#include <QString>
#include <map>
#include <vector>

#include "tests/records/RecordTestSupport.h"

namespace nbra::workflow::testing {

struct GeneratedTimepoint {
  QString label;
  QDate date;
  double targetSumMm = 0.0;  // what the generator drew: L1 long axis + N1 short axis
  int curieTotal = 0;        // the Curie segment scores it typed, summed
};

struct GeneratedSubject {
  QString studyId;
  QDate enrolled;
  std::vector<GeneratedTimepoint> timepoints;  // baseline first
  std::vector<QDate> injections;
};

struct GeneratedTrial {
  records::testing::TestTrial trial;
  std::vector<GeneratedSubject> subjects;
};

// Fills `t` (a fresh TestTrial, users only) and leaves the investigator signed in and unmasked.
// `armForEverySubject` false leaves the last subject without an arm. `subjects` (10, the trial's
// size, unless a benchmark asks for more) are NB-101, NB-102, ...
void generateTrial(GeneratedTrial& t, unsigned seed = 20261206, bool armForEverySubject = true,
                   int subjects = 10);

}  // namespace nbra::workflow::testing
