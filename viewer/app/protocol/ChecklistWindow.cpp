#include "viewer/app/protocol/ChecklistWindow.h"

#include <QButtonGroup>
#include <QDateEdit>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <map>

#include "records/database/RecordError.h"
#include "records/store/DateConversion.h"
#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/decide/SignDialog.h"
#include "viewer/app/protocol/ProtocolWidgets.h"
#include "workflow/protocol/ChecklistEntry.h"

namespace nbra::viewer::protocol {

namespace {

const QString kTitle = "Eligibility checklist";

QString statusText(scoring::CriterionStatus status) {
  switch (status) {
    case scoring::CriterionStatus::Met:
      return "MET";
    case scoring::CriterionStatus::NotMet:
      return "NOT MET";
    case scoring::CriterionStatus::Clear:
      return "CLEAR";
    case scoring::CriterionStatus::Excludes:
      return "EXCLUDES";
    case scoring::CriterionStatus::Missing:
      return "MISSING";
  }
  return {};
}

Tone statusTone(scoring::CriterionStatus status) {
  switch (status) {
    case scoring::CriterionStatus::Met:
    case scoring::CriterionStatus::Clear:
      return Tone::Pass;
    case scoring::CriterionStatus::NotMet:
    case scoring::CriterionStatus::Excludes:
      return Tone::Stop;
    case scoring::CriterionStatus::Missing:
      return Tone::Missing;
  }
  return Tone::Plain;
}

QString criterionName(const QString& id) {
  return (id.startsWith('I') ? "Inclusion " : "Exclusion ") + id.mid(1);
}

// The criteria with their titles, in checklist order, as the rules name them: an evaluation of no
// answers, so the window can be laid out even when the record refuses to show the review.
std::vector<scoring::CriterionResult> criteriaSkeleton(const scoring::ChecklistSettings& settings) {
  scoring::ChecklistInput in;
  in.enrolmentDate = records::detail::toChronoDate(QDate::currentDate());
  return scoring::evaluateChecklist(in, settings).criteria;
}

// What stands in for the entry of a criterion that has no item to answer.
QString derivedText(const QString& id) {
  if (id == "I5") {
    return "Not entered here: the signed imaging eligibility decision (Trial > Response and "
           "decisions) is used.";
  }
  if (id == "I6") {
    return "Not entered here: computed from the birth date on the day judged.";
  }
  return {};
}

QString signatureLine(const records::Signature& s) {
  return QString("%1 (%2), %3 UTC, \"%4\"")
      .arg(s.signerName, s.signerUserName, QString(s.signedUtc).replace('T', ' ').left(16),
           s.meaning);
}

}  // namespace

ChecklistWindow::ChecklistWindow(records::TrialRecord& record, const QString& studyId,
                                 QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId) {
  setObjectName("checklistWindow");
  setWindowTitle(protocolWindowTitle(kTitle, record_, studyId_));
  auto* layout = scrolledPage(this);
  QWidget* page = layout->parentWidget();

  auto* who = new QLabel(
      QString("<b>Subject %1</b> — %2 The coordinator enters each item from its source "
              "document; the rules judge the criteria; the investigator reviews and signs.")
          .arg(studyId_.toHtmlEscaped(), signedInText(record_).toHtmlEscaped()),
      page);
  who->setObjectName("who");
  who->setWordWrap(true);
  layout->addWidget(who);

  auto* dateRow = new QHBoxLayout;
  dateRow->addWidget(new QLabel("Judged for (the enrolment day; age is computed on it):", page));
  judgedOn_ = makeDateEdit(QDate::currentDate(), "judgedOn", page);
  dateRow->addWidget(judgedOn_);
  dateRow->addStretch();
  layout->addLayout(dateRow);

  auto* banner = new QGroupBox("Verdict", page);
  auto* b = new QVBoxLayout(banner);
  verdict_ = new QLabel(banner);
  verdict_->setObjectName("verdict");
  imaging_ = new QLabel(banner);
  imaging_->setObjectName("imaging");
  notes_ = new QLabel(banner);
  notes_->setObjectName("notes");
  notes_->setStyleSheet(decide::kNoteStyle);
  signature_ = new QLabel(banner);
  signature_->setObjectName("signature");
  for (QLabel* l : {verdict_, imaging_, notes_, signature_}) {
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    b->addWidget(l);
  }
  layout->addWidget(banner);

  error_ = new QLabel(page);
  error_->setObjectName("error");
  error_->setWordWrap(true);
  error_->setStyleSheet(decide::kWarningStyle);
  error_->hide();
  layout->addWidget(error_);

  layout->addWidget(buildCriteria(page));
  layout->addWidget(buildSignature(page));
  layout->addStretch();

  connect(judgedOn_, &QDateEdit::dateChanged, this, [this] { refresh(); });
  refresh();
  // Entries start from the latest answers, so a correction changes only what is wrong.
  if (review_) {
    for (ItemRow& row : items_) {
      for (const records::ChecklistAnswerRecord& a : review_->answers) {
        if (a.answer.key == QString::fromStdString(row.item.key)) {
          fillEntry(row, a.answer);
        }
      }
    }
  }
  setMinimumSize(760, 480);
}

QSize ChecklistWindow::sizeHint() const {
  return {1240, 720};
}

QWidget* ChecklistWindow::buildCriteria(QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  const std::vector<scoring::ChecklistItem> items =
      scoring::checklistItems(record_.protocolSettings().checklist);
  items_.reserve(items.size());
  for (const scoring::ChecklistItem& item : items) {
    items_.push_back({item});
  }
  for (const scoring::CriterionResult& c : criteriaSkeleton(record_.protocolSettings().checklist)) {
    const QString id = QString::fromStdString(c.id);
    auto* group = new QFrame(box);
    group->setObjectName(id);
    group->setFrameShape(QFrame::StyledPanel);
    auto* g = new QVBoxLayout(group);
    g->setSpacing(4);
    auto* head = new QHBoxLayout;
    CriterionRow row;
    row.id = id;
    row.status = new QLabel(group);
    row.status->setObjectName(id + ".status");
    row.status->setMinimumWidth(96);
    row.status->setAlignment(Qt::AlignCenter);
    row.title =
        new QLabel(QString("<b>%1 (%2)</b> %3")
                       .arg(criterionName(id), id, QString::fromStdString(c.title).toHtmlEscaped()),
                   group);
    row.title->setWordWrap(true);
    head->addWidget(row.status, 0, Qt::AlignTop);
    head->addWidget(row.title, 1);
    g->addLayout(head);
    row.reasons = new QLabel(group);
    row.reasons->setObjectName(id + ".reasons");
    row.reasons->setWordWrap(true);
    row.reasons->setStyleSheet(decide::kNoteStyle);
    row.reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    g->addWidget(row.reasons);
    criteria_.push_back(row);
    bool any = false;
    for (ItemRow& item : items_) {
      if (QString::fromStdString(item.item.criterion) == id) {
        g->addWidget(buildItemRow(item, group));
        any = true;
      }
    }
    if (!any) {
      auto* derived = new QLabel(derivedText(id), group);
      derived->setWordWrap(true);
      derived->setStyleSheet("color: #555555; font-style: italic");
      g->addWidget(derived);
    }
    layout->addWidget(group);
  }
  return box;
}

QWidget* ChecklistWindow::buildItemRow(ItemRow& row, QWidget* parent) {
  const QString key = QString::fromStdString(row.item.key);
  auto* w = new QWidget(parent);
  w->setObjectName(key);
  auto* grid = new QGridLayout(w);
  grid->setContentsMargins(12, 2, 0, 2);
  grid->setHorizontalSpacing(8);
  grid->setVerticalSpacing(2);
  QString question = QString::fromStdString(row.item.question).toHtmlEscaped();
  if (row.item.optional) {
    question += " <i>(optional)</i>";
  }
  auto* q = new QLabel(question, w);
  q->setWordWrap(true);
  q->setToolTip(key);
  grid->addWidget(q, 0, 0);
  row.current = new QLabel(w);
  row.current->setObjectName(key + ".current");
  row.current->setWordWrap(true);
  row.current->setTextInteractionFlags(Qt::TextSelectableByMouse);
  grid->addWidget(row.current, 1, 0, 1, 2);

  auto* entry = new QHBoxLayout;
  entry->setSpacing(6);
  auto* answer = new QWidget(w);
  answer->setFixedWidth(150);
  auto* a = new QHBoxLayout(answer);
  a->setContentsMargins(0, 0, 0, 0);
  if (row.item.type == scoring::ItemType::YesNo) {
    row.yes = new QRadioButton("yes", answer);
    row.yes->setObjectName(key + ".yes");
    row.no = new QRadioButton("no", answer);
    row.no->setObjectName(key + ".no");
    auto* group = new QButtonGroup(answer);
    group->addButton(row.yes);
    group->addButton(row.no);
    a->addWidget(row.yes);
    a->addWidget(row.no);
    a->addStretch();
  } else {
    row.value = new QLineEdit(answer);
    row.value->setObjectName(key + ".value");
    row.value->setPlaceholderText("value");
    row.value->setToolTip(QString("Plausible range %1 to %2 %3%4")
                              .arg(row.item.minValue)
                              .arg(row.item.maxValue)
                              .arg(QString::fromStdString(row.item.unit),
                                   row.item.integer ? ", a whole number" : ""));
    a->addWidget(row.value, 1);
    auto* unit = new QLabel(QString::fromStdString(row.item.unit), answer);
    unit->setObjectName(key + ".unit");
    a->addWidget(unit);
  }
  entry->addWidget(answer);
  entry->addWidget(new QLabel("on", w));
  row.date = makeDateEdit(QDate::currentDate(), key + ".date", w);
  row.date->setToolTip("The day it was measured or answered");
  entry->addWidget(row.date);
  row.source = new QLineEdit(w);
  row.source->setObjectName(key + ".source");
  row.source->setPlaceholderText("source document");
  row.source->setFixedWidth(200);
  entry->addWidget(row.source);
  row.record = new QPushButton("Record answer", w);
  row.record->setObjectName(key + ".record");
  entry->addWidget(row.record);
  grid->addLayout(entry, 0, 1, Qt::AlignTop);
  grid->setColumnStretch(0, 1);
  const std::size_t index = static_cast<std::size_t>(&row - items_.data());
  connect(row.record, &QPushButton::clicked, this, [this, index] { recordAnswer(index); });
  return w;
}

QWidget* ChecklistWindow::buildSignature(QWidget* parent) {
  auto* box = new QGroupBox("Investigator's review and signature", parent);
  auto* layout = new QVBoxLayout(box);
  auto* intro = new QLabel(
      "Signing freezes the verdict shown above, as judged for the date at the top, with every "
      "answer it read and the imaging decision it used. A changed answer or imaging decision "
      "makes the signature stale: review and sign again.",
      box);
  intro->setWordWrap(true);
  intro->setStyleSheet(decide::kNoteStyle);
  layout->addWidget(intro);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel("Reason (what was reviewed):", box));
  signReason_ = new QLineEdit(box);
  signReason_->setObjectName("signReason");
  row->addWidget(signReason_, 1);
  sign_ = new QPushButton("Sign checklist…", box);
  sign_->setObjectName("signChecklist");
  row->addWidget(sign_);
  layout->addLayout(row);
  connect(sign_, &QPushButton::clicked, this, [this] { askSignature(); });
  return box;
}

