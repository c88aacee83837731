#include "workflow/adjudication/ComparisonJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace nbra::workflow {

QJsonObject outcomeToJson(const scoring::ReadOutcome& o) {
  QJsonObject j{{"newLesion", o.newLesion}};
  if (o.overallResponse) {
    j["overallResponse"] = QString::fromStdString(*o.overallResponse);
  }
  if (o.eligible) {
    j["eligible"] = *o.eligible;
  }
  if (o.extraDoses) {
    j["extraDoses"] = QString::fromStdString(*o.extraDoses);
  }
  if (o.sumOfDiametersMm) {
    j["sumOfDiametersMm"] = *o.sumOfDiametersMm;
  }
  if (o.curieTotal) {
    j["curieTotal"] = *o.curieTotal;
  }
  if (o.siopenTotal) {
    j["siopenTotal"] = *o.siopenTotal;
  }
  return j;
}

scoring::ReadOutcome outcomeFromJson(const QJsonObject& j) {
  scoring::ReadOutcome o;
  o.newLesion = j.value("newLesion").toBool();
  if (j.value("overallResponse").isString()) {
    o.overallResponse = j.value("overallResponse").toString().toStdString();
  }
  if (j.value("eligible").isBool()) {
    o.eligible = j.value("eligible").toBool();
  }
  if (j.value("extraDoses").isString()) {
    o.extraDoses = j.value("extraDoses").toString().toStdString();
  }
  // A stored value outside what a read can give (a damaged row) is left out, never used.
  const double sum = j.value("sumOfDiametersMm").toDouble(-1.0);
  if (std::isfinite(sum) && sum >= 0.0 && sum < 1e5) {
    o.sumOfDiametersMm = sum;
  }
  const int curie = j.value("curieTotal").toInt(-1);
  if (curie >= 0 && curie <= 30) {
    o.curieTotal = curie;
  }
  const int siopen = j.value("siopenTotal").toInt(-1);
  if (siopen >= 0 && siopen <= 72) {
    o.siopenTotal = siopen;
  }
  return o;
}

QJsonArray variablesToJson(const std::vector<scoring::VariableDifference>& variables) {
  QJsonArray out;
  for (const scoring::VariableDifference& v : variables) {
    QJsonObject row{{"key", QString::fromStdString(scoring::variableKey(v.variable))},
                    {"name", QString::fromStdString(scoring::variableName(v.variable))},
                    {"valueA", QString::fromStdString(v.valueA)},
                    {"valueB", QString::fromStdString(v.valueB)},
                    {"differs", v.differs},
                    {"triggers", v.triggers},
                    {"explanation", QString::fromStdString(v.explanation)}};
    if (v.differenceAminusB) {
      row["differenceAminusB"] = *v.differenceAminusB;
    }
    out.append(row);
  }
  return out;
}

QString comparisonToJson(const scoring::ReadOutcome& a, const scoring::ReadOutcome& b,
                         const scoring::ReadComparison& comparison) {
  const QJsonArray variables = variablesToJson(comparison.variables);
  const QJsonObject j{{"outcomeA", outcomeToJson(a)},
                      {"outcomeB", outcomeToJson(b)},
                      {"discordant", comparison.discordant},
                      {"variables", variables}};
  return QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Compact));
}

StoredComparison comparisonFromJson(const QString& json) {
  const QJsonObject j = QJsonDocument::fromJson(json.toUtf8()).object();
  StoredComparison c;
  c.outcomeA = outcomeFromJson(j.value("outcomeA").toObject());
  c.outcomeB = outcomeFromJson(j.value("outcomeB").toObject());
  c.discordant = j.value("discordant").toBool();
  for (const QJsonValue& value : j.value("variables").toArray()) {
    const QJsonObject row = value.toObject();
    const auto variable = scoring::variableFromKey(row.value("key").toString().toStdString());
    if (!variable) {
      continue;
    }
    scoring::VariableDifference v;
    v.variable = *variable;
    v.valueA = row.value("valueA").toString().toStdString();
    v.valueB = row.value("valueB").toString().toStdString();
    v.differs = row.value("differs").toBool();
    v.triggers = row.value("triggers").toBool();
    v.explanation = row.value("explanation").toString().toStdString();
    if (row.value("differenceAminusB").isDouble() &&
        std::isfinite(row.value("differenceAminusB").toDouble())) {
      v.differenceAminusB = row.value("differenceAminusB").toDouble();
    }
    c.variables.push_back(v);
  }
  return c;
}

}  // namespace nbra::workflow
