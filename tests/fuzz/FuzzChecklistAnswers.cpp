// The checklist answers file of `nbra-cli record checklist answers --file` (workflow/protocol/
// ProtocolJson.cpp), then the rules on what it read: any text is read into answers or refused
// with a RecordError naming the entry; answers are judged valid or refused by name
// (std::invalid_argument); the checklist is evaluated or refused, never a crash or a NaN verdict.
#include <stdexcept>

#include "records/database/RecordError.h"
#include "records/store/DateConversion.h"
#include "scoring/checklist/EligibilityChecklist.h"
#include "workflow/protocol/ProtocolJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nbra;
  std::vector<records::ChecklistAnswerInput> answers;
  try {
    answers = workflow::checklistAnswersFromJson(
        QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), "fuzz.json");
  } catch (const records::RecordError&) {
    return 0;
  }
  scoring::ChecklistInput input;
  input.birthDate = std::chrono::year_month_day{std::chrono::year(2015), std::chrono::month(3),
                                                std::chrono::day(10)};
  input.enrolmentDate = std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(2),
                                                    std::chrono::day(2)};
  input.imagingEligible = true;
  for (const records::ChecklistAnswerInput& a : answers) {
    scoring::ChecklistAnswer r;
    r.key = a.key.toStdString();
    r.yes = a.yes;
    r.value = a.value;
    r.unit = a.unit.toStdString();
    r.date = records::detail::toChronoDate(a.date);
    r.sourceDocument = a.sourceDocument.toStdString();
    try {
      scoring::validateChecklistAnswer(r, input.birthDate, input.enrolmentDate);
      input.answers.push_back(r);
    } catch (const std::invalid_argument&) {
    }
  }
  const scoring::ChecklistResult result = scoring::evaluateChecklist(input);
  if (result.eligible && !result.complete) {
    std::abort();
  }
  return 0;
}
