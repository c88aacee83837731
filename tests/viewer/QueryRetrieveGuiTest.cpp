// File > Query/Retrieve and Reading > Send read to archive against a real Orthanc on loopback:
// a reader finds a patient's study by ID, lists its series, retrieves one and opens it from the
// study browser like a local series; a retrieve is cancelled and what arrived is kept; a search
// is stopped or superseded and its answer never shows; a signed read goes to the archive as a
// DICOM SR. Skipped when Orthanc is not installed.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <filesystem>
#include <memory>

#include "records/database/RecordDatabase.h"
#include "records/store/TrialRecord.h"
#include "tests/support/OrthancServer.h"
#include "tests/support/SyntheticDicom.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/remote/ArchiveSender.h"
#include "viewer/app/remote/QueryRetrieveDialog.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/net/RemoteNode.h"
#include "workflow/net/RemoteOperations.h"

using nbra::viewer::MainWindow;
using nbra::viewer::QueryRetrieveDialog;
using nbra::viewer::StudyTreeModel;
namespace fs = std::filesystem;
namespace rec = nbra::records;

namespace {

constexpr int kSmallSlices = 12;
constexpr int kLargeSlices = 300;
const QString kSmallStudy = "2.25.271828182845904523536028747135";
const QString kLargeStudy = "2.25.314159265358979323846264338327";

// The text of every row of the study browser, patients, studies and series, with its images.
QStringList browserRows(const StudyTreeModel* model, const QModelIndex& parent = {}) {
  QStringList rows;
  for (int r = 0; r < model->rowCount(parent); ++r) {
    const QModelIndex i = model->index(r, StudyTreeModel::kName, parent);
    rows << i.data().toString() + " | " +
                i.siblingAtColumn(StudyTreeModel::kImages).data().toString();
    rows << browserRows(model, i);
  }
  return rows;
}

QModelIndex findSeriesRow(const StudyTreeModel* model, const QString& text,
                          const QModelIndex& parent = {}) {
  for (int r = 0; r < model->rowCount(parent); ++r) {
    const QModelIndex i = model->index(r, StudyTreeModel::kName, parent);
    if (i.data(StudyTreeModel::kSeriesIdRole).isValid() && i.data().toString().contains(text))
      return i;
    if (const QModelIndex found = findSeriesRow(model, text, i); found.isValid())
      return found;
  }
  return {};
}

}  // namespace

class QueryRetrieveGuiTest : public QObject {
  Q_OBJECT

  QTemporaryDir home_;
  std::unique_ptr<nbra::testing::OrthancServer> orthanc_;
  QString nodesFile_;
  QStringList modalTexts_;

  QString indexPath(const char* name) const {
    return home_.filePath(QString(name) + "/index.sqlite");
  }