void ChecklistWindow::fillEntry(ItemRow& row, const records::ChecklistAnswerInput& answer) {
  if (row.yes && answer.yes) {
    (*answer.yes ? row.yes : row.no)->setChecked(true);
  }
  if (row.value && answer.value) {
    row.value->setText(QString::number(*answer.value, 'g', 10));
  }
  if (answer.date.isValid()) {
    row.date->setDate(answer.date);
  }
  row.source->setText(answer.sourceDocument);
  row.source->setCursorPosition(0);  // the start of the document's name, not its end
  row.source->setToolTip(answer.sourceDocument);
}

void ChecklistWindow::refresh() {
  error_->hide();
  try {
    review_ = record_.checklistReview(studyId_, judgedOn_->date());
    signoff_ = record_.checklistSignoff(studyId_);
    imagingDecisions_ = record_.subject(studyId_).eligibility;
  } catch (const std::exception& e) {
    review_.reset();
    signoff_.reset();
    error_->setText(QString::fromUtf8(e.what()));
    error_->show();
    verdict_->clear();
    imaging_->clear();
    notes_->clear();
    signature_->clear();
    updatePermissions();
    return;
  }
  for (CriterionRow& row : criteria_) {
    for (const scoring::CriterionResult& c : review_->result.criteria) {
      if (QString::fromStdString(c.id) != row.id) {
        continue;
      }
      setToned(row.status, statusText(c.status), statusTone(c.status));
      QStringList reasons;
      for (const std::string& r : c.reasons) {
        reasons << QString::fromStdString(r).toHtmlEscaped();
      }
      row.reasons->setText(reasons.join("<br>"));
      row.reasons->setVisible(!reasons.isEmpty());
    }
  }
  for (ItemRow& row : items_) {
    const QString key = QString::fromStdString(row.item.key);
    const records::ChecklistAnswerRecord* current = nullptr;
    for (const records::ChecklistAnswerRecord& a : review_->answers) {
      if (a.answer.key == key) {
        current = &a;
      }
    }
    if (!current) {
      row.current->setText(row.item.optional ? "Not answered (may stay empty if not measured)."
                                             : "Not answered yet.");
      row.current->setStyleSheet("color: #6d4c00");
      continue;
    }
    QString text =
        QString("Answer <b>%1</b>, dated %2, from '%3'; recorded by %4, %5 UTC.")
            .arg(workflow::checklistAnswerText(current->answer).toHtmlEscaped(),
                 isoDate(current->answer.date), current->answer.sourceDocument.toHtmlEscaped(),
                 current->recordedByName.toHtmlEscaped(),
                 QString(current->recordedUtc).replace('T', ' ').left(16));
    if (current->supersedesId) {
      text += QString(" Changed from answer %1: %2.")
                  .arg(*current->supersedesId)
                  .arg(current->reason.toHtmlEscaped());
    }
    row.current->setText(text);
    row.current->setStyleSheet(decide::kNoteStyle);
  }
  showBanner();
  updatePermissions();
}

