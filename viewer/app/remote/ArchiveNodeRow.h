#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "workflow/net/RemoteNode.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace nbra::viewer {

// The archive row of File > Query/Retrieve...: the nodes of the node file to choose from, the
// address of the one chosen, and Echo (C-ECHO, or a DICOMweb search) off the GUI thread with
// its answer beside it.
class ArchiveNodeRow : public QWidget {
  Q_OBJECT
 public:
  // `nodesFile`: empty for workflow::defaultNodesFile().
  explicit ArchiveNodeRow(QString nodesFile, QWidget* parent = nullptr);

  // Reads the node file again (keeps the chosen node when it is still there). Returns why the
  // file cannot be read, or "".
  QString reload();
  bool select(const QString& name);
  const workflow::RemoteNode* current() const;
  bool hasNodes() const { return !nodes_.empty(); }
  const QString& nodesFile() const { return nodesFile_; }

  void startEcho();
  bool isEchoing() const { return echoRunning_; }

  // For the window's tab order.
  QComboBox* nodeBox() const { return node_; }
  QPushButton* echoButton() const { return echoButton_; }

 signals:
  void nodeChanged();
  void echoStarted();
  // `error`: why the node chosen did not answer, "" when it did (or another node is chosen now:
  // an answer for a node no longer chosen would be read as this one's).
  void echoFinished(const QString& error);

 private:
  void showAddress();
  void updateButtons();

  QString nodesFile_;
  std::vector<workflow::RemoteNode> nodes_;
  QComboBox* node_;
  QLabel* nodeAddress_;
  QPushButton* echoButton_;
  QLabel* echoResult_;
  bool echoRunning_ = false;
};

}  // namespace nbra::viewer