  // A modal message box would wait for a click no test gives: closed at once, its text kept for
  // the failure message.
  void closeModalsWhileRunning() {
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] {
      if (auto* modal = QApplication::activeModalWidget()) {
        if (auto* box = qobject_cast<QMessageBox*>(modal))
          modalTexts_ << box->text();
        modal->close();
      }
    });
    timer->start(100);
  }

  static QueryRetrieveDialog* open(MainWindow& window, const QString& nodesFile) {
    QueryRetrieveDialog* dialog = window.showQueryRetrieve(nodesFile);
    return dialog;
  }

  template <typename T>
  static T* child(QObject* parent, const char* name) {
    return parent->findChild<T*>(name);
  }

  static bool search(QueryRetrieveDialog* dialog, const QString& patientId) {
    auto* field = child<QLineEdit>(dialog, "qrPatientId");
    field->setText(patientId);
    field->setFocus();
    // Enter in a filter field searches: the Search button is the dialog's default.
    QTest::keyClick(field, Qt::Key_Return);
    if (!dialog->isSearching())
      return false;
    return QTest::qWaitFor([dialog] { return !dialog->isSearching(); }, 30000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(home_.isValid());
    // Nothing of the user's: index, retrieved files and node file live in the test's folder.
    qputenv("NBRA_INDEX", home_.filePath("default/index.sqlite").toUtf8());
    qputenv("XDG_DATA_HOME", home_.filePath("data").toUtf8());
    qputenv("XDG_CONFIG_HOME", home_.filePath("config").toUtf8());
    nodesFile_ = home_.filePath("config/nbra/nodes.json");
    qputenv("NBRA_NODES", nodesFile_.toUtf8());
    closeModalsWhileRunning();

    orthanc_ = std::make_unique<nbra::testing::OrthancServer>();
    std::string why;
    if (!nbra::testing::OrthancServer::installed(orthanc_->options(), &why))
      QSKIP(qPrintable("Orthanc cannot start here: " + QString::fromStdString(why)));
    // Installed but not starting is a fault of the test machine worth seeing, not a skip.
    QVERIFY2(orthanc_->start(&why), why.c_str());

    nbra::testing::SyntheticSeries small;
    small.patientId = "NBRA-QR-001";
    small.patientName = "QUERY^QUINN";
    small.studyUid = kSmallStudy.toStdString();
    small.seriesDescription = "CT thorax QR";
    small.slices = kSmallSlices;
    nbra::testing::writeSeries(fs::path(home_.filePath("upload/small").toStdString()), small);
    nbra::testing::SyntheticSeries large;
    large.patientId = "NBRA-QR-002";
    large.patientName = "CANCEL^CARL";
    large.studyUid = kLargeStudy.toStdString();
    large.seriesDescription = "CT abdomen long";
    large.slices = kLargeSlices;
    large.rows = 64;
    large.columns = 64;
    nbra::testing::writeSeries(fs::path(home_.filePath("upload/large").toStdString()), large);
    const int uploaded = orthanc_->uploadFolder(home_.filePath("upload").toStdString(), &why);
    QVERIFY2(uploaded == kSmallSlices + kLargeSlices, why.c_str());

    nbra::workflow::RemoteNode archive;
    archive.name = "test-archive";
    archive.dimse.name = "test-archive";
    archive.dimse.calledAeTitle = orthanc_->aet();
    archive.dimse.host = "127.0.0.1";
    archive.dimse.port = static_cast<std::uint16_t>(orthanc_->dicomPort());
    // A node that is not there: a port nobody listens on.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    nbra::workflow::RemoteNode offline = archive;
    offline.name = "offline-archive";
    offline.dimse.name = "offline-archive";
    offline.dimse.port = probe.serverPort();
    offline.dimse.connectTimeout = std::chrono::seconds(2);
    probe.close();
    nbra::workflow::writeNodes(nodesFile_, {archive, offline});
  }

  void findExpandRetrieveAndOpen() {
    MainWindow window(indexPath("find"));
    window.show();
    // File > Query/Retrieve... (Ctrl+Shift+Q), with the node file from $NBRA_NODES.
    auto* action = window.findChild<QAction*>("queryRetrieve");
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence("Ctrl+Shift+Q"));
    action->trigger();
    auto* dialog = window.findChild<QueryRetrieveDialog*>();
    QVERIFY(dialog);
    QCOMPARE(window.showQueryRetrieve(), dialog);  // one window, shown again
    QVERIFY(dialog->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // Typing goes to the patient ID at once (it went nowhere before).
    QVERIFY(dialog->focusWidget());
    QCOMPARE(dialog->focusWidget()->objectName(), QString("qrPatientId"));
    // It fits a 1366 x 768 laptop: what the layout needs is within the screen, the width it
    // asks for no more than 1000 px.
    QVERIFY2(dialog->minimumSizeHint().width() <= 1000,
             qPrintable(QString::number(dialog->minimumSizeHint().width())));
    QVERIFY2(dialog->minimumSizeHint().height() <= 708,
             qPrintable(QString::number(dialog->minimumSizeHint().height())));
    QVERIFY(dialog->width() <= 1366 && dialog->height() <= 768);

    auto* node = child<QComboBox>(dialog, "qrNode");
    auto* echoResult = child<QLabel>(dialog, "qrEchoResult");
    auto* tree = child<QTreeView>(dialog, "qrResults");
    auto* retrieve = child<QPushButton>(dialog, "qrRetrieve");
    auto* error = child<QLabel>(dialog, "qrError");
    QVERIFY(node && echoResult && tree && retrieve && error);
    QCOMPARE(node->count(), 2);
    // Tab goes through the filters in reading order, then to the search and the results.
    const char* chain[] = {"qrPatientId", "qrPatientName", "qrAccession",   "qrDateFrom",
                           "qrDateTo",    "qrModality",    "qrDescription", "qrSearch"};
    for (std::size_t i = 1; i < std::size(chain); ++i) {
      QWidget* from = child<QWidget>(dialog, chain[i - 1]);
      QWidget* next = from->nextInFocusChain();
      while (next->focusPolicy() == Qt::NoFocus)
        next = next->nextInFocusChain();
      QCOMPARE(next->objectName(), QString(chain[i]));
    }
    for (QWidget* w : dialog->findChildren<QWidget*>()) {
      if (qobject_cast<QLineEdit*>(w) || qobject_cast<QPushButton*>(w) ||
          qobject_cast<QTreeView*>(w) || qobject_cast<QComboBox*>(w))
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }

    // A node that does not answer: the echo says so, naming it, and the window stays usable.
    QVERIFY(dialog->selectNode("offline-archive"));
    QTest::mouseClick(child<QPushButton>(dialog, "qrEcho"), Qt::LeftButton);
    QVERIFY(dialog->isEchoing());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isEchoing(), 20000);
    QVERIFY2(echoResult->text().contains("offline-archive"), qPrintable(echoResult->text()));
    QVERIFY2(echoResult->text().startsWith("✗"), qPrintable(echoResult->text()));
    // Why, in the error line: it wraps, and the window stays within the screen.
    QVERIFY2(dialog->errorText().contains("offline-archive"), qPrintable(dialog->errorText()));
    QVERIFY2(dialog->minimumSizeHint().width() <= 1000,
             qPrintable(QString::number(dialog->minimumSizeHint().width())));
    QVERIFY(search(dialog, "NBRA-QR-001"));
    QVERIFY(!error->isHidden());
    QVERIFY2(dialog->errorText().contains("offline-archive"), qPrintable(dialog->errorText()));

    QVERIFY(dialog->selectNode("test-archive"));
    QTest::mouseClick(child<QPushButton>(dialog, "qrEcho"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isEchoing(), 20000);
    QVERIFY2(echoResult->text().contains("test-archive answered"), qPrintable(echoResult->text()));

    // A date that is not one is refused before anything is sent.
    child<QLineEdit>(dialog, "qrDateFrom")->setText("20261340");
    dialog->startSearch();
    QVERIFY(!dialog->isSearching());
    QVERIFY2(dialog->errorText().contains("not a date"), qPrintable(dialog->errorText()));
    child<QLineEdit>(dialog, "qrDateFrom")->setText("2026-01-01");

    QVERIFY(search(dialog, "NBRA-QR-001"));
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QStandardItemModel* results = dialog->results();
    QCOMPARE(results->rowCount(), 1);
    QStandardItem* patient = results->item(0, QueryRetrieveDialog::kName);
    // The patient is named in the results, by name and ID.
    QVERIFY2(patient->text().contains("QUERY, QUINN"), qPrintable(patient->text()));
    QVERIFY2(patient->text().contains("NBRA-QR-001"), qPrintable(patient->text()));
    QCOMPARE(patient->rowCount(), 1);
    QStandardItem* study = patient->child(0, QueryRetrieveDialog::kName);
    QCOMPARE(study->data(QueryRetrieveDialog::kStudyUidRole).toString(), kSmallStudy);
    QCOMPARE(patient->child(0, QueryRetrieveDialog::kDate)->text(), QString("2026-01-15"));
    QCOMPARE(patient->child(0, QueryRetrieveDialog::kImages)->text(),
             QString::number(kSmallSlices));

    // The series are asked for when the study is opened (Enter on it), not before; Enter in
    // the results never searches again.
    tree->setCurrentIndex(study->index());
    QTest::keyClick(tree, Qt::Key_Return);
    QVERIFY(!dialog->isSearching());
    QVERIFY(tree->isExpanded(study->index()));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isListingSeries(), 20000);
    QCOMPARE(study->rowCount(), 1);
    QStandardItem* series = study->child(0, QueryRetrieveDialog::kName);
    QCOMPARE(series->data(QueryRetrieveDialog::kKindRole).toInt(),
             static_cast<int>(QueryRetrieveDialog::RowKind::Series));
    QCOMPARE(study->child(0, QueryRetrieveDialog::kDescription)->text(), QString("CT thorax QR"));
    QCOMPARE(study->child(0, QueryRetrieveDialog::kModality)->text(), QString("CT"));
    QCOMPARE(study->child(0, QueryRetrieveDialog::kImages)->text(), QString::number(kSmallSlices));

    QVERIFY(retrieve->isEnabled());  // the study, made current, is selected
    tree->clearSelection();
    QVERIFY(!retrieve->isEnabled());
    tree->selectionModel()->select(series->index(),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(retrieve->isEnabled());
    QSignalSpy finished(dialog, &QueryRetrieveDialog::retrieveFinished);
    QTest::mouseClick(retrieve, Qt::LeftButton);
    QVERIFY(dialog->isRetrieving());
    QVERIFY(finished.wait(60000));
    QVERIFY2(dialog->statusText().startsWith(
                 QString("Retrieved %1 instances from test-archive").arg(kSmallSlices)),
             qPrintable(dialog->statusText()));
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));

    // The main window's browser shows the series at once, and it opens like a local one.
    const QStringList rows = browserRows(window.studyModel());
    QVERIFY2(rows.join('\n').contains("QUERY, QUINN  [NBRA-QR-001]"), qPrintable(rows.join('\n')));
    const QModelIndex local = findSeriesRow(window.studyModel(), "CT thorax QR");
    QVERIFY2(local.isValid(), qPrintable(rows.join('\n')));
    QCOMPARE(local.siblingAtColumn(StudyTreeModel::kImages).data().toString(),
             QString::number(kSmallSlices));
    QVERIFY2(window.statusText().contains("Retrieved"), qPrintable(window.statusText()));
    QSignalSpy opened(&window, &MainWindow::seriesOpened);
    window.openSeries(local.data(StudyTreeModel::kSeriesIdRole).toLongLong());
    QVERIFY(opened.wait(30000));
    QCOMPARE(opened.takeFirst().at(0).toString(), QString());
    // Retrieved beside the window's index, not into the user's folders.
    QVERIFY(fs::exists(fs::path(home_.filePath("find/retrieved").toStdString()) /
                       kSmallStudy.toStdString()));
    QVERIFY2(modalTexts_.isEmpty(), qPrintable(modalTexts_.join('\n')));
  }

  void cancelKeepsWhatArrivedAndAgainFetchesTheRest() {
    MainWindow window(indexPath("cancel"));
    window.show();
    QueryRetrieveDialog* dialog = open(window, nodesFile_);
    QVERIFY(dialog->selectNode("test-archive"));
    QVERIFY(search(dialog, "NBRA-QR-002"));
    QCOMPARE(dialog->results()->rowCount(), 1);
    QStandardItem* study = dialog->results()->item(0)->child(0);
    auto* tree = child<QTreeView>(dialog, "qrResults");
    auto* cancel = child<QPushButton>(dialog, "qrCancel");
    auto* progress = child<QProgressBar>(dialog, "qrProgress");
    QVERIFY(!cancel->isEnabled());
    tree->selectionModel()->select(study->index(),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy finished(dialog, &QueryRetrieveDialog::retrieveFinished);
    dialog->startRetrieve();
    QVERIFY(progress->isVisible());
    QVERIFY(QTest::qWaitFor([dialog] { return dialog->receivedInstances() > 0; }, 30000));
    QVERIFY2(dialog->isRetrieving(), "the retrieve ended before it could be cancelled");
    QVERIFY(cancel->isEnabled());
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(finished.wait(30000));
    const qint64 stopMs = clock.elapsed();
    qInfo("the retrieve stopped %lld ms after Cancel, %lld instance(s) kept", stopMs,
          dialog->receivedInstances());
    // One second is the promise; the margin is for a loaded two-core test machine.
    QVERIFY2(stopMs < 3000, qPrintable(QString::number(stopMs)));
    const QString status = dialog->statusText();
    QVERIFY2(status.startsWith("Cancelled: ") && status.contains("kept"), qPrintable(status));
    QVERIFY(!progress->isVisible());
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));

    // What arrived is in the browser as a part of the series.
    const QModelIndex part = findSeriesRow(window.studyModel(), "CT abdomen long");
    QVERIFY2(part.isValid(), qPrintable(browserRows(window.studyModel()).join('\n')));
    const int kept = part.siblingAtColumn(StudyTreeModel::kImages).data().toString().toInt();
    QVERIFY(kept > 0 && kept < kLargeSlices);
    QVERIFY2(status.contains(QString("%1 instance").arg(kept)), qPrintable(status));

    // Again: the rest arrives, nothing twice.
    dialog->startRetrieve();
    QVERIFY(finished.wait(120000));
    QVERIFY2(dialog->statusText().startsWith(
                 QString("Retrieved %1 instances from test-archive").arg(kLargeSlices)),
             qPrintable(dialog->statusText()));
    QVERIFY2(dialog->statusText().contains(QString("%1 already here").arg(kept)),
             qPrintable(dialog->statusText()));
    const QModelIndex whole = findSeriesRow(window.studyModel(), "CT abdomen long");
    QCOMPARE(whole.siblingAtColumn(StudyTreeModel::kImages).data().toString(),
             QString::number(kLargeSlices));
    QVERIFY2(modalTexts_.isEmpty(), qPrintable(modalTexts_.join('\n')));
  }

  void stopEndsTheSearchAndANewerOneSupersedes() {
    MainWindow window(indexPath("stop"));
    window.show();
    QueryRetrieveDialog* dialog = open(window, nodesFile_);
    QVERIFY(dialog->selectNode("test-archive"));
    QVERIFY(search(dialog, "NBRA-QR-002"));
    QCOMPARE(dialog->results()->rowCount(), 1);
    auto* field = child<QLineEdit>(dialog, "qrPatientId");
    auto* searchButton = child<QPushButton>(dialog, "qrSearch");
    auto* stop = child<QPushButton>(dialog, "qrStopSearch");
    QVERIFY(!stop->isEnabled());

    // Stop: the window is free at once, and the stopped search's answer never shows.
    field->setText("NBRA-QR-001");
    searchButton->click();
    QVERIFY(dialog->isSearching());
    QVERIFY(stop->isEnabled());
    stop->click();
    QVERIFY(!dialog->isSearching());
    QVERIFY(!stop->isEnabled());
    QVERIFY(searchButton->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->pendingSearches(), 0, 5000);
    QCoreApplication::processEvents();
    QCOMPARE(dialog->results()->rowCount(), 1);
    const QString shown = dialog->results()->item(0, QueryRetrieveDialog::kName)->text();
    QVERIFY2(shown.contains("NBRA-QR-002"), qPrintable(shown));
    QVERIFY2(dialog->statusText().startsWith("Search stopped"), qPrintable(dialog->statusText()));

    // A newer search supersedes a running one: only its results show.
    searchButton->click();
    field->setText("NBRA-QR-002");
    searchButton->click();
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isSearching(); }, 30000));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->pendingSearches(), 0, 5000);
    QCoreApplication::processEvents();
    QCOMPARE(dialog->results()->rowCount(), 1);
    const QString newer = dialog->results()->item(0, QueryRetrieveDialog::kName)->text();
    QVERIFY2(newer.contains("NBRA-QR-002"), qPrintable(newer));
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
  }

  void aSignedReadGoesToTheArchiveAsSr() {
    const QString password = "qr send 7";
    rec::RecordDatabase db(home_.filePath("trial.db"));
    rec::TrialRecord record(db, rec::HashCost::Minimal);
    record.bootstrapAdministrator("admin", "Ada Admin", password);
    record.createUser("coord", "Cora Coordinator", rec::Role::Coordinator, password);
    record.createUser("reader", "Dr Rita Reader", rec::Role::Reader, password);
    record.signIn("coord", password);
    record.createSubject({"NB-QR-9", "F", std::nullopt, 7.0});
    record.addTimepoint("NB-QR-9", "baseline", "baseline", QDate(2026, 1, 12),
                        {"2.25.161803398874989484820458683436"});
    record.signIn("reader", password);

    MainWindow window(indexPath("send"));
    window.show();
    QCOMPARE(window.openRead(record, "NB-QR-9", "baseline"), QString());
    QVERIFY(window.saveRead());
    // A draft is never sent: the window says so and asks for no archive.
    window.sendReadToArchive("test-archive");
    QTRY_VERIFY(!modalTexts_.isEmpty());
    QVERIFY2(modalTexts_.takeFirst().contains("Only a signed read"), "");
    QVERIFY(window.archiveSender() == nullptr || !window.archiveSender()->isRunning());

    // The reader's lesion, as a read entered without drawing (the SR needs something to report).
    rec::ReadContent content;
    content.ctDone = true;
    rec::LesionMeasurement lesion;
    lesion.trackingId = "L1";
    lesion.organ = "liver";
    lesion.role = "target";
    lesion.longAxisMm = 32.0;
    lesion.shortAxisMm = 21.0;
    lesion.sliceThicknessMm = 2.5;
    content.lesions.push_back(lesion);
    record.saveRead("NB-QR-9", "baseline", content);
    record.signRead("NB-QR-9", "baseline", password);
    QCOMPARE(window.openRead(record, "NB-QR-9", "baseline"), QString());
    window.sendReadToArchive("test-archive");
    QVERIFY2(modalTexts_.isEmpty(), qPrintable(modalTexts_.join('\n')));
    QVERIFY(window.archiveSender());
    QSignalSpy sent(window.archiveSender(), &nbra::viewer::ArchiveSender::finished);
    QVERIFY(sent.wait(30000));
    const QList<QVariant> result = sent.takeFirst();
    QVERIFY2(result.at(0).toBool(), qPrintable(result.at(1).toString()));
    QVERIFY2(window.statusText().contains("was sent to test-archive"),
             qPrintable(window.statusText()));

    // The archive has it: a study of the subject with an SR in it.
    const auto node =
        nbra::workflow::findNode(nbra::workflow::readNodes(nodesFile_), "test-archive");
    QVERIFY(node);
    nbra::dicom::net::QueryFilter filter;
    filter.patientId = "NB-QR-9";
    const auto studies =
        nbra::workflow::queryNode(*node, nbra::dicom::net::QueryLevel::Study, filter);
    QCOMPARE(studies.size(), std::size_t{1});
    QVERIFY2(studies.front().modalitiesInStudy.find("SR") != std::string::npos,
             studies.front().modalitiesInStudy.c_str());
  }

  void cleanupTestCase() {
    if (orthanc_)
      orthanc_->stop();
  }
};

QTEST_MAIN(QueryRetrieveGuiTest)
#include "QueryRetrieveGuiTest.moc"
