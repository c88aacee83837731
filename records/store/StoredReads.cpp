#include "records/store/StoredReads.h"

#include <QSqlQuery>

#include "records/store/StoreSupport.h"

namespace nbra::records {

std::vector<StoredRead> storedReads(RecordDatabase& db) {
  QSqlQuery q = db.run(
      "SELECT r.id, s.study_id, t.label, u.user_name, r.version, r.status, r.source_json, "
      "r.ct_done, r.mibg_new_bone_sites, r.marks_json FROM reads r "
      "JOIN timepoints t ON t.id = r.timepoint_id JOIN subjects s ON s.id = t.subject_id "
      "JOIN users u ON u.id = r.reader_id ORDER BY r.id");
  struct Row {
    StoredRead read;
    QString sourceJson;
    bool ctDone = false;
    std::optional<int> newBoneSites;
    QString marksJson;
  };
  std::vector<Row> rows;
  while (q.next()) {
    Row row;
    row.read.id = q.value(0).toLongLong();
    row.read.studyId = q.value(1).toString();
    row.read.timepointLabel = q.value(2).toString();
    row.read.readerUserName = q.value(3).toString();
    row.read.version = q.value(4).toInt();
    row.read.status = q.value(5).toString();
    row.sourceJson = q.value(6).toString();
    row.ctDone = q.value(7).toInt() != 0;
    row.newBoneSites = detail::optionalInt(q.value(8));
    row.marksJson = q.value(9).toString();
    rows.push_back(row);
  }
  std::vector<StoredRead> out;
  for (Row& row : rows) {
    row.read.content =
        detail::loadReadContent(db, row.read.id, row.sourceJson, row.ctDone, row.newBoneSites);
    row.read.content.marksJson = row.marksJson;
    out.push_back(row.read);
  }
  return out;
}

}  // namespace nbra::records
