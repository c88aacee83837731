#include "viewer/app/adjudication/AdjudicationWindow.h"

#include <QButtonGroup>
#include <QCloseEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

#include "records/database/RecordError.h"
#include "viewer/app/adjudication/AdjudicationTables.h"
#include "viewer/app/adjudication/MarksOverlay.h"
#include "viewer/app/adjudication/ReadColours.h"
#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/decide/SignDialog.h"

namespace nbra::viewer::adjudication {

using protocol::FittedTable;
using protocol::Tone;

namespace {

const QString kTitle = "Adjudication";
const QString& kMeaning = records::kAdjudicationMeaning;

QString utc(const QString& iso) {
  return iso.isEmpty() ? QString("-") : QString(iso).replace('T', ' ').left(16) + " UTC";
}

QString readLine(const QString& letter, const records::ReadRecord& r) {
  QString text = QString("<b>Read %1</b>: %2 (%3), read %4, version %5")
                     .arg(letter, r.readerName.toHtmlEscaped(), r.readerUserName.toHtmlEscaped())
                     .arg(r.id)
                     .arg(r.version);
  if (r.signature) {
    text += ", signed " + utc(r.signature->signedUtc);
  }
  return text;
}

QGroupBox* box(const QString& title, QWidget* parent) {
  auto* b = new QGroupBox(title, parent);
  new QVBoxLayout(b);
  return b;
}

}  // namespace

AdjudicationWindow::AdjudicationWindow(records::TrialRecord& record, const QString& studyId,
                                       const QString& label, QWidget* parent)
    : QWidget(parent), record_(record), studyId_(studyId), label_(label) {
  // The window is blinded by the record, which anonymises the reads for an adjudicator only.
  record_.require(records::Permission::Adjudicate);
  setObjectName("adjudicationWindow");
  setWindowTitle(protocol::protocolWindowTitle(kTitle + ", " + label_, record_, studyId_));
  auto* layout = protocol::scrolledPage(this);
  QWidget* page = layout->parentWidget();

  header_ = new QLabel(page);
  header_->setObjectName("header");
  header_->setWordWrap(true);
  layout->addWidget(header_);
  reads_ = new QLabel(page);
  reads_->setObjectName("reads");
  reads_->setWordWrap(true);
  layout->addWidget(reads_);
  layout->addWidget(makeLegend(page));
  status_ = new QLabel(page);
  status_->setObjectName("status");
  status_->setWordWrap(true);
  layout->addWidget(status_);

  // What the rules make of each read, beside the choice it leads to.
  auto* top = new QHBoxLayout;
  QGroupBox* variablesBox = box("What the rules make of each read", page);
  variables_ = new FittedTable(variableHeaders(), "variables", 10, variablesBox);
  variablesBox->layout()->addWidget(variables_);
  static_cast<QVBoxLayout*>(variablesBox->layout())->addStretch();
  top->addWidget(variablesBox, 3);

  QGroupBox* decisionBox = box("Adjudication", page);
  decisionBox->setObjectName("decisionBox");
  auto* d = static_cast<QVBoxLayout*>(decisionBox->layout());
  auto* question = new QLabel("Which read becomes the timepoint's read of record?", decisionBox);
  question->setWordWrap(true);
  d->addWidget(question);
  auto* radios = new QHBoxLayout;
  chooseA_ = new QRadioButton("Read A", decisionBox);
  chooseA_->setObjectName("chooseA");
  chooseA_->setStyleSheet(QString("color: %1; font-weight: bold").arg(readColour(Read::A).name()));
  chooseB_ = new QRadioButton("Read B", decisionBox);
  chooseB_->setObjectName("chooseB");
  chooseB_->setStyleSheet(QString("color: %1; font-weight: bold").arg(readColour(Read::B).name()));
  choice_ = new QButtonGroup(this);
  choice_->addButton(chooseA_);
  choice_->addButton(chooseB_);
  radios->addWidget(chooseA_);
  radios->addWidget(chooseB_);
  radios->addStretch();
  d->addLayout(radios);
  d->addWidget(new QLabel("Reason (kept with the signature):", decisionBox));
  reason_ = new QLineEdit(decisionBox);
  reason_->setObjectName("reason");
  reason_->setPlaceholderText("why this read is the right one");
  d->addWidget(reason_);
  auto* signRow = new QHBoxLayout;
  sign_ = new QPushButton("Sign adjudication…", decisionBox);
  sign_->setObjectName("signAdjudication");
  signRow->addWidget(sign_);
  signRow->addStretch();
  d->addLayout(signRow);
  decision_ = new QLabel(decisionBox);
  decision_->setObjectName("decision");
  decision_->setWordWrap(true);
  decision_->setStyleSheet(decide::kNoteStyle);
  d->addWidget(decision_);
  d->addStretch();
  top->addWidget(decisionBox, 2);
  layout->addLayout(top);

  // The lesions, beside both reads' calipers.
  auto* middle = new QHBoxLayout;
  QGroupBox* lesionsBox = box("Lesions, aligned by tracking id", page);
  lesions_ = new FittedTable(lesionHeaders(), "lesions", 12, lesionsBox);
  lesions_->horizontalHeader()->setSectionResizeMode(kLesionDifferencesColumn,
                                                     QHeaderView::Stretch);
  lesions_->horizontalHeader()->setStretchLastSection(false);
  lesionsBox->layout()->addWidget(lesions_);
  static_cast<QVBoxLayout*>(lesionsBox->layout())->addStretch();  // the table at the top
  middle->addWidget(lesionsBox, 3);
  QGroupBox* marksBox = box("Both reads' calipers", page);
  marks_ = new MarksOverlay(marksBox);
  marksBox->layout()->addWidget(marks_);
  middle->addWidget(marksBox, 2);
  layout->addLayout(middle);

  // The MIBG segment scores, one table per scale.
  QGroupBox* mibgBox = box("MIBG segment scores", page);
  auto* scales = new QHBoxLayout;
  const auto scaleTable = [&](const QString& title, const QString& name, QWidget*& holder) {
    holder = new QWidget(mibgBox);
    auto* v = new QVBoxLayout(holder);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(new QLabel("<b>" + title + "</b>", holder));
    auto* table = new FittedTable(segmentHeaders(), name, 12, holder);
    v->addWidget(table);
    v->addStretch();
    scales->addWidget(holder, 1);
    return table;
  };
  siopen_ = scaleTable("SIOPEN (0-6 per segment)", "siopen", siopenBox_);
  curie_ = scaleTable("Curie (0-3 per segment)", "curie", curieBox_);
  static_cast<QVBoxLayout*>(mibgBox->layout())->addLayout(scales);
  noSegments_ = new QLabel("Neither read scored MIBG segments.", mibgBox);
  noSegments_->setStyleSheet(decide::kNoteStyle);
  mibgBox->layout()->addWidget(noSegments_);
  layout->addWidget(mibgBox);
  layout->addStretch();

  connect(sign_, &QPushButton::clicked, this, [this] { askSignature(); });
  load();
  setMinimumSize(760, 480);
}

QSize AdjudicationWindow::sizeHint() const {
  return {1300, 740};
}

void AdjudicationWindow::load() {
  case_ = workflow::openAdjudication(record_, studyId_, label_);
  header_->setText(QString("<b>Subject %1</b> — timepoint <b>%2</b> (%3), scanned %4. "
                           "<b>Blinded: readers shown as A and B.</b> %5")
                       .arg(studyId_.toHtmlEscaped(), label_.toHtmlEscaped(),
                            case_.timepointKind.toHtmlEscaped(), case_.scanDate.toHtmlEscaped(),
                            protocol::signedInText(record_).toHtmlEscaped()));
  reads_->setText(readLine("A", case_.readA) + "<br>" + readLine("B", case_.readB));

  fillVariables(variables_, case_.comparison);
  variables_->refit();
  fillLesions(lesions_, case_.lesions);
  lesions_->refit();
  marks_->setLesions(case_.lesions);
  fillSegments(siopen_, case_.segments, "siopen");
  fillSegments(curie_, case_.segments, "curie");
  const bool hasSiopen = siopen_->rowCount() > 0;
  const bool hasCurie = curie_->rowCount() > 0;
  siopenBox_->setVisible(hasSiopen);
  curieBox_->setVisible(hasCurie);
  noSegments_->setVisible(!hasSiopen && !hasCurie);
  siopen_->refit();
  curie_->refit();
  showDecision();
}

void AdjudicationWindow::showDecision() {
  const records::ReadingStatus& s = case_.status;
  const bool done = s.state == "adjudicated";
  if (done) {
    setToned(status_,
             QString("<b>ADJUDICATED</b>: read %1 (read %2) is the timepoint's read of record.")
                 .arg(s.adjudication->chosenRead)
                 .arg(s.adjudication->chosenReadId),
             Tone::Pass);
  } else if (s.state == "awaiting-adjudication") {
    QString why = s.text;
    why.remove(QRegularExpression("^awaiting adjudication:\\s*"));
    setToned(status_,
             "<b>AWAITING ADJUDICATION</b>: " + why.toHtmlEscaped() +
                 ". Choose the read that becomes the read of record.",
             Tone::Missing);
  } else {
    setToned(status_,
             "<b>" + s.state.toUpper().replace('-', ' ') + "</b>: " + s.text.toHtmlEscaped() +
                 ". There is nothing to adjudicate.",
             s.state == "concordant" ? Tone::Pass : Tone::Plain);
  }

  const bool open = s.state == "awaiting-adjudication";
  for (QWidget* w : std::initializer_list<QWidget*>{chooseA_, chooseB_, reason_, sign_}) {
    w->setEnabled(open);
  }
  if (done) {
    const records::AdjudicationRecord& a = *s.adjudication;
    (a.chosenRead == "A" ? chooseA_ : chooseB_)->setChecked(true);
    reason_->setText(a.reason);
    reason_->setReadOnly(true);
    QString text = QString("Read %1 chosen by %2").arg(a.chosenRead, a.adjudicatorName);
    if (a.signature) {
      text +=
          QString(", signed %1 (\"%2\")").arg(utc(a.signature->signedUtc), a.signature->meaning);
    }
    decision_->setText(text + ". Reason: " + a.reason);
    sign_->setToolTip("Adjudicated: a correction of either read reopens the timepoint");
  } else {
    decision_->setText(open ? QString("Signing asks for your password again; the choice is final "
                                      "for these two reads.")
                            : QString());
    sign_->setToolTip(open ? QString("Signs the choice: the chosen read becomes the read of "
                                     "record")
                           : s.text);
  }
}

void AdjudicationWindow::askSignature() {
  QAbstractButton* chosen = choice_->checkedButton();
  if (!chosen) {
    protocol::showRefusal(this, kTitle, QString("Choose read A or read B first."));
    return;
  }
  if (reason_->text().trimmed().isEmpty()) {
    protocol::showRefusal(this, kTitle,
                          QString("An adjudication needs a reason: say why read %1 is the right "
                                  "one.")
                              .arg(chosen == chooseA_ ? "A" : "B"));
    return;
  }
  const records::Actor& actor = record_.actor();
  const QString letter = chosen == chooseA_ ? "A" : "B";
  auto* dialog = new decide::SignDialog(
      actor.fullName, actor.userName, kMeaning,
      QString("Subject %1, timepoint %2: read %3 becomes the read of record. Reason: %4")
          .arg(studyId_, label_, letter, reason_->text().trimmed()),
      this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] { sign(dialog->password()); });
  dialog->open();
}

