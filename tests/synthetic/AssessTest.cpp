// The rules engine (`nbra-cli assess`) agrees with the answers reasoned by hand from
// clinical-rules.md for each synthetic subject (truth.json "expected").
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>
#include <QTextStream>

#include "tests/synthetic/SyntheticData.h"
#include "cli/assess/AssessCommand.h"

namespace nbra::synthetic::testing {
namespace {

QJsonObject assess(const std::string& id) {
  QString outText;
  QString errText;
  QTextStream out(&outText);
  QTextStream err(&errText);
  const int code = nbra::cli::runAssess(
      {QString::fromStdString((dataDir() / id / "case.json").string())}, out, err);
  out.flush();
  EXPECT_EQ(code, 0) << outText.toStdString() << errText.toStdString();
  return QJsonDocument::fromJson(outText.toUtf8()).object();
}

TEST(SyntheticAssess, RulesEngineAgreesWithTheExpectedAnswers) {
  for (const std::string& id : subjectIds()) {
    SCOPED_TRACE(id);
    const QJsonObject expected = truth(id)["expected"].toObject();
    const QJsonObject a = assess(id);
    EXPECT_EQ(a["disease"].toObject()["mibgAvid"].toBool(),
              expected["disease"].toString() == "MIBG-avid");
    EXPECT_EQ(a["eligibility"].toObject()["eligible"].toBool(), expected["eligible"].toBool());
    EXPECT_EQ(a["extraDoses"].toObject()["decision"].toString(), expected["extraDoses"].toString());
    const QJsonArray timepoints = a["timepoints"].toArray();
    const QJsonArray responses = expected["responses"].toArray();
    ASSERT_EQ(timepoints.size(), responses.size() + 1);
    for (qsizetype i = 0; i < responses.size(); ++i) {
      const QJsonObject want = responses[i].toObject();
      const QJsonObject got = timepoints[i + 1].toObject()["response"].toObject();
      for (const char* component : {"overall", "primary", "metastatic", "marrow"}) {
        EXPECT_EQ(got[component].toObject()["response"].toString(), want[component].toString())
            << want["timepoint"].toString().toStdString() << " " << component;
      }
    }
  }
}

// The truth's Curie scores per timepoint are those the engine derives from the case's marks.
TEST(SyntheticAssess, CurieScoresMatchTheTruth) {
  for (const std::string& id : subjectIds()) {
    const QJsonArray truthTimepoints = truth(id)["timepoints"].toArray();
    const QJsonArray timepoints = assess(id)["timepoints"].toArray();
    ASSERT_EQ(truthTimepoints.size(), timepoints.size());
    for (qsizetype i = 0; i < timepoints.size(); ++i) {
      const QJsonObject curie = timepoints[i].toObject()["curie"].toObject();
      EXPECT_EQ(curie["skeletal"].toInt(), truthTimepoints[i].toObject()["curieSkeletal"].toInt());
      EXPECT_EQ(curie["total"].toInt(), truthTimepoints[i].toObject()["curieTotal"].toInt());
    }
  }
}

}  // namespace
}  // namespace nbra::synthetic::testing