void ChecklistWindow::showBanner() {
  const scoring::ChecklistResult& r = review_->result;
  const QString on = isoDate(review_->judgedOn);
  QStringList missing;
  QStringList against;
  for (const scoring::CriterionResult& c : r.criteria) {
    const QString id = QString::fromStdString(c.id);
    if (c.status == scoring::CriterionStatus::Missing) {
      missing << id;
    } else if (c.status == scoring::CriterionStatus::NotMet) {
      against << id + " not met";
    } else if (c.status == scoring::CriterionStatus::Excludes) {
      against << id + " excludes";
    }
  }
  if (!against.isEmpty()) {
    verdict_->setText(
        QString("<b>NOT ELIGIBLE</b> for %1: %2.%3")
            .arg(on, against.join(", "),
                 missing.isEmpty() ? QString() : " Still missing: " + missing.join(", ") + "."));
    verdict_->setStyleSheet(kBannerStop);
  } else if (!r.complete) {
    verdict_->setText(QString("<b>INCOMPLETE</b> for %1: missing %2. Nothing excludes so far.")
                          .arg(on, missing.join(", ")));
    verdict_->setStyleSheet(kBannerMissing);
  } else {
    verdict_->setText(
        QString("<b>ELIGIBLE</b> for %1: every inclusion criterion met, no exclusion applies.")
            .arg(on));
    verdict_->setStyleSheet(kBannerPass);
  }

  QString imaging = "Imaging eligibility used (inclusion 5): ";
  if (!review_->imagingDecisionId) {
    imaging += "<b>none signed yet</b>; sign it in Trial > Response and decisions.";
  } else {
    imaging += QString("decision %1").arg(*review_->imagingDecisionId);
    for (const records::DecisionRecord& d : imagingDecisions_) {
      if (d.id == *review_->imagingDecisionId) {
        imaging += QString(", <b>%1</b>").arg(d.yes ? "eligible" : "not eligible");
        if (d.signature) {
          imaging += ", signed by " + signatureLine(*d.signature).toHtmlEscaped();
        }
      }
    }
    imaging += ".";
  }
  imaging_->setText(imaging);

  QStringList notes;
  for (const std::string& n : r.notes) {
    notes << "• " + QString::fromStdString(n).toHtmlEscaped();
  }
  notes_->setText(notes.isEmpty() ? QString() : "<b>Notes</b><br>" + notes.join("<br>"));
  notes_->setVisible(!notes.isEmpty());

  if (!signoff_) {
    signature_->setText("<b>Not signed yet.</b> Enrolment waits for the investigator's signature.");
    signature_->setStyleSheet(kBannerMissing);
    return;
  }
  QString text =
      QString("Latest signature (%1): <b>%2</b>, judged for %3, by %4. Reason: %5.")
          .arg(signoff_->id)
          .arg(signoff_->eligible ? "eligible" : "not eligible", isoDate(signoff_->judgedOn),
               signoff_->signature ? signatureLine(*signoff_->signature).toHtmlEscaped()
                                   : QString("NOT SIGNED"),
               signoff_->reason.toHtmlEscaped());
  if (signoff_->stale.isEmpty()) {
    signature_->setText(text +
                        "<br><b>CURRENT</b>: it covers the answers and the imaging "
                        "decision above.");
    signature_->setStyleSheet(signoff_->eligible ? kBannerPass : kBannerStop);
  } else {
    signature_->setText(text + "<br><b>STALE</b>: signed before " +
                        signoff_->stale.toHtmlEscaped() +
                        ". The investigator must review and sign again.");
    signature_->setStyleSheet(kBannerStop);
  }
}

