// A crash-journal file (workflow/journal/JournalJson.cpp) is whatever a crash, a full disk or a
// hand left behind: any bytes are read into an entry or refused with a problem naming the file,
// never a crash or an exception; an accepted entry is written and read again to the same bytes,
// so that what the workstation would offer back is exactly what the next autosave would keep.
#include <QByteArray>
#include <chrono>
#include <cstdlib>

#include "workflow/journal/JournalJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nbra::workflow;
  // A fixed clock, so that a finding replays the same way on any day.
  const std::chrono::system_clock::time_point now{std::chrono::milliseconds(1767225600000)};
  const QString name = "fuzz.json";
  const JournalParse parsed = parseJournalEntry(
      QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), name, now);
  if (!parsed.entry) {
    if (parsed.problem.isEmpty() || !parsed.error().startsWith(name)) {
      std::abort();
    }
    return 0;
  }
  const QByteArray once = journalEntryToBytes(*parsed.entry);
  const JournalParse again = parseJournalEntry(once, name, now);
  if (!again.entry || journalEntryToBytes(*again.entry) != once ||
      again.entry->key != parsed.entry->key || again.entry->savedUtc != parsed.entry->savedUtc) {
    std::abort();
  }
  return 0;
}
