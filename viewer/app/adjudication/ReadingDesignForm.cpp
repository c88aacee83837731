#include "viewer/app/adjudication/ReadingDesignForm.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "viewer/app/decide/PanelStyle.h"
#include "viewer/app/protocol/ProtocolWidgets.h"

namespace nbra::viewer::adjudication {

namespace {

const QString kTitle = "Reading design";

constexpr scoring::DiscordanceVariable kTriggers[4] = {
    scoring::DiscordanceVariable::OverallResponse, scoring::DiscordanceVariable::Eligibility,
    scoring::DiscordanceVariable::ExtraDoses, scoring::DiscordanceVariable::NewLesion};

QLineEdit* thresholdEdit(const QString& name, QWidget* parent) {
  auto* edit = new QLineEdit(parent);
  edit->setObjectName(name);
  edit->setPlaceholderText("off");
  edit->setMaximumWidth(90);
  return edit;
}

// Empty: no threshold. Throws std::invalid_argument naming the field for text that is not one.
std::optional<double> threshold(const QLineEdit* edit, const QString& what, bool whole) {
  const QString text = edit->text().trimmed();
  if (text.isEmpty()) {
    return std::nullopt;
  }
  const std::optional<double> v = protocol::typedNumber(text);
  if (!v) {
    throw std::invalid_argument(QString("%1: '%2' is not a number").arg(what, text).toStdString());
  }
  if (whole && *v != std::floor(*v)) {
    throw std::invalid_argument(
        QString("%1: '%2' is not a whole number of points").arg(what, text).toStdString());
  }
  return v;
}

QString thresholdText(const std::optional<double>& v) {
  return v ? QString::number(*v) : QString();
}

}  // namespace

ReadingDesignForm::ReadingDesignForm(records::TrialRecord& record, QWidget* parent)
    : QGroupBox("Reading design of the trial", parent), record_(record) {
  setObjectName("designForm");
  auto* layout = new QVBoxLayout(this);
  current_ = new QLabel(this);
  current_->setObjectName("currentDesign");
  current_->setWordWrap(true);
  current_->setStyleSheet(decide::kProposalStyle);
  layout->addWidget(current_);

  auto* designRow = new QHBoxLayout;
  single_ = new QRadioButton("Single reading (one reader per timepoint)", this);
  single_->setObjectName("designSingle");
  double_ = new QRadioButton("Blinded double reading with adjudication", this);
  double_->setObjectName("designDouble");
  auto* group = new QButtonGroup(this);
  group->addButton(single_);
  group->addButton(double_);
  designRow->addWidget(single_);
  designRow->addWidget(double_);
  designRow->addStretch();
  layout->addLayout(designRow);

  layout->addWidget(
      new QLabel("A timepoint goes to the adjudicator when the two reads differ in:", this));
  auto* grid = new QGridLayout;
  for (int i = 0; i < 4; ++i) {
    triggers_[static_cast<std::size_t>(i)] =
        new QCheckBox(QString::fromStdString(scoring::variableName(kTriggers[i])), this);
    triggers_[static_cast<std::size_t>(i)]->setObjectName(
        "trigger." + QString::fromStdString(scoring::variableKey(kTriggers[i])));
    grid->addWidget(triggers_[static_cast<std::size_t>(i)], i / 2, i % 2);
  }
  layout->addLayout(grid);
  auto* thresholds = new QHBoxLayout;
  thresholds->addWidget(new QLabel("or by at least: sum of diameters", this));
  sumThreshold_ = thresholdEdit("sumThreshold", this);
  thresholds->addWidget(sumThreshold_);
  thresholds->addWidget(new QLabel("mm, Curie total", this));
  curieThreshold_ = thresholdEdit("curieThreshold", this);
  thresholds->addWidget(curieThreshold_);
  thresholds->addWidget(new QLabel("points, SIOPEN total", this));
  siopenThreshold_ = thresholdEdit("siopenThreshold", this);
  thresholds->addWidget(siopenThreshold_);
  thresholds->addWidget(new QLabel("points (empty: off)", this));
  thresholds->addStretch();
  layout->addLayout(thresholds);

  auto* reasonRow = new QHBoxLayout;
  reasonRow->addWidget(new QLabel("Reason:", this));
  reason_ = new QLineEdit(this);
  reason_->setObjectName("designReason");
  reason_->setPlaceholderText("e.g. protocol amendment 2: blinded double reading");
  reasonRow->addWidget(reason_, 1);
  set_ = new QPushButton("Set reading design", this);
  set_->setObjectName("setDesign");
  reasonRow->addWidget(set_);
  layout->addLayout(reasonRow);

  const bool may = protocol::mayDo(record_, records::Permission::SetReadingDesign);
  for (QWidget* w : findChildren<QWidget*>()) {
    if (w != current_ && !qobject_cast<QLabel*>(w)) {
      w->setEnabled(may);
    }
  }
  set_->setToolTip(may ? QString("Stores the design with your reason; it applies from now on")
                       : protocol::notAllowedText(record_, records::Permission::SetReadingDesign,
                                                  "the administrator"));
  connect(set_, &QPushButton::clicked, this, [this] { submit(); });
  refresh();
}

void ReadingDesignForm::refresh() {
  const records::ReadingDesign d = record_.readingDesign();
  const bool twice = d.design == records::kDoubleRead;
  QString text = twice ? QString("<b>In force: blinded double reading with adjudication.</b>")
                       : QString("<b>In force: single reading.</b>");
  if (d.id) {
    text += QString(" Set %1 by %2: %3.")
                .arg(QString(d.setUtc).replace('T', ' ').left(16) + " UTC",
                     d.setByName.toHtmlEscaped(), d.reason.toHtmlEscaped());
  } else {
    text += " The default: no design was set yet.";
  }
  current_->setText(text);
  (twice ? double_ : single_)->setChecked(true);
  const scoring::DiscordanceSettings& s = d.discordance;
  triggers_[0]->setChecked(s.overallResponse);
  triggers_[1]->setChecked(s.eligibility);
  triggers_[2]->setChecked(s.extraDoses);
  triggers_[3]->setChecked(s.newLesion);
  sumThreshold_->setText(thresholdText(s.sumOfDiametersThresholdMm));
  curieThreshold_->setText(s.curieThreshold ? QString::number(*s.curieThreshold) : QString());
  siopenThreshold_->setText(s.siopenThreshold ? QString::number(*s.siopenThreshold) : QString());
}

void ReadingDesignForm::submit() {
  scoring::DiscordanceSettings s;
  s.overallResponse = triggers_[0]->isChecked();
  s.eligibility = triggers_[1]->isChecked();
  s.extraDoses = triggers_[2]->isChecked();
  s.newLesion = triggers_[3]->isChecked();
  try {
    s.sumOfDiametersThresholdMm = threshold(sumThreshold_, "sum of diameters threshold", false);
    if (const auto v = threshold(curieThreshold_, "Curie threshold", true)) {
      s.curieThreshold = static_cast<int>(std::clamp(*v, -1e6, 1e6));
    }
    if (const auto v = threshold(siopenThreshold_, "SIOPEN threshold", true)) {
      s.siopenThreshold = static_cast<int>(std::clamp(*v, -1e6, 1e6));
    }
    const qint64 id = record_.setReadingDesign(
        double_->isChecked() ? records::kDoubleRead : records::kSingleRead, s, reason_->text());
    reason_->clear();
    refresh();
    emit designSet(id);
  } catch (const std::exception& e) {
    protocol::showRefusal(this, kTitle, e);
  }
}

}  // namespace nbra::viewer::adjudication