void ChecklistWindow::updatePermissions() {
  const bool mayEnter = mayDo(record_, records::Permission::EnterChecklist) && review_;
  const QString noEntry =
      notAllowedText(record_, records::Permission::EnterChecklist, "the coordinator");
  for (ItemRow& row : items_) {
    for (QWidget* w :
         std::initializer_list<QWidget*>{row.yes, row.no, row.value, row.date, row.source}) {
      if (w) {
        w->setEnabled(mayEnter);
      }
    }
    row.record->setEnabled(mayEnter);
    row.record->setToolTip(mayEnter ? "Stores this answer (a change asks for its reason)"
                                    : noEntry);
  }
  const bool maySign = mayDo(record_, records::Permission::SignChecklist);
  signReason_->setEnabled(maySign && review_);
  if (!maySign) {
    sign_->setEnabled(false);
    sign_->setToolTip(
        notAllowedText(record_, records::Permission::SignChecklist, "an investigator"));
  } else if (!review_ || !review_->result.complete) {
    sign_->setEnabled(false);
    sign_->setToolTip("The checklist cannot be signed while criteria are missing.");
  } else {
    sign_->setEnabled(true);
    sign_->setToolTip("Signs the verdict above with your password");
  }
}

void ChecklistWindow::recordAnswer(std::size_t index) {
  ItemRow& row = items_[index];
  const QString key = QString::fromStdString(row.item.key);
  QString typed;
  if (row.yes) {
    typed = row.yes->isChecked() ? "yes" : row.no->isChecked() ? "no" : QString();
  } else {
    typed = row.value->text();
  }
  try {
    const records::ChecklistAnswerInput in = workflow::checklistAnswerFromText(
        key, typed, QString(), row.date->date(), row.source->text());
    QString reason;
    const records::ChecklistAnswerRecord* previous = nullptr;
    if (review_) {
      for (const records::ChecklistAnswerRecord& a : review_->answers) {
        if (a.answer.key == key) {
          previous = &a;
        }
      }
    }
    if (previous) {
      bool ok = false;
      reason = QInputDialog::getText(
          this, "Change an answer",
          QString("%1 is already answered (%2, dated %3, answer %4).\nWhy does it change?")
              .arg(key, workflow::checklistAnswerText(previous->answer),
                   isoDate(previous->answer.date))
              .arg(previous->id),
          QLineEdit::Normal, QString(), &ok);
      if (!ok) {
        return;
      }
    }
    const qint64 id = record_.recordChecklistAnswer(studyId_, in, reason);
    refresh();
    emit answerRecorded(id);
  } catch (const std::exception& e) {
    showRefusal(this, kTitle, e);
  }
}

