#include "viewer/plots/ResultsText.h"

#include <cmath>

namespace nbra::viewer::plots {

QStringList responseCategories() {
  return {"CR", "PR", "MR", "SD", "PD", "NE"};
}

QString rateText(const std::optional<workflow::RateWithInterval>& rate) {
  if (!rate || rate->assessed == 0)
    return QStringLiteral("not estimable: no subject assessed");
  return QStringLiteral("%1/%2 = %3 % (%4-%5 %)")
      .arg(rate->responders)
      .arg(rate->assessed)
      .arg(QString::number(rate->rate * 100.0, 'f', 0))
      .arg(QString::number(rate->lower * 100.0, 'f', 1))
      .arg(QString::number(rate->upper * 100.0, 'f', 1));
}

QString intervalName(const workflow::ResultsSettings& settings) {
  return QStringLiteral("%1 % CI").arg(QString::number(settings.confidence * 100.0, 'g', 3));
}

QString armText(const workflow::SubjectResult& subject) {
  return subject.armCode.isEmpty() ? QStringLiteral("no arm") : subject.armCode;
}

QString armSummaryName(const workflow::ArmSummary& arm) {
  return arm.armName.isEmpty() ? arm.armCode : arm.armCode + QStringLiteral(": ") + arm.armName;
}

QString assessmentText(const workflow::ResultPoint& point) {
  return QStringLiteral("%1 (day %2): %3")
      .arg(point.label)
      .arg(point.dayOnStudy)
      .arg(point.response.value_or(QStringLiteral("no response")));
}

QString responsesText(const workflow::SubjectResult& subject, const QString& separator) {
  QStringList parts;
  for (const workflow::ResultPoint& p : subject.points)
    if (p.response)
      parts << assessmentText(p);
  return parts.isEmpty() ? QStringLiteral("none") : parts.join(separator);
}

QString percentText(const std::optional<double>& percent) {
  if (!percent)
    return QStringLiteral("\u2014");
  const QString number = QString::number(std::abs(*percent), 'f', 1);
  if (number == QLatin1String("0.0"))
    return QStringLiteral("0.0 %");
  return (*percent < 0 ? QStringLiteral("\u2212") : QStringLiteral("+")) + number +
         QStringLiteral(" %");
}

int categoryCount(const workflow::ArmSummary& arm, const QString& category) {
  const auto it = arm.bestResponseCounts.find(category);
  return it == arm.bestResponseCounts.end() ? 0 : it->second;
}

}  // namespace nbra::viewer::plots
