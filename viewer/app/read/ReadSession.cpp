#include "viewer/app/read/ReadSession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <stdexcept>

#include "records/database/RecordError.h"
#include "workflow/adjudication/ReadOfRecord.h"
#include "workflow/reads/ReaderReads.h"

namespace nbra::viewer {

namespace rec = nbra::records;

namespace {

std::array<double, 3> arr(const Vec3& v) {
  return {v[0], v[1], v[2]};
}
Vec3 vec(const std::array<double, 3>& a) {
  return {a[0], a[1], a[2]};
}

}  // namespace

ReadSession::ReadSession(rec::TrialRecord& record, QString studyId, QString timepointLabel)
    : record_(record), studyId_(std::move(studyId)), label_(std::move(timepointLabel)) {}

SavedReading ReadSession::restore(const rec::ReadRecord& read) {
  SavedReading r;
  // marks_json is shared: other parts of the workstation keep their own top-level keys in it
  // (the MIBG scoring window: "mibgScoring"). Only a "format" key means workstation marks.
  // Text that is not a JSON object at all is reported, never silently ignored.
  const QJsonDocument doc = QJsonDocument::fromJson(read.content.marksJson.toUtf8());
  const bool hasMarks = !doc.isObject() || doc.object().contains("format");
  if (!read.content.marksJson.isEmpty() && hasMarks) {
    QString error;
    if (!fromMarksJson(read.content.marksJson, r, error)) {
      throw std::runtime_error(QString("subject '%1', timepoint '%2', read %3: %4")
                                   .arg(studyId_, label_)
                                   .arg(read.id)
                                   .arg(error)
                                   .toStdString());
    }
    return r;
  }
  // Entered without the workstation: the lesions as recorded, a long axis caliper where the
  // record has its ends.
  int nextId = 1;
  for (const rec::LesionMeasurement& l : read.content.lesions) {
    TrackedLesion t;
    t.trackingId = l.trackingId.toStdString();
    t.site = l.organ.toStdString();
    t.isPrimary = l.isPrimary;
    t.isLymphNode = l.isLymphNode;
    t.isTarget = l.role == "target";
    t.mibgAvid = l.mibgAvid;
    t.fdgAvid = l.fdgAvid;
    t.isNew = l.isNew;
    t.sliceThicknessMm = l.sliceThicknessMm;
    if (l.notEvaluable) {
      // Present but not measurable (an imported case or SR): never reopened as "resolved".
      t.status = LesionStatus::NotMeasurable;
    } else if (l.startMm && l.endMm) {
      Measurement m;
      m.id = nextId++;
      m.kind = l.shortStartMm ? MeasurementKind::Bidirectional : MeasurementKind::Caliper;
      m.longStartMm = vec(*l.startMm);
      m.longEndMm = vec(*l.endMm);
      if (l.shortStartMm && l.shortEndMm) {
        m.hasShortAxis = true;
        m.shortStartMm = vec(*l.shortStartMm);
        m.shortEndMm = vec(*l.shortEndMm);
      }
      m.isLymphNode = l.isLymphNode;
      if (!l.sopInstanceUid.isEmpty())
        m.source = SourceImage{l.sopInstanceUid.toStdString(), l.frame.value_or(1) - 1, false};
      r.marks.push_back(m);
      t.markId = m.id;
      t.status = LesionStatus::Measured;
    } else {
      t.status = l.longAxisMm == 0 ? LesionStatus::Resolved : LesionStatus::Pending;
    }
    r.sliceThicknessMm = l.sliceThicknessMm;
    r.lesions.push_back(t);
  }
  return r;
}

std::optional<SavedReading> ReadSession::open() {
  const auto reads = record_.reads(studyId_, label_);
  for (const rec::ReadRecord& read : reads) {
    if (read.readerUserName != record_.actor().userName)
      continue;
    // reads() gives the newest signed version and a newer own draft: the draft is the work.
    if (read.status == "draft" || !readId_) {
      status_ = read.status;
      readId_ = read.id;
      previous_ = read.content;
    }
  }
  if (!readId_)
    return std::nullopt;
  for (const rec::ReadRecord& read : reads)
    if (read.id == *readId_)
      return restore(read);
  return std::nullopt;
}

std::optional<SavedReading> ReadSession::openSigned() {
  const auto reads = record_.reads(studyId_, label_);
  const rec::ReadRecord* chosen = nullptr;
  for (const rec::ReadRecord& read : reads) {
    if (read.status != "signed")
      continue;
    if (!chosen || read.readerUserName == record_.actor().userName)
      chosen = &read;
  }
  if (!chosen)
    return std::nullopt;
  return restore(*chosen);
}

std::vector<rec::LesionMeasurement> ReadSession::lesionRows(const MeasurementSet& marks,
                                                            const LesionTable& table) {
  std::vector<rec::LesionMeasurement> out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const TrackedLesion& l = table.at(i);
    const auto s = table.sizes(i, marks);
    const bool notMeasurable = l.status == LesionStatus::NotMeasurable;
    if (!s && !notMeasurable)
      continue;  // still to measure: only in the saved table
    rec::LesionMeasurement row;
    row.trackingId = QString::fromStdString(l.trackingId);
    row.organ = QString::fromStdString(l.site);
    row.isPrimary = l.isPrimary;
    row.isLymphNode = l.isLymphNode;
    row.role = l.isTarget && !l.isPrimary ? "target" : "non-target";
    // A lesion present but not measurable keeps its row, flagged: without it the follow-up
    // would look as if the lesion were gone.
    row.notEvaluable = notMeasurable;
    if (s && !notMeasurable) {
      row.longAxisMm = onTenthGrid(s->longAxisMm);
      if (s->hasShortAxis || l.isLymphNode)
        row.shortAxisMm = onTenthGrid(s->shortAxisMm);
    }
    row.sliceThicknessMm = onTenthGrid(table.thicknessOf(l));
    row.mibgAvid = l.mibgAvid;
    row.fdgAvid = l.fdgAvid;
    row.isNew = l.isNew;
    const Measurement* m = l.markId && !notMeasurable ? marks.find(*l.markId) : nullptr;
    if (m) {
      if (m->source && !m->source->sopInstanceUid.empty()) {
        row.sopInstanceUid = QString::fromStdString(m->source->sopInstanceUid);
        row.frame = m->source->frame + 1;
      }
      row.startMm = arr(m->longStartMm);
      row.endMm = arr(m->longEndMm);
      if (m->hasShortAxis) {
        row.shortStartMm = arr(m->shortStartMm);
        row.shortEndMm = arr(m->shortEndMm);
      }
    }
    out.push_back(row);
  }
  return out;
}

