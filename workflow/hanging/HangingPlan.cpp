#include "workflow/hanging/HangingPlan.h"

#include <QDate>
#include <QSet>
#include <algorithm>

#include "workflow/hanging/ReadPatient.h"

namespace nbra::workflow {

namespace {

// What one timepoint shows in a stage.
struct Pick {
  const HangingSeries* series = nullptr;  // shown (the CT under a fusion)
  std::optional<qint64> fusedSeriesId;
  PaneKind kind = PaneKind::Anatomy;
};

QString isoDate(const QString& dicomDate) {
  const QDate date = QDate::fromString(dicomDate, QStringLiteral("yyyyMMdd"));
  return date.isValid() ? date.toString(Qt::ISODate) : dicomDate;
}

// "the current timepoint (week 6)", "the baseline"
QString where(PaneRole role, const TimepointStudies& timepoint) {
  const QString what = role == PaneRole::Current ? QStringLiteral("the current timepoint")
                                                 : QStringLiteral("the baseline");
  const bool labelSaysIt =
      timepoint.label.isEmpty() || (role == PaneRole::Baseline && timepoint.label == "baseline");
  return labelSaysIt ? what : what + " (" + timepoint.label + ")";
}

QString seriesTitle(const HangingSeries& series) {
  return series.description.isEmpty() ? "series " + QString::number(series.seriesNumber)
                                      : series.description;
}

QString caption(PaneRole role, const TimepointStudies& timepoint, const HangingSeries& shown) {
  QStringList parts{role == PaneRole::Baseline ? QStringLiteral("BASELINE")
                                               : QStringLiteral("CURRENT")};
  if (!timepoint.label.isEmpty()) {
    parts << timepoint.label;
  }
  const QString date = timepoint.scanDate.isValid() ? timepoint.scanDate.toString(Qt::ISODate)
                                                    : isoDate(shown.studyDate);
  if (!date.isEmpty()) {
    parts << date;
  }
  if (role == PaneRole::Baseline) {
    parts << QStringLiteral("marks read-only");
  }
  return parts.join(QStringLiteral(" · "));
}

// The series of `modality` that have images to show, optionally of one study only.
std::vector<const HangingSeries*> withModality(const TimepointStudies& timepoint,
                                               const QString& modality,
                                               const QString& studyUid = {}) {
  std::vector<const HangingSeries*> found;
  for (const HangingSeries& series : timepoint.series) {
    if (series.modality == modality && series.imageCount > 0 &&
        (studyUid.isEmpty() || series.studyUid == studyUid)) {
      found.push_back(&series);
    }
  }
  return found;
}

bool has(const TimepointStudies& timepoint, const QString& modality) {
  return !withModality(timepoint, modality).empty();
}

// Most images first; then the lowest series number, then the oldest index row, so that the
// choice never depends on the order the index lists series in.
const HangingSeries* mostImages(std::vector<const HangingSeries*> candidates, const QString& what,
                                const QString& whereText, QStringList& notes) {
  if (candidates.empty()) {
    return nullptr;
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto* a, const auto* b) {
    if (a->imageCount != b->imageCount) {
      return a->imageCount > b->imageCount;
    }
    if (a->seriesNumber != b->seriesNumber) {
      return a->seriesNumber < b->seriesNumber;
    }
    return a->seriesId < b->seriesId;
  });
  const HangingSeries* chosen = candidates.front();
  if (candidates.size() > 1) {
    notes << QString("%1 %2 series in %3: the one with most images (%4, %5 images) is shown")
                 .arg(candidates.size())
                 .arg(what, whereText, seriesTitle(*chosen))
                 .arg(chosen->imageCount);
  }
  return chosen;
}

// CT for reading: a CT of a study without PET comes before the (often low-dose) CT of a PET/CT,
// which the FDG-PET/CT stage shows under the PET.
std::vector<const HangingSeries*> anatomicalCandidates(const TimepointStudies& timepoint,
                                                       const QString& modality) {
  const std::vector<const HangingSeries*> all = withModality(timepoint, modality);
  if (modality != "CT") {
    return all;
  }
  QSet<QString> petStudies;
  for (const HangingSeries* pet : withModality(timepoint, "PT")) {
    petStudies.insert(pet->studyUid);
  }
  std::vector<const HangingSeries*> withoutPet;
  for (const HangingSeries* series : all) {
    if (!petStudies.contains(series->studyUid)) {
      withoutPet.push_back(series);
    }
  }
  return withoutPet.empty() ? all : withoutPet;
}

// The stage with the baseline on the left (read-only) and the current on the right, or the one
// present alone. Nothing when neither timepoint has a pick.
void addStage(HangingPlan& plan, const QString& name, const TimepointStudies& current,
              const Pick& currentPick, const std::optional<TimepointStudies>& baseline,
              const Pick& baselinePick) {
  HangingStage stage;
  stage.name = name;
  auto addPane = [&](PaneRole role, const TimepointStudies& timepoint, const Pick& pick) {
    HangingPane pane;
    pane.slot = static_cast<int>(stage.panes.size());
    pane.role = role;
    pane.seriesId = pick.series->seriesId;
    pane.fusedSeriesId = pick.fusedSeriesId;
    pane.kind = pick.kind;
    pane.caption = caption(role, timepoint, *pick.series);
    pane.readOnly = role == PaneRole::Baseline;
    stage.panes.push_back(pane);
  };
  if (baseline && baselinePick.series) {
    addPane(PaneRole::Baseline, *baseline, baselinePick);
  }
  if (currentPick.series) {
    addPane(PaneRole::Current, current, currentPick);
  }
  if (stage.panes.empty()) {
    return;
  }
  stage.layout = stage.panes.size() == 2 ? HangingLayout::OneByTwo : HangingLayout::Single;
  plan.stages.push_back(stage);
}

// A note when one side of a comparison is missing; `what` is "CT", "NM (MIBG)", ...
void noteUnpaired(QStringList& notes, const TimepointStudies& current, const Pick& currentPick,
                  const std::optional<TimepointStudies>& baseline, const Pick& baselinePick,
                  const QString& what) {
  if (!baseline) {
    return;
  }
  if (currentPick.series && !baselinePick.series) {
    notes << QString("%1 has no %2: the current %2 is shown alone")
                 .arg(where(PaneRole::Baseline, *baseline), what);
  } else if (!currentPick.series && baselinePick.series) {
    notes << QString("%1 has no %2: the baseline %2 is shown alone")
                 .arg(where(PaneRole::Current, current), what);
  }
}

void planAnatomy(HangingPlan& plan, const TimepointStudies& current,
                 const std::optional<TimepointStudies>& baseline) {
  // CT when the current has CT, else MR; from the baseline only when the current has neither.
  QString modality;
  for (const QString& m : {QStringLiteral("CT"), QStringLiteral("MR")}) {
    if (modality.isEmpty() && has(current, m)) {
      modality = m;
    }
  }
  for (const QString& m : {QStringLiteral("CT"), QStringLiteral("MR")}) {
    if (modality.isEmpty() && baseline && has(*baseline, m)) {
      modality = m;
    }
  }
  if (modality.isEmpty()) {
    return;
  }
  auto pick = [&](PaneRole role, const TimepointStudies& timepoint) {
    return Pick{mostImages(anatomicalCandidates(timepoint, modality), modality,
                           where(role, timepoint), plan.notes),
                std::nullopt, PaneKind::Anatomy};
  };
  const Pick currentPick = pick(PaneRole::Current, current);
  const Pick baselinePick = baseline ? pick(PaneRole::Baseline, *baseline) : Pick{};
  noteUnpaired(plan.notes, current, currentPick, baseline, baselinePick, modality);
  const QString other = modality == "CT" ? QStringLiteral("MR") : QStringLiteral("CT");
  if (baseline && currentPick.series && !baselinePick.series && has(*baseline, other)) {
    plan.notes << QString("%1 has %2 only: open it by hand to compare across modalities")
                      .arg(where(PaneRole::Baseline, *baseline), other);
  }
  if (currentPick.series && has(current, other)) {
    plan.notes << QString("%1 also has %2: it is not hung, open it by hand")
                      .arg(where(PaneRole::Current, current), other);
  }
  addStage(plan, QStringLiteral("CT/MR"), current, currentPick, baseline, baselinePick);
}

void planPlanar(HangingPlan& plan, const TimepointStudies& current,
                const std::optional<TimepointStudies>& baseline) {
  auto pick = [&](PaneRole role, const TimepointStudies& timepoint) {
    return Pick{mostImages(withModality(timepoint, "NM"), "NM", where(role, timepoint), plan.notes),
                std::nullopt, PaneKind::Planar};
  };
  const Pick currentPick = pick(PaneRole::Current, current);
  const Pick baselinePick = baseline ? pick(PaneRole::Baseline, *baseline) : Pick{};
  noteUnpaired(plan.notes, current, currentPick, baseline, baselinePick, "NM (MIBG)");
  addStage(plan, QStringLiteral("MIBG planar"), current, currentPick, baseline, baselinePick);
}

void planPet(HangingPlan& plan, const TimepointStudies& current,
             const std::optional<TimepointStudies>& baseline) {
  auto pick = [&](PaneRole role, const TimepointStudies& timepoint) {
    const QString whereText = where(role, timepoint);
    const HangingSeries* pet =
        mostImages(withModality(timepoint, "PT"), "PT", whereText, plan.notes);
    if (!pet) {
      return Pick{};
    }
    const HangingSeries* ct = mostImages(withModality(timepoint, "CT", pet->studyUid), "CT",
                                         "the PET/CT study of " + whereText, plan.notes);
    if (!ct) {
      plan.notes << QString(
                        "the PET '%1' of %2 has no CT in its study: it is shown alone, not fused")
                        .arg(seriesTitle(*pet), whereText);
      return Pick{pet, std::nullopt, PaneKind::Pet};
    }
    return Pick{ct, pet->seriesId, PaneKind::Fused};
  };
  const Pick currentPick = pick(PaneRole::Current, current);
  const Pick baselinePick = baseline ? pick(PaneRole::Baseline, *baseline) : Pick{};
  noteUnpaired(plan.notes, current, currentPick, baseline, baselinePick, "PET");
  addStage(plan, QStringLiteral("FDG-PET/CT"), current, currentPick, baseline, baselinePick);
}

void noteWhatIsMissing(QStringList& notes, PaneRole role, const TimepointStudies& timepoint) {
  for (const QString& uid : timepoint.missingStudyUids) {
    notes << QString(
                 "study %1 of %2 is not in the image index: import it (nbra-cli index "
                 "FOLDER) to see it")
                 .arg(uid, where(role, timepoint));
  }
  for (const HangingSeries& series : timepoint.series) {
    if (series.imageCount <= 0) {
      notes << QString("%1 series '%2' of %3 has no image file on disk: not shown")
                   .arg(series.modality, seriesTitle(series), where(role, timepoint));
    }
  }
}

}  // namespace

HangingPlan planHanging(const TimepointStudies& current,
                        const std::optional<TimepointStudies>& baseline) {
  HangingPlan plan;
  const ReadPatient patient = readPatient(current, baseline);
  if (!patient.conflict.isEmpty()) {
    plan.blockingProblem = patient.conflict;
    plan.notes << patient.conflict;
    return plan;
  }
  noteWhatIsMissing(plan.notes, PaneRole::Current, current);
  if (baseline) {
    noteWhatIsMissing(plan.notes, PaneRole::Baseline, *baseline);
  } else {
    plan.notes << QStringLiteral("no baseline: each stage shows the current timepoint alone");
  }
  planAnatomy(plan, current, baseline);
  planPlanar(plan, current, baseline);
  planPet(plan, current, baseline);
  if (plan.stages.empty()) {
    plan.notes << QStringLiteral(
        "nothing to hang: the read's studies have no CT, MR, NM or PT "
        "series with images");
  }
  return plan;
}

QString layoutName(HangingLayout layout) {
  switch (layout) {
    case HangingLayout::Single:
      return QStringLiteral("1x1");
    case HangingLayout::OneByTwo:
      return QStringLiteral("1x2");
  }
  return {};
}

}  // namespace nbra::workflow
