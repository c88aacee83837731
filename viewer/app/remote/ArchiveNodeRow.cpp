#include "viewer/app/remote/ArchiveNodeRow.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <utility>

#include "viewer/app/remote/QueryRetrieveSupport.h"
#include "workflow/net/RemoteOperations.h"

namespace nbra::viewer {
namespace {

using qr::str;

struct EchoOutcome {
  qint64 milliseconds = 0;
  QString error;
};

QString nodeAddress(const workflow::RemoteNode& node) {
  if (node.protocol == workflow::RemoteNode::Protocol::DicomWeb)
    return QObject::tr("%1 · DICOMweb").arg(node.web.baseUrl);
  const auto& d = node.dimse;
  return QObject::tr("%1@%2:%3 · DIMSE %4%5")
      .arg(str(d.calledAeTitle), str(d.host))
      .arg(d.port)
      .arg(node.retrieve == workflow::RetrieveMethod::Move ? "C-MOVE" : "C-GET")
      .arg(d.tls.enabled ? QObject::tr(" · TLS") : QString());
}

}  // namespace

ArchiveNodeRow::ArchiveNodeRow(QString nodesFile, QWidget* parent)
    : QWidget(parent),
      nodesFile_(nodesFile.isEmpty() ? workflow::defaultNodesFile() : std::move(nodesFile)) {
  node_ = new QComboBox;
  node_->setObjectName("qrNode");
  node_->setAccessibleName(tr("Archive"));
  node_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  nodeAddress_ = new QLabel;
  nodeAddress_->setObjectName("qrNodeAddress");
  nodeAddress_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  echoButton_ = new QPushButton(tr("&Echo"));
  echoButton_->setObjectName("qrEcho");
  echoButton_->setAccessibleName(tr("Echo the archive"));
  echoButton_->setToolTip(tr("Checks that the archive answers (C-ECHO, or a DICOMweb search)"));
  echoButton_->setAutoDefault(false);
  echoResult_ = qr::selectableLine("qrEchoResult");
  echoResult_->setAccessibleName(tr("Echo result"));
  echoResult_->setWordWrap(false);
  // Neither line may widen the dialog beyond the screen: they take the room the row leaves
  // (the full text is in the tooltip, an echo failure also in the error line).
  echoResult_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  nodeAddress_->setMaximumWidth(fontMetrics().horizontalAdvance("M") * 36);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  auto* archiveLabel = new QLabel(tr("&Archive:"));
  archiveLabel->setBuddy(node_);
  row->addWidget(archiveLabel);
  row->addWidget(node_);
  row->addWidget(nodeAddress_);
  row->addWidget(echoButton_);
  row->addWidget(echoResult_, 1);

  connect(node_, &QComboBox::currentIndexChanged, this, [this] {
    showAddress();
    echoResult_->clear();
    updateButtons();
    emit nodeChanged();
  });
  connect(echoButton_, &QPushButton::clicked, this, &ArchiveNodeRow::startEcho);
}

QString ArchiveNodeRow::reload() {
  const QString chosen = node_->currentText();
  node_->blockSignals(true);
  node_->clear();
  nodes_.clear();
  QString problem;
  try {
    nodes_ = workflow::readNodes(nodesFile_);
  } catch (const std::exception& e) {
    problem = qr::messageOf(e);
  }
  for (const auto& node : nodes_) {
    node_->addItem(node.name);
    node_->setItemData(node_->count() - 1, workflow::describe(node), Qt::ToolTipRole);
  }
  const int keep = node_->findText(chosen);
  node_->setCurrentIndex(keep >= 0 ? keep : 0);
  node_->blockSignals(false);
  showAddress();
  updateButtons();
  return problem;
}

bool ArchiveNodeRow::select(const QString& name) {
  const int i = node_->findText(name);
  if (i >= 0)
    node_->setCurrentIndex(i);
  return i >= 0;
}

const workflow::RemoteNode* ArchiveNodeRow::current() const {
  const int i = node_->currentIndex();
  return i >= 0 && i < static_cast<int>(nodes_.size()) ? &nodes_[static_cast<std::size_t>(i)]
                                                       : nullptr;
}

void ArchiveNodeRow::showAddress() {
  const workflow::RemoteNode* node = current();
  nodeAddress_->setText(node ? nodeAddress(*node) : QString());
  nodeAddress_->setToolTip(node ? workflow::describe(*node) : QString());
}

void ArchiveNodeRow::updateButtons() {
  echoButton_->setEnabled(current() != nullptr && !echoRunning_);
  node_->setEnabled(!nodes_.empty());
}

void ArchiveNodeRow::startEcho() {
  const workflow::RemoteNode* node = current();
  if (!node || echoRunning_)
    return;
  echoRunning_ = true;
  emit echoStarted();
  echoResult_->setStyleSheet({});
  echoResult_->setText(tr("Asking %1…").arg(node->name));
  updateButtons();
  const QString asked = node->name;
  qr::runInBackground<EchoOutcome>(
      this,
      [node = *node] {
        EchoOutcome outcome;
        QElapsedTimer clock;
        clock.start();
        try {
          workflow::echoNode(node);
        } catch (const std::exception& e) {
          outcome.error = qr::messageOf(e);
        }
        outcome.milliseconds = clock.elapsed();
        return outcome;
      },
      [this, asked](const EchoOutcome& outcome) {
        echoRunning_ = false;
        updateButtons();
        if (node_->currentText() != asked) {
          emit echoFinished({});
          return;
        }
        if (outcome.error.isEmpty()) {
          echoResult_->setStyleSheet("color: #006400;");
          echoResult_->setText(tr("✓ %1 answered in %2 ms").arg(asked).arg(outcome.milliseconds));
        } else {
          echoResult_->setStyleSheet("color: #a00000;");
          echoResult_->setText(tr("✗ %1 did not answer").arg(asked));
        }
        echoResult_->setToolTip(outcome.error.isEmpty() ? echoResult_->text() : outcome.error);
        emit echoFinished(outcome.error);
      });
}

}  // namespace nbra::viewer