SavedReading ReadSession::snapshot(const MeasurementSet& marks, const LesionTable& table) {
  SavedReading saved;
  saved.marks = marks.all();
  saved.lesions = table.lesions();
  saved.sliceThicknessMm = table.sliceThicknessMm();
  saved.followUp = table.kind() == LesionTable::Kind::FollowUp;
  return saved;
}

QString ReadSession::snapshotJson(const MeasurementSet& marks, const LesionTable& table) {
  return toMarksJson(snapshot(marks, table));
}

QString ReadSession::changeKey(const MeasurementSet& marks, const LesionTable& table) {
  SavedReading saved = snapshot(marks, table);
  saved.sliceThicknessMm = 0;
  return toMarksJson(saved);
}

rec::ReadContent ReadSession::content(const MeasurementSet& marks, const LesionTable& table) {
  // What the read holds now, not when it was opened: the MIBG scoring window saves into the same
  // read, and its rows and state must survive a later save of the CT marks.
  const std::optional<rec::ReadRecord> latest = workflow::ownLatestRead(record_, studyId_, label_);
  if (latest)
    previous_ = latest->content;
  rec::ReadContent c = previous_.value_or(rec::ReadContent{});
  c.ctDone = true;
  c.lesions = lesionRows(marks, table);
  const SavedReading saved = snapshot(marks, table);
  // Keys of marks_json this class does not write (the MIBG scoring state) are kept as they were.
  QJsonObject merged = QJsonDocument::fromJson(toMarksJson(saved).toUtf8()).object();
  const QJsonObject before = QJsonDocument::fromJson(c.marksJson.toUtf8()).object();
  for (auto it = before.begin(); it != before.end(); ++it)
    if (!merged.contains(it.key()))
      merged.insert(it.key(), it.value());
  c.marksJson = QString::fromUtf8(QJsonDocument(merged).toJson(QJsonDocument::Compact));
  return c;
}

qint64 ReadSession::save(const MeasurementSet& marks, const LesionTable& table) {
  const rec::ReadContent c = content(marks, table);
  const qint64 id = record_.saveRead(studyId_, label_, c);
  previous_ = c;
  readId_ = id;
  status_ = "draft";
  return id;
}

qint64 ReadSession::correct(const MeasurementSet& marks, const LesionTable& table,
                            const QString& reason) {
  const rec::ReadContent c = content(marks, table);
  const qint64 id = record_.correctRead(studyId_, label_, c, reason);
  previous_ = c;
  readId_ = id;
  status_ = "draft";
  return id;
}

void ReadSession::sign(const MeasurementSet& marks, const LesionTable& table,
                       const QString& password) {
  for (const TrackedLesion& l : table.lesions()) {
    if (l.status == LesionStatus::Pending) {
      throw rec::RecordError(
          rec::RecordErrorKind::Refused,
          QString("subject '%1', timepoint '%2': lesion '%3' is still to measure; "
                  "measure it or record why not before signing")
              .arg(studyId_, label_, QString::fromStdString(l.trackingId))
              .toStdString());
    }
  }
  save(marks, table);  // what is signed is exactly what is on screen
  workflow::signReadAndCompare(record_, studyId_, label_, password);
  status_ = "signed";
}

}  // namespace nbra::viewer
