// Blinded double reading with adjudication through nbra-cli as processes (docs/adjudication.md,
// "From the command line"), on a SQLite record file: the same flow as AdjudicationFlowTest must
// give the same comparison and the same outcome as the API on a record made alongside; what
// `record adjudicate` refuses writes nothing; the adjudicator's view names no reader; the reader
// metrics count the comparisons.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>

#include "tests/decide/AdjudicationFlow.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/assessment/RecordAssessment.h"

namespace nbra::decide::testing {
namespace {

// What must never appear in what the adjudicator is shown: the readers' accounts and names.
QStringList readerNames() {
  return {"reader1", "reader2", "Dr Rita Reader", kReader2FullName};
}

QString errorOf(const CliRun& run) {
  return run.json.value("error").toObject().value("message").toString();
}

qint64 idOf(const CliRun& run, const char* key) {
  return static_cast<qint64>(run.json.value(key).toDouble());
}

bool listed(const CliRun& worklist, const QString& task, const SyntheticSubject& s,
            const QString& label) {
  for (const QJsonValue& v : worklist.json.value("items").toArray()) {
    const QJsonObject i = v.toObject();
    if (i.value("task").toString() == task && i.value("subject").toString() == s.id &&
        i.value("timepoint").toString() == label) {
      return true;
    }
  }
  return false;
}

QString overallOf(const QJsonObject& assessment) {
  return assessment.value("timepoints")
      .toArray()
      .last()
      .toObject()
      .value("response")
      .toObject()
      .value("overall")
      .toObject()
      .value("response")
      .toString();
}

class AdjudicationCli : public ::testing::TestWithParam<const char*> {};

TEST_P(AdjudicationCli, GivesTheApiOutcomeAndRefusesWithoutWriting) {
  LOAD_OR_SKIP(s);
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString db = dir.filePath("record.sqlite");
  const PlannedDifference plan = plannedDifference(*s);
  const QString reader2Case = writeReader2Case(*s, dir.path());
  ASSERT_FALSE(reader2Case.isEmpty());
  const QString base = s->baselineLabel;
  const QString follow = s->followUpLabel;

  runCliSetUp(db, *s);
  runCliDoubleReadingUsers(db);

  // The design: implausible settings refused by name, then double with the defaults.
  EXPECT_TRUE(errorOf(runCli(db, "admin",
                             {"record", "design", "set", "double", "--reason", kDesignReason,
                              "--curie-threshold", "31"},
                             2))
                  .contains("31"));
  EXPECT_TRUE(errorOf(runCli(db, "admin",
                             {"record", "design", "set", "double", "--reason", kDesignReason,
                              "--no-trigger", "sumOfDiametersMm"},
                             2))
                  .contains("threshold"));
  EXPECT_TRUE(errorOf(runCli(db, "coord",
                             {"record", "design", "set", "double", "--reason", kDesignReason}, 2))
                  .contains("may not set the reading design"));
  const CliRun design =
      runCli(db, "admin", {"record", "design", "set", "double", "--reason", kDesignReason});
  EXPECT_EQ(design.json.value("design").toObject().value("design").toString(), "double");
  const QJsonObject shown =
      runCli(db, "inv", {"record", "design", "show"}).json.value("design").toObject();
  EXPECT_EQ(shown.value("design").toString(), "double");
  EXPECT_TRUE(shown.value("discordance").toObject().value("overallResponse").toBool());
  EXPECT_TRUE(shown.value("discordance").toObject().value("sumOfDiametersThresholdMm").isNull());

  // Baseline: both readers drawn, the adjudicator named; the same read twice.
  runCli(db, "coord",
         {"record", "timepoint", "add", s->id, "--label", base, "--kind", "baseline", "--date",
          s->baselineDate.toString(Qt::ISODate), "--study", kBaselineStudy});
  const CliRun drawn = runCli(
      db, "coord", {"record", "assign", s->id, "--timepoint", base, "--draw", "--seed", "16"});
  QSet<QString> drawnReaders;
  for (const QJsonValue& a : drawn.json.value("assignments").toArray()) {
    EXPECT_EQ(a.toObject().value("method").toString(), "random");
    drawnReaders << a.toObject().value("user").toString();
  }
  EXPECT_EQ(drawnReaders, (QSet<QString>{"reader1", "reader2"}));
  runCli(db, "coord",
         {"record", "assign", s->id, "--timepoint", base, "--duty", "adjudicator", "--assignee",
          "adj"});
  qint64 baselineRead1 = 0;
  for (const char* reader : {"reader1", "reader2"}) {
    const CliRun imported =
        runCli(db, reader, {"record", "read", "import", s->id, "--timepoint", base, s->caseFile});
    if (QString(reader) == "reader1") {
      baselineRead1 = idOf(imported, "read");
    }
    runCli(db, reader, {"record", "read", "sign", s->id, "--timepoint", base});
  }
  EXPECT_EQ(runCli(db, "inv", {"record", "reading", s->id, "--timepoint", base})
                .json.value("state")
                .toString(),
            "concordant");
  const CliRun baseline = runCli(db, "inv", {"record", "assess", s->id, "--timepoint", base});
  runCli(db, "inv",
         {"record", "eligibility", s->id, "--eligible", "yes", "--reason", "eligible as assessed",
          "--assessment", QString::number(idOf(baseline, "assessmentId"))});
  runCliEnrol(db, *s);
  runCliInjections(db, *s);

  // The follow-up: assigned by name; reader 2 reads with the planned difference.
  runCli(db, "coord",
         {"record", "timepoint", "add", s->id, "--label", follow, "--kind", "follow-up", "--date",
          s->followUpDate.toString(Qt::ISODate), "--study", kFollowUpStudy});
  for (const auto& [duty, user] :
       {std::pair{"reader-1", "reader1"}, std::pair{"reader-2", "reader2"},
        std::pair{"adjudicator", "adj"}}) {
    runCli(db, "coord",
           {"record", "assign", s->id, "--timepoint", follow, "--duty", duty, "--assignee", user});
  }
  const qint64 readA =
      idOf(runCli(db, "reader1",
                  {"record", "read", "import", s->id, "--timepoint", follow, s->caseFile}),
           "read");
  runCli(db, "reader1", {"record", "read", "sign", s->id, "--timepoint", follow});
  const qint64 readB =
      idOf(runCli(db, "reader2",
                  {"record", "read", "import", s->id, "--timepoint", follow, reader2Case}),
           "read");
  runCli(db, "reader2", {"record", "read", "sign", s->id, "--timepoint", follow});

  // The same comparison as the API's on a record made alongside.
  Discordant api;
  ASSERT_NO_FATAL_FAILURE(toDiscordantFollowUp(api, *s));
  const records::ReadingStatus apiHeld =
      workflow::settleTimepoint(*api.fresh.record, s->id, follow);
  ASSERT_TRUE(apiHeld.comparison) << apiHeld.text.toStdString();
  const CliRun held = runCli(db, "inv", {"record", "reading", s->id, "--timepoint", follow});
  EXPECT_EQ(held.json.value("state").toString(), "awaiting-adjudication")
      << plan.what.toStdString();
  EXPECT_EQ(held.json.value("readA").toInteger(), readA);
  EXPECT_EQ(held.json.value("readB").toInteger(), readB);
  EXPECT_TRUE(held.json.value("readOfRecord").isNull());
  const QJsonObject comparison = held.json.value("comparison").toObject();
  EXPECT_EQ(keysWhere(comparison.value("variables").toArray(), "triggers"), plan.triggering);
  EXPECT_EQ(comparison.value("variables").toArray(),
            QJsonDocument::fromJson(apiHeld.comparison->comparisonJson.toUtf8())
                .object()
                .value("variables")
                .toArray());

  // Held: no assessment; the adjudicator's task, the investigator's wait.
  const QString today = s->followUpDate.toString(Qt::ISODate);
  EXPECT_TRUE(errorOf(runCli(db, "inv", {"record", "assess", s->id, "--timepoint", follow}, 2))
                  .contains("awaiting adjudication"));
  EXPECT_TRUE(listed(runCli(db, "adj", {"record", "worklist", "--today", today}), "adjudicate", *s,
                     follow));
  EXPECT_TRUE(
      listed(runCli(db, "inv", {"record", "worklist", "--today", today}), "waiting", *s, follow));

  // The adjudicator's view: read-A and read-B, no reader named anywhere in it.
  const CliRun view = runCli(db, "adj", {"record", "adjudication", s->id, "--timepoint", follow});
  const QJsonArray reads = view.json.value("reads").toArray();
  ASSERT_EQ(reads.size(), 2);
  EXPECT_EQ(reads[0].toObject().value("shownAs").toString(), "read-A");
  EXPECT_EQ(reads[0].toObject().value("id").toInteger(), readA);
  EXPECT_EQ(reads[1].toObject().value("shownAs").toString(), "read-B");
  EXPECT_EQ(reads[1].toObject().value("id").toInteger(), readB);
  const QString adjReading =
      runCli(db, "adj", {"record", "reading", s->id, "--timepoint", follow}).text;
  for (const QString& name : readerNames()) {
    EXPECT_FALSE(view.text.contains(name, Qt::CaseInsensitive)) << name.toStdString();
    EXPECT_FALSE(adjReading.contains(name, Qt::CaseInsensitive)) << name.toStdString();
  }
  bool lesionShown = false;
  for (const QJsonValue& v : view.json.value("lesions").toArray()) {
    if (v.toObject().value("trackingId").toString() == plan.lesionId) {
      lesionShown = true;
      EXPECT_EQ(v.toObject().value("differences").toArray(), QJsonArray{plan.lesionDifference});
    }
  }
  EXPECT_TRUE(lesionShown) << plan.lesionId.toStdString();

  // Refused, each writing nothing: a read of the other timepoint, a user who is no adjudicator.
  const QStringList readingArgs{"record", "reading", s->id, "--timepoint", follow};
  const QString before = runCli(db, "inv", readingArgs).text;
  const QStringList adjudicate{"record",   "adjudicate",        s->id,   "--timepoint", follow,
                               "--reason", kAdjudicationReason, "--read"};
  const QString otherTimepoint =
      errorOf(runCli(db, "adj", adjudicate + QStringList{QString::number(baselineRead1)}, 2));
  EXPECT_TRUE(otherTimepoint.contains(QString("read %1 is a read of subject").arg(baselineRead1)))
      << otherTimepoint.toStdString();
  EXPECT_TRUE(otherTimepoint.contains(base)) << otherTimepoint.toStdString();
  for (const char* user : {"inv", "reader1"}) {
    const QString notAdjudicator =
        errorOf(runCli(db, user, adjudicate + QStringList{QString::number(readA)}, 2));
    EXPECT_TRUE(notAdjudicator.contains(QString("user '%1'").arg(user)) &&
                notAdjudicator.contains("may not adjudicate"))
        << notAdjudicator.toStdString();
  }
  EXPECT_EQ(runCli(db, "inv", readingArgs).text, before);

  // Reader 1's read chosen; a second adjudication refused and writing nothing.
  const CliRun chosen = runCli(db, "adj", adjudicate + QStringList{QString::number(readA)});
  EXPECT_EQ(chosen.json.value("state").toString(), "adjudicated");
  EXPECT_EQ(chosen.json.value("readOfRecord").toInteger(), readA);
  EXPECT_EQ(chosen.json.value("adjudication").toObject().value("chosenRead").toString(), "A");
  for (const QString& name : readerNames()) {
    EXPECT_FALSE(chosen.text.contains(name, Qt::CaseInsensitive)) << name.toStdString();
  }
  const QString after = runCli(db, "inv", readingArgs).text;
  EXPECT_TRUE(errorOf(runCli(db, "adj", adjudicate + QStringList{QString::number(readB)}, 2))
                  .contains("already adjudicated"));
  EXPECT_EQ(runCli(db, "inv", readingArgs).text, after);

  // The outcome and the decision: the truth, as through the API.
  api.fresh.record->signIn("adj", kPassword);
  api.fresh.record->adjudicate(s->id, follow, api.followUpReads.first, kAdjudicationReason,
                               kPassword);
  api.fresh.record->signIn("inv", kPassword);
  const workflow::RecordedAssessment apiAssessed =
      workflow::assessAndRecord(*api.fresh.record, s->id, follow, {}, std::nullopt);
  const CliRun assessed = runCli(db, "inv", {"record", "assess", s->id, "--timepoint", follow});
  const QJsonObject output = assessed.json.value("assessment").toObject();
  EXPECT_EQ(overallOf(output), s->expectedOverall());
  EXPECT_EQ(overallOf(output), overallOf(apiAssessed.output));
  const QString extraDoses = output.value("extraDoses").toObject().value("decision").toString();
  EXPECT_EQ(extraDoses, s->expectedExtraDoses());
  EXPECT_EQ(extraDoses,
            apiAssessed.output.value("extraDoses").toObject().value("decision").toString());
  const CliRun decided = runCli(
      db, "inv",
      {"record", "extra-doses", s->id, "--approve", extraDoses == "allowed" ? "yes" : "no",
       "--reason", "as proposed", "--assessment", QString::number(idOf(assessed, "assessmentId"))});
  EXPECT_EQ(decided.json.value("decision").toString(),
            s->expectedExtraDoses() == "allowed" ? "approved" : "refused");

  // The reader metrics: two comparisons (baseline, follow-up), one discordant and adjudicated.
  const QString csv = dir.filePath("metrics.csv");
  const CliRun metrics = runCli(db, "inv", {"record", "metrics", "--csv", csv});
  EXPECT_EQ(metrics.json.value("comparisons").toInt(), 2);
  EXPECT_EQ(metrics.json.value("discordant").toInt(), 1);
  EXPECT_EQ(metrics.json.value("adjudicated").toInt(), 1);
  QFile file(csv);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << csv.toStdString();
  const QStringList rows = QString::fromUtf8(file.readAll()).split('\n');
  EXPECT_TRUE(rows.contains("rate,adjudication (any variable),2,1,0.5000,,,"))
      << rows.join('\n').toStdString();

  // Reader 2 corrects the follow-up to agree: compared again, concordant on reader 1's read; the
  // replaced pair leaves the metrics.
  runCli(db, "reader2",
         {"record", "read", "correct", s->id, "--timepoint", follow, s->caseFile, "--reason",
          "reviewed after adjudication"});
  runCli(db, "reader2", {"record", "read", "sign", s->id, "--timepoint", follow});
  const CliRun reopened = runCli(db, "inv", readingArgs);
  EXPECT_EQ(reopened.json.value("state").toString(), "concordant");
  EXPECT_EQ(reopened.json.value("readOfRecord").toInteger(), readA);
  const CliRun later = runCli(db, "inv", {"record", "metrics"});
  EXPECT_EQ(later.json.value("comparisons").toInt(), 2);
  EXPECT_EQ(later.json.value("discordant").toInt(), 0);
}

INSTANTIATE_TEST_SUITE_P(Synthetic, AdjudicationCli,
                         ::testing::Values("NBRA-SYN-001", "NBRA-SYN-002"), [](const auto& param) {
                           return std::string(param.param).substr(9);  // "001"
                         });

}  // namespace
}  // namespace nbra::decide::testing
