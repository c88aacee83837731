// The NK-cell product: lots with their release QC, and the thaw-and-wash check of each injection.
// The rules (scoring/product) say whether a lot is released and whether a thawed bag may be
// given; recordInjection refuses an injection they do not allow.
#include <QSqlQuery>
#include <stdexcept>

#include "records/audit/AuditedWriter.h"
#include "records/database/Transaction.h"
#include "records/store/DateConversion.h"
#include "records/store/StoreSupport.h"
#include "records/store/TrialRecord.h"

namespace nbra::records {

using detail::dateText;
using detail::fail;

namespace {

scoring::Sterility sterilityOf(const QString& code, const QString& what) {
  try {
    return scoring::sterilityFromCode(code.toStdString());
  } catch (const std::invalid_argument& e) {
    fail(RecordErrorKind::BadInput, what + ": " + QString::fromUtf8(e.what()));
  }
}

scoring::Date chronoOrNone(const QDate& d) {
  return d.isValid() ? detail::toChronoDate(d) : scoring::Date{};
}

scoring::ProductLot toRuleLot(const ProductLotInput& in) {
  scoring::ProductLot lot;
  lot.lotCode = in.lotCode.toStdString();
  lot.donorCode = in.donorCode.toStdString();
  lot.apheresisDate = chronoOrNone(in.apheresisDate);
  lot.separationDate = chronoOrNone(in.separationDate);
  lot.cryopreservedDate = chronoOrNone(in.cryopreservedDate);
  lot.storageTemperatureC = in.storageTemperatureC;
  lot.sterility = sterilityOf(in.sterility, "lot '" + in.lotCode + "', sterility");
  lot.viableCells = in.viableCells;
  lot.viabilityPercent = in.viabilityPercent;
  lot.purityPercent = in.purityPercent;
  lot.activePhenotypePercent = in.activePhenotypePercent;
  return lot;
}

scoring::ThawCheck toRuleCheck(const ThawCheckInput& in, const QString& what) {
  scoring::ThawCheck c;
  c.thawDate = chronoOrNone(in.thawDate);
  c.viabilityPercent = in.viabilityPercent;
  c.viableCells = in.viableCells;
  c.sterility = sterilityOf(in.sterility, what + ", post-thaw sterility");
  return c;
}

const char* const kLotColumns =
    "l.id, l.lot_code, l.donor_code, l.apheresis_date, l.separation_date, l.cryopreserved_date, "
    "l.storage_temperature_c, l.sterility, l.viable_cells, l.viability_percent, "
    "l.purity_percent, l.active_phenotype_percent, l.recorded_utc, u.full_name";

ProductLotRecord lotFrom(const QSqlQuery& q, const scoring::ReleaseLimits& limits) {
  ProductLotRecord r;
  r.id = q.value(0).toLongLong();
  r.lot.lotCode = q.value(1).toString();
  r.lot.donorCode = q.value(2).toString();
  r.lot.apheresisDate = detail::dateFrom(q.value(3)).value_or(QDate());
  r.lot.separationDate = detail::dateFrom(q.value(4)).value_or(QDate());
  r.lot.cryopreservedDate = detail::dateFrom(q.value(5)).value_or(QDate());
  r.lot.storageTemperatureC = q.value(6).toDouble();
  r.lot.sterility = q.value(7).toString();
  r.lot.viableCells = q.value(8).toLongLong();
  r.lot.viabilityPercent = q.value(9).toDouble();
  r.lot.purityPercent = q.value(10).toDouble();
  r.lot.activePhenotypePercent = q.value(11).toDouble();
  r.recordedUtc = q.value(12).toString();
  r.recordedByName = q.value(13).toString();
  const scoring::ReleaseResult release = scoring::evaluateLotRelease(toRuleLot(r.lot), limits);
  r.released = release.released;
  for (const std::string& f : release.failures) {
    r.releaseFailures << QString::fromStdString(f);
  }
  return r;
}

std::optional<ProductLotRecord> lotByCode(RecordDatabase& db, const QString& code,
                                          const scoring::ReleaseLimits& limits) {
  QSqlQuery q = db.run(QString("SELECT %1 FROM product_lots l JOIN users u ON u.id = "
                               "l.recorded_by WHERE l.lot_code = ?")
                           .arg(kLotColumns),
                       {code});
  if (!q.next()) {
    return std::nullopt;
  }
  return lotFrom(q, limits);
}

}  // namespace

qint64 TrialRecord::recordProductLot(const ProductLotInput& input) {
  require(Permission::RecordProduct);
  const QString what = "lot '" + input.lotCode + "'";
  try {
    scoring::validateProductLot(toRuleLot(input));
  } catch (const std::invalid_argument& e) {
    fail(RecordErrorKind::BadInput, QString::fromUtf8(e.what()));
  }
  if (input.cryopreservedDate > QDate::currentDate()) {
    fail(RecordErrorKind::BadInput, what + ": cryopreservation date " +
                                        dateText(input.cryopreservedDate) + " is in the future");
  }
  Transaction t(db_);
  if (lotByCode(db_, input.lotCode, protocol_.release)) {
    fail(RecordErrorKind::Conflict, what + " is already recorded; a lot code is used once");
  }
  AuditedWriter writer(db_, actor().userName);
  const qint64 id = writer.insert("product_lots",
                                  {{"lot_code", input.lotCode},
                                   {"donor_code", input.donorCode},
                                   {"apheresis_date", dateText(input.apheresisDate)},
                                   {"separation_date", dateText(input.separationDate)},
                                   {"cryopreserved_date", dateText(input.cryopreservedDate)},
                                   {"storage_temperature_c", input.storageTemperatureC},
                                   {"sterility", input.sterility},
                                   {"viable_cells", static_cast<qlonglong>(input.viableCells)},
                                   {"viability_percent", input.viabilityPercent},
                                   {"purity_percent", input.purityPercent},
                                   {"active_phenotype_percent", input.activePhenotypePercent},
                                   {"recorded_utc", detail::nowUtc()},
                                   {"recorded_by", actor().id}},
                                  "NK-cell product " + what);
  t.commit();
  return id;
}

std::vector<ProductLotRecord> TrialRecord::productLots() {
  requireProtocolView();
  QSqlQuery q = db_.run(
      QString("SELECT %1 FROM product_lots l JOIN users u ON u.id = l.recorded_by ORDER BY l.id")
          .arg(kLotColumns));
  std::vector<ProductLotRecord> out;
  while (q.next()) {
    out.push_back(lotFrom(q, protocol_.release));
  }
  return out;
}

qint64 TrialRecord::recordThawCheck(const QString& studyId, int injectionNumber,
                                    const QString& lotCode, const ThawCheckInput& input) {
  require(Permission::RecordProduct);
  const QString what = QString("subject '%1', injection %2, lot '%3'")
                           .arg(studyId)
                           .arg(injectionNumber)
                           .arg(lotCode);
  if (injectionNumber < 1 || injectionNumber > 5) {
    fail(RecordErrorKind::BadInput, what + ": the injection number must be 1..5");
  }
  Transaction t(db_);
  const qint64 subject = subjectId(studyId);
  lockSubject(subject);
  const std::optional<ProductLotRecord> lot = lotByCode(db_, lotCode, protocol_.release);
  if (!lot) {
    fail(RecordErrorKind::NotFound, what + ": no such lot; record the lot first");
  }
  try {
    scoring::validateThawCheck(toRuleCheck(input, what), toRuleLot(lot->lot));
  } catch (const std::invalid_argument& e) {
    fail(RecordErrorKind::BadInput, what + ": " + QString::fromUtf8(e.what()));
  }
  if (input.thawDate > QDate::currentDate()) {
    fail(RecordErrorKind::BadInput,
         what + ": thaw date " + dateText(input.thawDate) + " is in the future");
  }
  QSqlQuery given = db_.run("SELECT given_date FROM injections WHERE subject_id = ? AND number = ?",
                            {subject, injectionNumber});
  if (given.next()) {
    fail(RecordErrorKind::Conflict,
         what + ": the injection was already given on " + given.value(0).toString());
  }
  given.finish();
  AuditedWriter writer(db_, actor().userName);
  const qint64 id =
      writer.insert("thaw_checks",
                    {{"subject_id", subject},
                     {"injection_number", injectionNumber},
                     {"lot_id", lot->id},
                     {"thaw_date", dateText(input.thawDate)},
                     {"viability_percent", input.viabilityPercent},
                     {"viable_cells", static_cast<qlonglong>(input.viableCells)},
                     {"sterility", input.sterility},
                     {"recorded_utc", detail::nowUtc()},
                     {"recorded_by", actor().id}},
                    QString("thaw-and-wash check for injection %1").arg(injectionNumber));
  t.commit();
  return id;
}

std::vector<ThawCheckRecord> TrialRecord::thawChecks(const QString& studyId) {
  requireProtocolView();
  const qint64 subject = subjectId(studyId);
  QSqlQuery q = db_.run(
      "SELECT t.id, t.injection_number, l.lot_code, t.thaw_date, t.viability_percent, "
      "t.viable_cells, t.sterility, t.recorded_utc, u.full_name FROM thaw_checks t JOIN "
      "product_lots l ON l.id = t.lot_id JOIN users u ON u.id = t.recorded_by WHERE "
      "t.subject_id = ? ORDER BY t.id",
      {subject});
  std::vector<ThawCheckRecord> out;
  while (q.next()) {
    ThawCheckRecord r;
    r.id = q.value(0).toLongLong();
    r.injectionNumber = q.value(1).toInt();
    r.lotCode = q.value(2).toString();
    r.check.thawDate = detail::dateFrom(q.value(3)).value_or(QDate());
    r.check.viabilityPercent = q.value(4).toDouble();
    r.check.viableCells = q.value(5).toLongLong();
    r.check.sterility = q.value(6).toString();
    r.recordedUtc = q.value(7).toString();
    r.recordedByName = q.value(8).toString();
    out.push_back(r);
  }
  return out;
}

// The newest thaw check of the injection must exist, be of a released lot and pass the post-thaw
// limits for the day given and the cells given.
TrialRecord::InjectionProduct TrialRecord::requireReleasedProduct(qint64 subject,
                                                                  const QString& studyId,
                                                                  int number, const QDate& given,
                                                                  std::int64_t cellsGiven) {
  QSqlQuery q = db_.run(
      "SELECT t.id, l.lot_code, t.thaw_date, t.viability_percent, t.viable_cells, t.sterility "
      "FROM thaw_checks t JOIN product_lots l ON l.id = t.lot_id WHERE t.subject_id = ? AND "
      "t.injection_number = ? ORDER BY t.id DESC LIMIT 1",
      {subject, number});
  if (!q.next()) {
    fail(RecordErrorKind::Refused,
         QString("subject '%1': injection %2 needs the thaw-and-wash check of its NK-cell lot "
                 "(viability, count, sterility) recorded first")
             .arg(studyId)
             .arg(number));
  }
  const qint64 checkId = q.value(0).toLongLong();
  const QString lotCode = q.value(1).toString();
  ThawCheckInput check;
  check.thawDate = detail::dateFrom(q.value(2)).value_or(QDate());
  check.viabilityPercent = q.value(3).toDouble();
  check.viableCells = q.value(4).toLongLong();
  check.sterility = q.value(5).toString();
  q.finish();
  const std::optional<ProductLotRecord> lot = lotByCode(db_, lotCode, protocol_.release);
  const QString what =
      QString("subject '%1': injection %2 from lot '%3'").arg(studyId).arg(number).arg(lotCode);
  if (!lot) {
    fail(RecordErrorKind::Conflict, what + ": the lot of its thaw check is not in the record");
  }
  const scoring::ReleaseResult verdict =
      scoring::evaluateThawCheck(toRuleLot(lot->lot), toRuleCheck(check, what),
                                 detail::toChronoDate(given), cellsGiven, protocol_.release);
  if (!verdict.released) {
    QStringList failures;
    for (const std::string& f : verdict.failures) {
      failures << QString::fromStdString(f);
    }
    fail(RecordErrorKind::Refused, what + " is refused: " + failures.join("; "));
  }
  return {lot->id, checkId};
}

}  // namespace nbra::records
