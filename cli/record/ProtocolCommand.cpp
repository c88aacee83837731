#include "cli/record/ProtocolCommand.h"

#include <QFile>
#include <QJsonArray>
#include <cmath>

#include "workflow/protocol/ChecklistEntry.h"
#include "workflow/protocol/ProtocolJson.h"
#include "workflow/protocol/SubjectTimeline.h"

namespace nbra::cli {

namespace {

int wholeNumber(const RecordArgs& a, const QString& name) {
  bool ok = false;
  const int v = a.required(name).toInt(&ok);
  if (!ok) {
    badArgument(name + " '" + a.value(name) + "' is not a whole number");
  }
  return v;
}

// A count of cells: a whole number that fits, written plainly or as 9.8e7.
std::int64_t cellCount(const RecordArgs& a, const QString& name) {
  const double v = numberOption(a, name);
  if (!std::isfinite(v) || v != std::floor(v) || std::abs(v) > 9.0e15) {
    badArgument(name + " '" + a.value(name) + "' is not a whole number of cells");
  }
  return static_cast<std::int64_t>(v);
}

QDate todayOption(const RecordArgs& a) {
  return a.has("--today") ? dateOption(a, "--today") : QDate::currentDate();
}

QString subjectArg(const RecordArgs& a) {
  return a.positional().value(a.positional().size() > 1 ? 1 : 0);
}

const char* const kChecklistUsage =
    "usage: record checklist items | answer ID --item KEY --answer yes|no|NUMBER [--unit U] "
    "--date D --source S [--reason R] | answers ID --file F [--reason R] | show ID [--date D] | "
    "history ID | sign ID --date D --reason R";

}  // namespace

QJsonObject checklistCommand(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "items") {
    expectOptions(a, {}, 1, kChecklistUsage);
    return {{"items", workflow::checklistItemsJson()}};
  }
  if (verb == "answer") {
    expectOptions(a, {"--item", "--answer", "--unit", "--date", "--source", "--reason"}, 2,
                  kChecklistUsage);
    workflow::requireUnitForNumbers(a.required("--item"), a.value("--unit"));
    const records::ChecklistAnswerInput in = workflow::checklistAnswerFromText(
        a.required("--item"), a.required("--answer"), a.value("--unit"), dateOption(a, "--date"),
        a.required("--source"));
    RecordSession s = openSession(a);
    const qint64 id = s.record->recordChecklistAnswer(subjectArg(a), in, a.value("--reason"));
    return {{"subject", subjectArg(a)},
            {"item", in.key},
            {"answer", workflow::checklistAnswerText(in)},
            {"id", static_cast<double>(id)}};
  }
  if (verb == "answers") {
    expectOptions(a, {"--file", "--reason"}, 2, kChecklistUsage);
    QFile f(a.required("--file"));
    if (!f.open(QIODevice::ReadOnly)) {
      badArgument("cannot read " + f.fileName() + ": " + f.errorString());
    }
    const auto answers = workflow::checklistAnswersFromJson(f.read(1 << 20), f.fileName());
    RecordSession s = openSession(a);
    QJsonArray ids;
    for (qint64 id :
         s.record->recordChecklistAnswers(subjectArg(a), answers, a.value("--reason"))) {
      ids.append(static_cast<double>(id));
    }
    return {{"subject", subjectArg(a)}, {"answersRecorded", ids.size()}, {"ids", ids}};
  }
  if (verb == "show") {
    expectOptions(a, {"--date"}, 2, kChecklistUsage);
    const QDate on = a.has("--date") ? dateOption(a, "--date") : QDate::currentDate();
    RecordSession s = openSession(a);
    const records::ChecklistReview review = s.record->checklistReview(subjectArg(a), on);
    QJsonObject o =
        workflow::checklistReviewJson(review, s.record->checklistSignoff(subjectArg(a)));
    o["subject"] = subjectArg(a);
    return o;
  }
  if (verb == "history") {
    expectOptions(a, {}, 2, kChecklistUsage);
    RecordSession s = openSession(a);
    QJsonArray out;
    for (const records::ChecklistAnswerRecord& r : s.record->checklistHistory(subjectArg(a))) {
      out.append(QJsonObject{{"id", static_cast<double>(r.id)},
                             {"item", r.answer.key},
                             {"answer", workflow::checklistAnswerText(r.answer)},
                             {"date", r.answer.date.toString(Qt::ISODate)},
                             {"source", r.answer.sourceDocument},
                             {"reason", r.reason},
                             {"recordedBy", r.recordedByName},
                             {"recordedUtc", r.recordedUtc}});
    }
    return {{"subject", subjectArg(a)}, {"answers", out}};
  }
  if (verb == "sign") {
    expectOptions(a, {"--date", "--reason"}, 2, kChecklistUsage);
    const QDate on = dateOption(a, "--date");
    RecordSession s = openSession(a);
    s.record->signChecklist(subjectArg(a), on, a.required("--reason"), signingPassword(a));
    return {{"subject", subjectArg(a)},
            {"signed", workflow::checklistSignoffJson(*s.record->checklistSignoff(subjectArg(a)))}};
  }
  badArgument(kChecklistUsage);
}

