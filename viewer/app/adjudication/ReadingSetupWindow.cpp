#include "viewer/app/adjudication/ReadingSetupWindow.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "viewer/app/adjudication/AssignmentForm.h"
#include "viewer/app/adjudication/ReadingDesignForm.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

namespace nbra::viewer::adjudication {

ReadingSetupWindow::ReadingSetupWindow(records::TrialRecord& record, QWidget* parent,
                                       const QString& studyId, const QString& label)
    : QWidget(parent) {
  if (!protocol::mayDo(record, records::Permission::SetReadingDesign) &&
      !protocol::mayDo(record, records::Permission::AssignReaders)) {
    record.require(records::Permission::AssignReaders);  // throws the record's refusal
  }
  setObjectName("readingSetupWindow");
  const records::Actor& a = record.actor();
  setWindowTitle(QString("Reading design and assignments — %1 (%2), %3")
                     .arg(a.fullName, a.userName, records::roleName(a.role)));
  auto* layout = protocol::scrolledPage(this);
  QWidget* page = layout->parentWidget();
  auto* who = new QLabel(
      QString("<b>Reading design and assignments</b> — %1 The administrator sets how the trial "
              "reads; the coordinator assigns who reads and who adjudicates each timepoint.")
          .arg(protocol::signedInText(record).toHtmlEscaped()),
      page);
  who->setObjectName("who");
  who->setWordWrap(true);
  layout->addWidget(who);
  design_ = new ReadingDesignForm(record, page);
  layout->addWidget(design_);
  assignment_ = new AssignmentForm(record, page, studyId, label);
  layout->addWidget(assignment_);
  layout->addStretch();
  // A new design changes every timepoint's status.
  connect(design_, &ReadingDesignForm::designSet, assignment_, &AssignmentForm::refresh);
  setMinimumSize(760, 480);
}

QSize ReadingSetupWindow::sizeHint() const {
  return {1100, 720};
}

}  // namespace nbra::viewer::adjudication
