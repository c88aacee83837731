#pragma once

// The one reader of a stored assessment (assessments.output_json): the rules' output as
// assessmentToJson wrote it (scoring/schema/assessment.schema.json), plus what recording it added
// (the investigator's marrow entry and the earlier entries used). Everything that shows or
// exports an assessment -- the decision panels, the PDF report, the CSV, the SR -- reads it
// through these types, never by string keys of its own.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace nbra::workflow {

struct StoredReason {
  QString rule;    // "Eligibility criterion 1"
  QString source;  // "PARK17 Table 2"
  QString text;    // in words, for the clinician
};

// One INRC component (or the overall response) as the rules decided it.
struct StoredComponent {
  QString response;  // "PR"; empty when the output had none
  QString meaning;   // "partial response"
  std::vector<StoredReason> reasons;
  QStringList reasonTexts() const;
};

struct StoredResponse {
  StoredComponent overall, primary, metastatic, softTissue, bone, marrow, recist;
  // "overall", "primary", "metastatic", "softTissue", "bone", "marrow", "recist"; nullptr else.
  const StoredComponent* component(const QString& key) const;
};

struct StoredCurieSegment {
  QString name;
  int score = 0;
};

struct StoredTimepoint {
  int index = -1;
  QString label;
  QString kind;  // "baseline" or "follow-up"
  QString date;  // ISO
  int injectionsBefore = 0;
  std::vector<StoredCurieSegment> curieSegments;  // empty when no Curie score
  std::optional<int> curieTotal;
  std::optional<int> curieSkeletal;
  std::optional<int> siopenTotal;
  std::optional<double> primaryLongestDiameterMm;
  std::optional<double> targetSumOfDiametersMm;
  std::optional<double> marrowInfiltrationPercent;
  std::optional<StoredResponse> response;  // none at the baseline
};

struct StoredMarrowSample {
  QString kind;  // "aspirate" or "biopsy"
  double infiltrationPercent = 0.0;
};

// Marrow results the investigator entered from pathology when assessing `timepoint`.
struct StoredMarrowEntry {
  QString timepoint;
  std::vector<StoredMarrowSample> samples;
  bool pathologyConfirmed = false;
  QString enteredBy;
};

// An earlier timepoint's marrow taken from that timepoint's own assessment.
struct StoredMarrowCarried {
  QString timepoint;
  qint64 fromAssessment = 0;
  QString enteredBy;
};

struct StoredAssessment {
  QString ruleSetVersion;
  QString subjectId;
  // The settings in force, "name" -> value as text ("yes"/"no", "curie", "10"), in output order.
  std::vector<std::pair<QString, QString>> settings;
  // A yes/no setting by name ("extraDosesMrQualifies"); false when absent.
  bool settingIsYes(const QString& name) const;
  bool mibgAvidDisease = true;
  std::vector<StoredReason> diseaseReasons;
  struct {
    bool eligible = false;
    bool criterion1 = false;
    bool criterion2 = false;
    bool marrowOnlyWithoutPathology = false;
    std::vector<StoredReason> reasons;
  } eligibility;
  std::vector<StoredTimepoint> timepoints;
  struct {
    QString decision;  // "allowed", "not-allowed", "not-yet-decidable"
    QString summary;
    std::optional<int> timepointIndex;
    std::vector<StoredReason> reasons;
  } extraDoses;
  struct {
    std::optional<double> weightKg;
    std::optional<double> cellsPerInjection;
  } dose;
  std::optional<StoredMarrowEntry> marrowEntry;
  std::vector<StoredMarrowCarried> marrowEntriesUsed;

  const StoredTimepoint* timepoint(const QString& label) const;
  const StoredTimepoint* timepointAt(int index) const;
};

// Reads an output; a text that is not a JSON object gives an empty StoredAssessment (every
// field at its default), so a display shows "nothing decided" rather than inventing a result.
StoredAssessment readStoredAssessment(const QString& outputJson);

}  // namespace nbra::workflow