QJsonObject courseCommand(const RecordArgs& a) {
  expectOptions(a, {"--number", "--end-date", "--reason"}, 1,
                "record course ID --number N --end-date D [--reason R]");
  const int number = wholeNumber(a, "--number");
  const QDate end = dateOption(a, "--end-date");
  RecordSession s = openSession(a);
  const qint64 id = s.record->recordCourseEnd(a.positional()[0], number, end, a.value("--reason"));
  return {{"subject", a.positional()[0]},
          {"course", number},
          {"endDate", end.toString(Qt::ISODate)},
          {"id", static_cast<double>(id)}};
}

QJsonObject scheduleCommand(const RecordArgs& a) {
  expectOptions(a, {"--today"}, 1, "record schedule ID [--today D]");
  const QDate today = todayOption(a);
  RecordSession s = openSession(a);
  return {{"subject", a.positional()[0]},
          {"today", today.toString(Qt::ISODate)},
          {"injections",
           workflow::scheduleJson(s.record->injectionSchedule(a.positional()[0], today))}};
}

QJsonObject lotCommand(const RecordArgs& a) {
  const QString verb = a.positional().value(0);
  if (verb == "list") {
    expectOptions(a, {}, 1);
    RecordSession s = openSession(a);
    QJsonArray out;
    for (const records::ProductLotRecord& l : s.record->productLots()) {
      out.append(workflow::productLotJson(l));
    }
    return {{"lots", out}};
  }
  if (verb == "add") {
    expectOptions(
        a,
        {"--donor", "--apheresis-date", "--separation-date", "--cryopreserved-date", "--storage-c",
         "--sterility", "--viable-cells", "--viability", "--purity", "--active-phenotype"},
        2);
    records::ProductLotInput in;
    in.lotCode = a.positional()[1];
    in.donorCode = a.required("--donor");
    in.apheresisDate = dateOption(a, "--apheresis-date");
    in.separationDate = dateOption(a, "--separation-date");
    in.cryopreservedDate = dateOption(a, "--cryopreserved-date");
    if (a.has("--storage-c")) {
      in.storageTemperatureC = numberOption(a, "--storage-c");
    }
    in.sterility = a.required("--sterility");
    in.viableCells = cellCount(a, "--viable-cells");
    in.viabilityPercent = numberOption(a, "--viability");
    in.purityPercent = numberOption(a, "--purity");
    in.activePhenotypePercent = numberOption(a, "--active-phenotype");
    RecordSession s = openSession(a);
    s.record->recordProductLot(in);
    for (const records::ProductLotRecord& l : s.record->productLots()) {
      if (l.lot.lotCode == in.lotCode) {
        return workflow::productLotJson(l);
      }
    }
    return {{"lot", in.lotCode}};
  }
  badArgument(
      "usage: record lot add CODE --donor D --apheresis-date D --separation-date D "
      "--cryopreserved-date D [--storage-c T] --sterility negative|positive|pending "
      "--viable-cells N --viability P --purity P --active-phenotype P | list");
}

QJsonObject thawCommand(const RecordArgs& a) {
  expectOptions(
      a, {"--injection", "--lot", "--date", "--viability", "--viable-cells", "--sterility"}, 1,
      "record thaw ID --injection N --lot CODE --date D --viability P --viable-cells N "
      "--sterility negative|positive|pending");
  records::ThawCheckInput in;
  const int number = wholeNumber(a, "--injection");
  in.thawDate = dateOption(a, "--date");
  in.viabilityPercent = numberOption(a, "--viability");
  in.viableCells = cellCount(a, "--viable-cells");
  in.sterility = a.required("--sterility");
  RecordSession s = openSession(a);
  const qint64 id = s.record->recordThawCheck(a.positional()[0], number, a.required("--lot"), in);
  for (const records::ThawCheckRecord& c : s.record->thawChecks(a.positional()[0])) {
    if (c.id == id) {
      return workflow::thawCheckJson(c);
    }
  }
  return {{"id", static_cast<double>(id)}};
}

QJsonObject timelineCommand(const RecordArgs& a) {
  expectOptions(a, {"--today"}, 1, "record timeline ID [--today D]");
  const QDate today = todayOption(a);
  RecordSession s = openSession(a);
  QJsonArray out;
  for (const workflow::TimelineEvent& e :
       workflow::subjectTimeline(*s.record, a.positional()[0], today)) {
    out.append(QJsonObject{{"date", e.date.toString(Qt::ISODate)},
                           {"kind", e.kind},
                           {"text", e.text},
                           {"flagged", e.flagged}});
  }
  return {{"subject", a.positional()[0]}, {"events", out}};
}

}  // namespace nbra::cli
