#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>

#include "workflow/deid/PseudonymisedImport.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace nbra::viewer {

// File > Import into trial (pseudonymised)...: a study or folder de-identified for the trial
// (PS3.15, docs/deidentification.md). The user names the source, the subject and timepoint, the
// site's key and the output folder; Preview lists what will be removed, changed and kept, and
// every file refused or held; Import writes all or nothing, then indexes the result.
class PseudonymisedImportDialog : public QDialog {
  Q_OBJECT
 public:
  PseudonymisedImportDialog(QString indexPath, QWidget* parent = nullptr);
  ~PseudonymisedImportDialog() override;

  // For tests and for a caller that already knows them.
  void setSource(const QString& folder);
  void setOutput(const QString& folder);
  void setKeyFile(const QString& file);
  void setSubject(const QString& subjectId, const QString& timepointId);
  void startPreview();
  void startImport();
  bool isRunning() const;
  void waitForFinished();
  // The last result (preview or import), and the last error ("" when none).
  const workflow::PseudonymisedImportResult* lastResult() const { return last_.get(); }
  QString lastError() const { return lastError_; }

 signals:
  void imported(int indexedInstances);

 protected:
  void reject() override;

 private:
  struct Outcome {
    std::shared_ptr<workflow::PseudonymisedImportResult> result;
    QString error;
  };
  workflow::PseudonymisedImportRequest request(bool preview) const;
  void run(bool preview);
  void onFinished();
  void showResult(const workflow::PseudonymisedImportResult& result, bool preview);
  void updateButtons();
  void chooseFolder(QLineEdit* edit, const QString& title);
  void chooseKey();
  void createKey();

  QString indexPath_;
  QLineEdit* source_;
  QLineEdit* output_;
  QLineEdit* key_;
  QLineEdit* subject_;
  QComboBox* timepoint_;
  QLineEdit* siteId_;
  QLabel* summary_;
  QTableWidget* attributes_;
  QListWidget* problems_;
  QCheckBox* pixelsReviewed_;
  QProgressBar* progress_;
  QPushButton* previewButton_;
  QPushButton* importButton_;
  QPushButton* closeButton_;

  QFutureWatcher<Outcome> watcher_;
  std::atomic<bool> cancel_{false};
  std::atomic<qint64> done_{0};
  std::atomic<qint64> total_{0};
  bool runningPreview_ = false;
  bool previewOk_ = false;  // the last preview, for the current inputs, could be imported
  std::unique_ptr<workflow::PseudonymisedImportResult> last_;
  QString lastError_;
};

}  // namespace nbra::viewer
