#include "viewer/app/adjudication/AdjudicationLaunch.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>
#include <algorithm>

#include "records/database/RecordError.h"
#include "viewer/app/adjudication/AdjudicationWindow.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "viewer/app/window/ScreenFit.h"
#include "workflow/adjudication/Worklist.h"

namespace nbra::viewer::adjudication {

void showTrialWindow(QWidget* window) {
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->setWindowFlag(Qt::Window);
  resizeWithinScreen(window, window->sizeHint());
  placeOnScreen(window);
  window->show();
}

AdjudicationWindow* openAdjudicationWindow(QWidget* parent, records::TrialRecord& record,
                                           const QString& studyId, const QString& label) {
  try {
    auto* window = new AdjudicationWindow(record, studyId, label, parent);
    showTrialWindow(window);
    return window;
  } catch (const std::exception& e) {
    protocol::showRefusal(parent, "Adjudication", e);
    return nullptr;
  }
}

std::optional<std::pair<QString, QString>> chooseAdjudication(QWidget* parent,
                                                              records::TrialRecord& record,
                                                              const QString& openSubject) {
  std::vector<std::pair<QString, QString>> choices;
  QStringList texts;
  try {
    record.require(records::Permission::Adjudicate);
    for (const workflow::WorkItem& item : workflow::worklist(record, QDate::currentDate())) {
      if (item.task == "adjudicate") {
        choices.emplace_back(item.studyId, item.timepointLabel);
        texts << QString("%1, %2: %3").arg(item.studyId, item.timepointLabel, item.detail);
      }
    }
    if (!openSubject.isEmpty()) {
      for (const records::TimepointRecord& t : record.subject(openSubject).timepoints) {
        const auto key = std::make_pair(openSubject, t.label);
        if (std::find(choices.begin(), choices.end(), key) != choices.end()) {
          continue;
        }
        const records::ReadingStatus s = record.readingStatus(openSubject, t.label);
        if (s.state == "adjudicated") {
          choices.push_back(key);
          texts << QString("%1, %2: %3").arg(openSubject, t.label, s.text);
        }
      }
    }
  } catch (const std::exception& e) {
    protocol::showRefusal(parent, "Adjudication", e);
    return std::nullopt;
  }
  if (choices.empty()) {
    QMessageBox box(QMessageBox::Information, "Adjudication",
                    "No timepoint awaits your adjudication.", QMessageBox::Ok, parent);
    box.exec();
    return std::nullopt;
  }
  if (choices.size() == 1) {
    return choices.front();
  }
  bool ok = false;
  const QString chosen = QInputDialog::getItem(parent, "Adjudication",
                                               "Timepoint to adjudicate:", texts, 0, false, &ok);
  if (!ok) {
    return std::nullopt;
  }
  return choices[static_cast<std::size_t>(texts.indexOf(chosen))];
}

}  // namespace nbra::viewer::adjudication
