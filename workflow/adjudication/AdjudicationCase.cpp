#include "workflow/adjudication/AdjudicationCase.h"

#include <cmath>

#include "scoring/curie/CurieSegment.h"
#include "scoring/siopen/SiopenScore.h"
#include "workflow/adjudication/ReadOfRecord.h"

namespace nbra::workflow {

using records::LesionMeasurement;
using records::RecordError;
using records::RecordErrorKind;

namespace {

QString mm(double v) {
  return QString::number(v, 'f', 1);
}

QStringList lesionDifferences(const LesionMeasurement& a, const LesionMeasurement& b) {
  QStringList d;
  // Compared on the 0.1 mm grid the rules use: closer than that is the same measurement.
  if (std::lround(a.longAxisMm * 10) != std::lround(b.longAxisMm * 10)) {
    d << QString("long axis %1 vs %2 mm").arg(mm(a.longAxisMm), mm(b.longAxisMm));
  }
  if (a.shortAxisMm.has_value() != b.shortAxisMm.has_value() ||
      (a.shortAxisMm && std::lround(*a.shortAxisMm * 10) != std::lround(*b.shortAxisMm * 10))) {
    d << QString("short axis %1 vs %2 mm")
             .arg(a.shortAxisMm ? mm(*a.shortAxisMm) : "-",
                  b.shortAxisMm ? mm(*b.shortAxisMm) : "-");
  }
  if (a.role != b.role) {
    d << QString("role %1 vs %2").arg(a.role, b.role);
  }
  if (a.organ != b.organ) {
    d << QString("site %1 vs %2").arg(a.organ, b.organ);
  }
  if (a.isNew != b.isNew) {
    d << QString("new in read %1 only").arg(a.isNew ? "A" : "B");
  }
  if (a.mibgAvid != b.mibgAvid) {
    d << QString("MIBG-avid in read %1 only").arg(a.mibgAvid ? "A" : "B");
  }
  if (a.notEvaluable != b.notEvaluable) {
    d << QString("not evaluable in read %1 only").arg(a.notEvaluable ? "A" : "B");
  }
  return d;
}

std::optional<int> segmentValue(const records::MibgSegmentEntry& e) {
  return e.score ? e.score : e.marks;
}

}  // namespace

std::vector<LesionPair> alignLesions(const records::ReadContent& a, const records::ReadContent& b) {
  std::vector<LesionPair> out;
  auto find = [&](const QString& id) -> LesionPair* {
    for (LesionPair& p : out) {
      if (p.trackingId == id) {
        return &p;
      }
    }
    return nullptr;
  };
  for (const LesionMeasurement& l : a.lesions) {
    out.push_back({l.trackingId, l, std::nullopt, {}});
  }
  for (const LesionMeasurement& l : b.lesions) {
    if (LesionPair* p = find(l.trackingId)) {
      p->b = l;
    } else {
      out.push_back({l.trackingId, std::nullopt, l, {}});
    }
  }
  for (LesionPair& p : out) {
    if (p.a && p.b) {
      p.differences = lesionDifferences(*p.a, *p.b);
    } else {
      p.differences << QString("only in read %1").arg(p.a ? "A" : "B");
    }
  }
  return out;
}

std::vector<SegmentPair> alignSegments(const records::ReadContent& a,
                                       const records::ReadContent& b) {
  std::vector<SegmentPair> out;
  auto slot = [&](const records::MibgSegmentEntry& e) -> SegmentPair& {
    for (SegmentPair& p : out) {
      if (p.scale == e.scale && p.segment == e.segment) {
        return p;
      }
    }
    SegmentPair p;
    p.scale = e.scale;
    p.segment = e.segment;
    const std::string_view name = e.scale == "siopen" ? scoring::siopenSegmentName(e.segment)
                                                      : scoring::curieSegmentName(e.segment);
    p.name = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    out.push_back(p);
    return out.back();
  };
  for (const records::MibgSegmentEntry& e : a.mibg) {
    slot(e).a = segmentValue(e);
  }
  for (const records::MibgSegmentEntry& e : b.mibg) {
    slot(e).b = segmentValue(e);
  }
  for (SegmentPair& p : out) {
    p.differs = p.a.value_or(0) != p.b.value_or(0);
  }
  return out;
}

AdjudicationCase openAdjudication(records::TrialRecord& record, const QString& studyId,
                                  const QString& label) {
  AdjudicationCase c;
  c.studyId = studyId;
  c.timepointLabel = label;
  c.status = settleTimepoint(record, studyId, label);
  if (!c.status.comparison) {
    throw RecordError(RecordErrorKind::Conflict,
                      QString("subject '%1', timepoint '%2' has no two compared reads (%3)")
                          .arg(studyId, label, c.status.text)
                          .toStdString());
  }
  for (const records::TimepointRecord& t : record.subject(studyId).timepoints) {
    if (t.label == label) {
      c.timepointKind = t.kind;
      c.scanDate = t.scanDate.toString(Qt::ISODate);
    }
  }
  for (const records::ReadRecord& r : record.reads(studyId, label)) {
    if (r.id == c.status.comparison->readAId) {
      c.readA = r;
    } else if (r.id == c.status.comparison->readBId) {
      c.readB = r;
    }
  }
  c.comparison = comparisonFromJson(c.status.comparison->comparisonJson);
  c.lesions = alignLesions(c.readA.content, c.readB.content);
  c.segments = alignSegments(c.readA.content, c.readB.content);
  return c;
}

}  // namespace nbra::workflow
