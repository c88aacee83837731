#pragma once

// What the adjudicator sees of a discordant timepoint, worked out without any widget (the
// workstation's adjudication window and `nbra-cli record adjudication` display it): both
// signed reads as A and B, their lesions aligned by tracking id with the differences named, their
// MIBG segment scores side by side, the rules' outcome of each and the variables that disagree.
// Never the readers' names, the arm, the site or any decision: the record gives an adjudicator
// none of them.

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "records/store/TrialRecord.h"
#include "workflow/adjudication/ComparisonJson.h"

namespace nbra::workflow {

struct LesionPair {
  QString trackingId;
  std::optional<records::LesionMeasurement> a;
  std::optional<records::LesionMeasurement> b;
  QStringList differences;  // "long axis 54.0 vs 47.5 mm", "only in read A", "new in read A only"
};

struct SegmentPair {
  QString scale;  // "curie" or "siopen"
  int segment = 0;
  QString name;  // "head", "skull"
  std::optional<int> a;
  std::optional<int> b;
  bool differs = false;
};

struct AdjudicationCase {
  QString studyId;
  QString timepointLabel;
  QString timepointKind;
  QString scanDate;
  records::ReadingStatus status;
  records::ReadRecord readA;
  records::ReadRecord readB;
  StoredComparison comparison;
  std::vector<LesionPair> lesions;
  std::vector<SegmentPair> segments;
};

// Lesions of two reads aligned by tracking id (read A's order, then read B's own).
std::vector<LesionPair> alignLesions(const records::ReadContent& a, const records::ReadContent& b);
// Segment scores of two reads; only segments either read scored.
std::vector<SegmentPair> alignSegments(const records::ReadContent& a,
                                       const records::ReadContent& b);

// The timepoint settled first (its reads compared when due). Refused with the state when the
// timepoint has not two compared reads.
AdjudicationCase openAdjudication(records::TrialRecord& record, const QString& studyId,
                                  const QString& label);

}  // namespace nbra::workflow