void ChecklistWindow::askSignature() {
  if (!review_) {
    return;
  }
  if (signReason_->text().trimmed().isEmpty()) {
    showRefusal(this, kTitle, "Write the reason for the signature (what was reviewed).");
    return;
  }
  const records::Actor& actor = record_.actor();
  const bool eligible = review_->result.eligible;
  const QDate judgedOn = review_->judgedOn;
  auto* dialog = new decide::SignDialog(
      actor.fullName, actor.userName,
      eligible ? "eligibility checklist: eligible" : "eligibility checklist: not eligible",
      QString("Subject %1: the eligibility checklist, judged for %2, says %3 (%4 answers, imaging "
              "decision %5). Reason: %6")
          .arg(studyId_, isoDate(judgedOn), eligible ? "eligible" : "not eligible")
          .arg(review_->answers.size())
          .arg(review_->imagingDecisionId ? QString::number(*review_->imagingDecisionId)
                                          : QString("none"),
               signReason_->text().trimmed()),
      this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this,
          [this, dialog, judgedOn] { sign(dialog->password(), judgedOn); });
  dialog->open();
}

void ChecklistWindow::sign(const QString& password, const QDate& judgedOn) {
  try {
    const qint64 id = record_.signChecklist(studyId_, judgedOn, signReason_->text(), password);
    refresh();
    emit checklistSigned(id);
  } catch (const std::exception& e) {
    showRefusal(this, kTitle, e);
  }
}

}  // namespace nbra::viewer::protocol
