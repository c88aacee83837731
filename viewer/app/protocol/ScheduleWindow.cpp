#include "viewer/app/protocol/ScheduleWindow.h"

#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "records/store/DateConversion.h"
#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "workflow/protocol/SubjectTimeline.h"

namespace nbra::viewer::protocol {

namespace {

const QString kTitle = "Injection schedule and timeline";

QString dateOf(const std::optional<scoring::Date>& d) {
  return d ? isoDate(records::detail::toQDate(*d)) : QString("-");
}

QString days(int n) {
  return QString("%1 day%2").arg(n).arg(n == 1 ? "" : "s");
}

bool flagged(const scoring::ScheduledInjection& i) {
  return i.blockedByApproval || i.timing == scoring::InjectionTiming::Early ||
         i.timing == scoring::InjectionTiming::Late ||
         i.timing == scoring::InjectionTiming::Overdue;
}

// The timing in words; the flagged ones in capitals after "!" so they read without the colour.
QString timingText(const scoring::ScheduledInjection& i) {
  QString text;
  switch (i.timing) {
    case scoring::InjectionTiming::NoCourse:
      text = "no course yet";
      break;
    case scoring::InjectionTiming::Planned:
      text = "planned";
      break;
    case scoring::InjectionTiming::Due:
      text = "due (window open)";
      break;
    case scoring::InjectionTiming::Overdue:
      text = "! OVERDUE";
      break;
    case scoring::InjectionTiming::Early:
      text = "! EARLY, " + days(-i.daysFromDue) + " before due";
      break;
    case scoring::InjectionTiming::OnTime:
      text = i.daysFromDue == 0 ? QString("on time")
                                : "on time, " + days(i.daysFromDue) + " after due";
      break;
    case scoring::InjectionTiming::Late:
      text = "! LATE, " + days(i.daysFromDue) + " after due";
      break;
  }
  if (i.blockedByApproval) {
    text = "! NEEDS APPROVAL (" + text.remove("! ") + ")";
  }
  return text;
}

Tone timingTone(const scoring::ScheduledInjection& i) {
  if (flagged(i)) {
    return Tone::Stop;
  }
  if (i.timing == scoring::InjectionTiming::Due) {
    return Tone::Missing;
  }
  if (i.timing == scoring::InjectionTiming::OnTime) {
    return Tone::Pass;
  }
  return Tone::Plain;
}

}  // namespace

ScheduleWindow::ScheduleWindow(records::TrialRecord& record, const QString& studyId,
                               QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  setObjectName("scheduleWindow");
  setWindowTitle(protocolWindowTitle(kTitle, record_, studyId_));
  auto* layout = scrolledPage(this);
  QWidget* page = layout->parentWidget();

  auto* who = new QLabel(QString("<b>Subject %1</b> — %2")
                             .arg(studyId_.toHtmlEscaped(), signedInText(record_).toHtmlEscaped()),
                         page);
  who->setObjectName("who");
  who->setWordWrap(true);
  layout->addWidget(who);

  auto* asOfRow = new QHBoxLayout;
  asOfRow->addWidget(new QLabel("Calendar as of:", page));
  asOf_ = makeDateEdit(QDate::currentDate(), "asOf", page);
  asOfRow->addWidget(asOf_);
  asOfRow->addStretch();
  layout->addLayout(asOfRow);

  summary_ = new QLabel(page);
  summary_->setObjectName("summary");
  summary_->setWordWrap(true);
  summary_->setStyleSheet(decide::kProposalStyle);
  layout->addWidget(summary_);
  error_ = new QLabel(page);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(decide::kWarningStyle);
  error_->hide();
  layout->addWidget(error_);

  auto* calendarBox = new QGroupBox("Injection calendar", page);
  auto* c = new QVBoxLayout(calendarBox);
  calendar_ = new FittedTable({"Injection", "Course ended", "Due", "Window", "Given", "Timing",
                               "Weight to use", "Dose (x 10^6 cells)", "Lot"},
                              "calendar", 6, calendarBox);
  c->addWidget(calendar_);
  courses_ = new QLabel(calendarBox);
  courses_->setObjectName("courses");
  courses_->setWordWrap(true);
  courses_->setStyleSheet(decide::kNoteStyle);
  c->addWidget(courses_);
  layout->addWidget(calendarBox);

  auto* courseBox = new QGroupBox("Record course end…", page);
  courseBox->setObjectName("courseForm");
  auto* f = new QHBoxLayout(courseBox);
  f->addWidget(new QLabel("Chemotherapy course", courseBox));
  courseNumber_ = new QSpinBox(courseBox);
  courseNumber_->setObjectName("courseNumber");
  courseNumber_->setRange(1, 5);
  f->addWidget(courseNumber_);
  f->addWidget(new QLabel("ended on", courseBox));
  courseEnd_ = makeDateEdit(QDate::currentDate(), "courseEnd", courseBox);
  f->addWidget(courseEnd_);
  f->addWidget(new QLabel("Reason (when correcting):", courseBox));
  courseReason_ = new QLineEdit(courseBox);
  courseReason_->setObjectName("courseReason");
  courseReason_->setPlaceholderText("only to correct a recorded course");
  f->addWidget(courseReason_, 1);
  recordCourse_ = new QPushButton("Record course end", courseBox);
  recordCourse_->setObjectName("recordCourse");
  f->addWidget(recordCourse_);
  layout->addWidget(courseBox);

  auto* timelineBox = new QGroupBox("Subject timeline", page);
  auto* t = new QVBoxLayout(timelineBox);
  timeline_ =
      new FittedTable({"Date", "Event", "What happened", "Attention"}, "timeline", 40, timelineBox);
  timeline_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  timeline_->horizontalHeader()->setStretchLastSection(false);
  t->addWidget(timeline_);
  layout->addWidget(timelineBox);
  layout->addStretch();

  const bool mayRecord = mayDo(record_, records::Permission::RecordInjection);
  for (QWidget* w :
       std::initializer_list<QWidget*>{courseNumber_, courseEnd_, courseReason_, recordCourse_}) {
    w->setEnabled(mayRecord);
  }
  recordCourse_->setToolTip(
      mayRecord ? "Stores the end of the course; the injection that follows is due from it"
                : notAllowedText(record_, records::Permission::RecordInjection, "the coordinator"));
  connect(recordCourse_, &QPushButton::clicked, this, [this] { recordCourse(); });
  connect(asOf_, &QDateEdit::dateChanged, this, [this] { refresh(); });
  refresh();
  courseNumber_->setValue(nextCourse_);
  setMinimumSize(760, 480);
}

QSize ScheduleWindow::sizeHint() const {
  return {1240, 720};
}

void ScheduleWindow::refresh() {
  error_->hide();
  calendar_->setRowCount(0);
  timeline_->setRowCount(0);
  const QDate today = asOf_->date();
  std::vector<records::ScheduleLine> lines;
  std::vector<records::CourseRecord> courses;
  std::vector<workflow::TimelineEvent> events;
  try {
    lines = record_.injectionSchedule(studyId_, today);
    courses = record_.courses(studyId_);
    events = workflow::subjectTimeline(record_, studyId_, today);
  } catch (const std::exception& e) {
    error_->setText(QString::fromUtf8(e.what()));
    error_->show();
    summary_->clear();
    calendar_->refit();
    timeline_->refit();
    return;
  }

  int given = 0;
  int flags = 0;
  for (const records::ScheduleLine& l : lines) {
    const scoring::ScheduledInjection& i = l.injection;
    given += i.givenDate ? 1 : 0;
    flags += flagged(i) ? 1 : 0;
    const int row = calendar_->rowCount();
    calendar_->insertRow(row);
    QString window = "-";
    if (i.windowOpens && i.windowCloses) {
      window = dateOf(i.windowOpens) + " to " + dateOf(i.windowCloses);
    }
    QString weight = "-";
    if (l.weightKg) {
      weight = QString("%1 kg (%2 %3)")
                   .arg(*l.weightKg, 0, 'f', 1)
                   .arg(i.givenDate ? "weighed" : "latest,", isoDate(*l.weightDate));
    } else if (i.dueDate) {
      weight = "no weight yet";
    }
    setTableRow(calendar_, row,
                {QString::number(i.number) + (i.needsExtraDoseApproval ? " (extra dose)" : ""),
                 dateOf(i.courseEnd), dateOf(i.dueDate), window, dateOf(i.givenDate), timingText(i),
                 weight, l.doseCells ? millionsOfCells(*l.doseCells) : QString("-"),
                 l.lotCode.isEmpty() ? QString("-") : l.lotCode});
    // The rules' sentence about the injection (also on its timeline event below).
    for (int col = 0; col < calendar_->columnCount(); ++col) {
      calendar_->item(row, col)->setToolTip(QString::fromStdString(i.note));
    }
    const Tone tone = timingTone(i);
    if (flagged(i)) {
      toneRow(calendar_, row, Tone::Stop);
    } else if (QTableWidgetItem* item = calendar_->item(row, 5)) {
      if (tone == Tone::Pass) {
        item->setForeground(QColor("#1b5e20"));
      } else if (tone == Tone::Missing) {
        item->setBackground(QColor("#fff4d6"));
      }
    }
    QFont bold = calendar_->item(row, 5)->font();
    bold.setBold(flagged(i));
    calendar_->item(row, 5)->setFont(bold);
  }
  const scoring::ScheduleSettings& s = record_.protocolSettings().schedule;
  summary_->setText(
      QString("As of %1: %2 of %3 injections given, <b>%4 flagged</b>. Injection n is due %5 "
              "after chemotherapy course n ends; the window runs from %6 before to %7 after the "
              "due date. Dose 5 x 10^6 NK cells per kg of the day's weight, the cells given "
              "within %8 % of it; injections 4 and 5 need the signed extra-dose approval.")
          .arg(isoDate(today))
          .arg(given)
          .arg(lines.size())
          .arg(flags)
          .arg(days(s.daysAfterCourse), days(s.windowDaysBeforeDue), days(s.windowDaysAfterDue))
          .arg(s.doseTolerancePercent));
  QStringList courseTexts;
  int next = 1;
  for (const records::CourseRecord& course : courses) {
    QString text = QString("course %1 ended %2").arg(course.number).arg(isoDate(course.endDate));
    if (course.supersedesId) {
      text += " (corrected: " + course.reason + ")";
    }
    courseTexts << text;
    next = std::max(next, course.number + 1);
  }
  courses_->setText(courseTexts.isEmpty() ? QString("No chemotherapy course recorded yet.")
                                          : "Courses: " + courseTexts.join("; ") + ".");
  nextCourse_ = std::min(next, 5);
  calendar_->refit();

  for (const workflow::TimelineEvent& e : events) {
    const int row = timeline_->rowCount();
    timeline_->insertRow(row);
    setTableRow(timeline_, row,
                {isoDate(e.date), QString(e.kind).replace('-', ' '), e.text,
                 e.flagged ? QString("! FLAGGED") : QString()});
    if (e.flagged) {
      toneRow(timeline_, row, Tone::Stop);
      QFont bold = timeline_->item(row, 3)->font();
      bold.setBold(true);
      timeline_->item(row, 3)->setFont(bold);
    }
  }
  timeline_->refit();
}

void ScheduleWindow::recordCourse() {
  try {
    const qint64 id = record_.recordCourseEnd(studyId_, courseNumber_->value(), courseEnd_->date(),
                                              courseReason_->text());
    courseReason_->clear();
    refresh();
    courseNumber_->setValue(nextCourse_);
    emit courseRecorded(id);
  } catch (const std::exception& e) {
    showRefusal(this, kTitle, e);
  }
}

}  // namespace nbra::viewer::protocol
