#pragma once

// How the reading windows are opened, from the Trial menu and from the worklist: each in a window
// of its own, deleted on close and sized to fit the screen (1366 x 768 at least); a refusal in a
// message box and no window.

#include <QSize>
#include <QString>
#include <optional>
#include <utility>

#include "records/store/TrialRecord.h"

class QWidget;

namespace nbra::viewer::adjudication {

class AdjudicationWindow;

// Makes `window` a top-level window of `parent`'s, deleted on close, sized to its size hint within
// the screen, and shows it.
void showTrialWindow(QWidget* window);

// The adjudication window of one timepoint, shown; null with the refusal in a message box.
AdjudicationWindow* openAdjudicationWindow(QWidget* parent, records::TrialRecord& record,
                                           const QString& studyId, const QString& label);

// The adjudicator's choice of a timepoint: those awaiting their adjudication, and the compared
// timepoints of `openSubject` (to look at a settled one again). One is taken without asking;
// nullopt (with a message saying why) when there is none or the choice was cancelled.
std::optional<std::pair<QString, QString>> chooseAdjudication(QWidget* parent,
                                                              records::TrialRecord& record,
                                                              const QString& openSubject);

}  // namespace nbra::viewer::adjudication