void AdjudicationWindow::sign(const QString& password) {
  const bool a = choice_->checkedButton() == chooseA_;
  const qint64 chosenId = a ? case_.readA.id : case_.readB.id;
  qint64 id = 0;
  try {
    id = record_.adjudicate(studyId_, label_, chosenId, reason_->text(), password);
  } catch (const std::exception& e) {
    protocol::showRefusal(this, kTitle, e);
    return;
  }
  try {
    load();
  } catch (const std::exception& e) {
    protocol::showRefusal(this, kTitle, e);
  }
  emit adjudicated(id);
}

void AdjudicationWindow::closeEvent(QCloseEvent* event) {
  const bool unsigned_ = reason_->isEnabled() && !reason_->isReadOnly() &&
                         (choice_->checkedButton() || !reason_->text().trimmed().isEmpty());
  if (unsigned_ &&
      QMessageBox::question(this, "Adjudication",
                            "The adjudication of " + studyId_ +
                                " is not signed: the choice and the reason will be lost. Close "
                                "anyway?",
                            QMessageBox::Discard | QMessageBox::Cancel,
                            QMessageBox::Cancel) != QMessageBox::Discard) {
    event->ignore();
    return;
  }
  QWidget::closeEvent(event);
}

}  // namespace nbra::viewer::adjudication
