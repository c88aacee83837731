// The child of the crash test: writes user actions to a trial record in a loop and prints
// "ack NAME" after each commit returns, until it is killed.
//   nbra_records_crash_writer DBPATH PREFIX
#include <QCoreApplication>
#include <QDate>
#include <cstdio>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: nbra_records_crash_writer DBPATH PREFIX\n");
    return 2;
  }
  try {
    nbra::records::RecordDatabase db(QString::fromLocal8Bit(argv[1]));
    nbra::records::TrialRecord record(db, nbra::records::HashCost::Minimal);
    record.signIn("coord", "crash-test");
    std::printf("ready\n");
    std::fflush(stdout);
    for (int i = 0;; ++i) {
      const QString id = QString("%1-%2").arg(argv[2]).arg(i);
      record.createSubject({id, "F", std::nullopt, 8.0});
      std::printf("ack %s\n", qPrintable(id));
      std::fflush(stdout);
      record.recordBodyMeasurement(id, QDate(2026, 1, 1), 20.5, 115.0);
      std::printf("ack %s/weight\n", qPrintable(id));
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash writer: %s\n", e.what());
    return 1;
  }
}
