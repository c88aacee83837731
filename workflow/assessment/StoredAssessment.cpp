#include "workflow/assessment/StoredAssessment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace nbra::workflow {

namespace {

std::vector<StoredReason> reasonsOf(const QJsonValue& v) {
  std::vector<StoredReason> out;
  for (const QJsonValue& r : v.toArray()) {
    const QJsonObject o = r.toObject();
    out.push_back(
        {o.value("rule").toString(), o.value("source").toString(), o.value("text").toString()});
  }
  return out;
}

StoredComponent componentOf(const QJsonValue& v) {
  const QJsonObject o = v.toObject();
  return {o.value("response").toString(), o.value("meaning").toString(),
          reasonsOf(o.value("reasons"))};
}

std::optional<double> optionalNumber(const QJsonObject& o, const char* key) {
  return o.value(key).isDouble() ? std::optional<double>(o.value(key).toDouble()) : std::nullopt;
}

std::optional<int> optionalInt(const QJsonObject& o, const char* key) {
  return o.value(key).isDouble() ? std::optional<int>(o.value(key).toInt()) : std::nullopt;
}

QString settingText(const QJsonValue& v) {
  if (v.isBool()) {
    return v.toBool() ? "yes" : "no";
  }
  if (v.isDouble()) {
    return QString::number(v.toDouble());
  }
  return v.toString();
}

StoredTimepoint timepointOf(const QJsonObject& o) {
  StoredTimepoint t;
  t.index = o.value("index").toInt(-1);
  t.label = o.value("label").toString();
  t.kind = o.value("kind").toString();
  t.date = o.value("date").toString();
  t.injectionsBefore = o.value("injectionsBefore").toInt();
  const QJsonObject curie = o.value("curie").toObject();
  for (const QJsonValue& s : curie.value("segments").toArray()) {
    t.curieSegments.push_back(
        {s.toObject().value("segment").toString(), s.toObject().value("score").toInt()});
  }
  t.curieTotal = optionalInt(curie, "total");
  t.curieSkeletal = optionalInt(curie, "skeletal");
  t.siopenTotal = optionalInt(o, "siopenTotal");
  t.primaryLongestDiameterMm = optionalNumber(o, "primaryLongestDiameterMm");
  t.targetSumOfDiametersMm = optionalNumber(o, "targetSumOfDiametersMm");
  t.marrowInfiltrationPercent = optionalNumber(o, "marrowInfiltrationPercent");
  if (o.value("response").isObject()) {
    const QJsonObject r = o.value("response").toObject();
    t.response =
        StoredResponse{componentOf(r.value("overall")),    componentOf(r.value("primary")),
                       componentOf(r.value("metastatic")), componentOf(r.value("softTissue")),
                       componentOf(r.value("bone")),       componentOf(r.value("marrow")),
                       componentOf(r.value("recist"))};
  }
  return t;
}

}  // namespace

QStringList StoredComponent::reasonTexts() const {
  QStringList out;
  for (const StoredReason& r : reasons) {
    out << r.text;
  }
  return out;
}

const StoredComponent* StoredResponse::component(const QString& key) const {
  if (key == "overall")
    return &overall;
  if (key == "primary")
    return &primary;
  if (key == "metastatic")
    return &metastatic;
  if (key == "softTissue")
    return &softTissue;
  if (key == "bone")
    return &bone;
  if (key == "marrow")
    return &marrow;
  if (key == "recist")
    return &recist;
  return nullptr;
}

bool StoredAssessment::settingIsYes(const QString& name) const {
  for (const auto& [key, value] : settings) {
    if (key == name) {
      return value == "yes";
    }
  }
  return false;
}

const StoredTimepoint* StoredAssessment::timepoint(const QString& label) const {
  for (const StoredTimepoint& t : timepoints) {
    if (t.label == label) {
      return &t;
    }
  }
  return nullptr;
}

const StoredTimepoint* StoredAssessment::timepointAt(int index) const {
  for (const StoredTimepoint& t : timepoints) {
    if (t.index == index) {
      return &t;
    }
  }
  return nullptr;
}

StoredAssessment readStoredAssessment(const QString& outputJson) {
  const QJsonObject o = QJsonDocument::fromJson(outputJson.toUtf8()).object();
  StoredAssessment a;
  a.ruleSetVersion = o.value("ruleSetVersion").toString();
  a.subjectId = o.value("subjectId").toString();
  const QJsonObject settings = o.value("settings").toObject();
  for (auto it = settings.begin(); it != settings.end(); ++it) {
    a.settings.emplace_back(it.key(), settingText(it.value()));
  }
  const QJsonObject disease = o.value("disease").toObject();
  a.mibgAvidDisease = disease.value("mibgAvid").toBool(true);
  a.diseaseReasons = reasonsOf(disease.value("reasons"));
  const QJsonObject e = o.value("eligibility").toObject();
  a.eligibility.eligible = e.value("eligible").toBool();
  a.eligibility.criterion1 = e.value("criterion1").toBool();
  a.eligibility.criterion2 = e.value("criterion2").toBool();
  a.eligibility.marrowOnlyWithoutPathology = e.value("marrowOnlyWithoutPathology").toBool();
  a.eligibility.reasons = reasonsOf(e.value("reasons"));
  for (const QJsonValue& t : o.value("timepoints").toArray()) {
    a.timepoints.push_back(timepointOf(t.toObject()));
  }
  const QJsonObject x = o.value("extraDoses").toObject();
  a.extraDoses.decision = x.value("decision").toString();
  a.extraDoses.summary = x.value("summary").toString();
  a.extraDoses.timepointIndex = optionalInt(x, "timepointIndex");
  a.extraDoses.reasons = reasonsOf(x.value("reasons"));
  const QJsonObject dose = o.value("dose").toObject();
  a.dose.weightKg = optionalNumber(dose, "weightKg");
  a.dose.cellsPerInjection = optionalNumber(dose, "cellsPerInjection");
  if (o.value("marrowEntry").isObject()) {
    const QJsonObject m = o.value("marrowEntry").toObject();
    StoredMarrowEntry entry{m.value("timepoint").toString(),
                            {},
                            m.value("pathologyConfirmed").toBool(),
                            m.value("enteredBy").toString()};
    for (const QJsonValue& s : m.value("samples").toArray()) {
      entry.samples.push_back({s.toObject().value("kind").toString(),
                               s.toObject().value("infiltrationPercent").toDouble()});
    }
    a.marrowEntry = entry;
  }
  for (const QJsonValue& c : o.value("marrowEntriesUsed").toArray()) {
    const QJsonObject m = c.toObject();
    a.marrowEntriesUsed.push_back({m.value("timepoint").toString(),
                                   m.value("fromAssessment").toInteger(),
                                   m.value("enteredBy").toString()});
  }
  return a;
}

}  // namespace nbra::workflow
