#include "viewer/plots/ArmStyle.h"

#include <algorithm>

#include "records/store/TrialArms.h"

namespace nbra::viewer::plots {

namespace {

// Okabe & Ito (2008): blue and orange for the two arms, then the remaining hues that stay apart
// from them for an arm code the trial does not know (a record from another protocol version).
const QColor kArmColors[] = {QColor("#0072B2"), QColor("#E69F00"), QColor("#009E73"),
                             QColor("#CC79A7")};
const QColor kNoArmColor("#999999");

QString armLegend(const workflow::TrialResults& results, const QString& code) {
  QString name;
  for (const workflow::ArmSummary& arm : results.arms)
    if (arm.armCode == code)
      name = arm.armName;
  if (name.isEmpty())
    if (const auto known = records::trialArm(code))
      name = QString::fromUtf8(known->name);
  return name.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(name, code);
}

}  // namespace

std::vector<ArmStyle> armStyles(const workflow::TrialResults& results,
                                const std::vector<const workflow::SubjectResult*>& subjects) {
  QStringList codes;
  for (const records::TrialArm& arm : records::kTrialArms)
    codes << QString::fromUtf8(arm.code);
  bool anyWithoutArm = false;
  for (const workflow::SubjectResult* s : subjects) {
    if (s->armCode.isEmpty())
      anyWithoutArm = true;
    else if (!codes.contains(s->armCode))
      codes << s->armCode;
  }
  // The trial's arms keep their colour even when one has no subject to show, so blue is NK in
  // every plot; an arm without subjects is then left out of the list (no empty legend entry).
  std::vector<ArmStyle> styles;
  for (int i = 0; i < codes.size(); ++i) {
    const bool present = std::any_of(subjects.begin(), subjects.end(),
                                     [&](const auto* s) { return s->armCode == codes[i]; });
    if (present)
      styles.push_back({codes[i], armLegend(results, codes[i]),
                        kArmColors[static_cast<std::size_t>(i) % std::size(kArmColors)]});
  }
  if (anyWithoutArm)
    styles.push_back({QString(), QStringLiteral("no arm"), kNoArmColor});
  return styles;
}

std::size_t armIndex(const std::vector<ArmStyle>& styles, const workflow::SubjectResult& subject) {
  for (std::size_t i = 0; i < styles.size(); ++i)
    if (styles[i].armCode == subject.armCode)
      return i;
  return styles.size();  // not reached: armStyles lists every subject's arm
}

}  // namespace nbra::viewer::plots
