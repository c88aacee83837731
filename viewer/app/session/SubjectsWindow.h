#pragma once

#include <QWidget>
#include <functional>

#include "records/store/TrialRecord.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace nbra::dicom {
class ImageIndex;
}

namespace nbra::viewer::session {

class StudyDropList;

// Trial > Subjects and timepoints… (the coordinator's start window): the subjects with their
// timepoints and linked studies; a new subject; a new timepoint whose studies are dragged (or
// taken as selected) from the study browser, shown by description and date, never by UID. A
// timepoint never mixes two patients' studies (workflow::linkedStudiesProblem).
class SubjectsWindow : public QWidget {
  Q_OBJECT
 public:
  // The Study Instance UIDs selected in the study browser now.
  using BrowserSelection = std::function<QStringList()>;

  SubjectsWindow(records::TrialRecord& record, dicom::ImageIndex& index,
                 BrowserSelection browserSelection, QWidget* parent = nullptr);
  QSize sizeHint() const override;

  void refresh();
  QString currentSubject() const;
  QTreeWidget* tree() const { return tree_; }
  StudyDropList* studyList() const { return studies_; }
  QLineEdit* studyIdEdit() const { return studyId_; }
  QComboBox* sexBox() const { return sex_; }
  QLineEdit* birthDateEdit() const { return birthDate_; }
  QLineEdit* labelEdit() const { return label_; }
  QComboBox* kindBox() const { return kind_; }
  QDateEdit* scanDateEdit() const { return scanDate_; }
  QString errorText() const;

 public slots:
  bool createSubject();
  bool addSelectedStudies();  // the browser's selection into the list of the new timepoint
  bool addTimepoint();
  void selectSubject(const QString& studyId);

 signals:
  void recordChanged();

 private:
  void showError(const QString& message);
  void suggestTimepoint();

  records::TrialRecord& record_;
  dicom::ImageIndex& index_;
  BrowserSelection browserSelection_;
  QLabel* error_ = nullptr;
  QTreeWidget* tree_ = nullptr;
  QLineEdit* studyId_ = nullptr;
  QComboBox* sex_ = nullptr;
  QLineEdit* birthDate_ = nullptr;
  QLabel* timepointTitle_ = nullptr;
  QLineEdit* label_ = nullptr;
  QComboBox* kind_ = nullptr;
  QDateEdit* scanDate_ = nullptr;
  StudyDropList* studies_ = nullptr;
  QPushButton* addTimepoint_ = nullptr;
};

}  // namespace nbra::viewer::session
