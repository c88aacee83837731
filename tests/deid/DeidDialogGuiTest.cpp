// File > Import into trial (pseudonymised)... driven as a site coordinator would: preview, see
// what is refused, fix it, import, and find the subject (never the patient) in the browser.
#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <filesystem>
#include <fstream>

#include "tests/support/SyntheticDicom.h"
#include "viewer/app/browser/StudyTreeModel.h"
#include "viewer/app/deid/PseudonymisedImportDialog.h"
#include "viewer/app/window/MainWindow.h"
#include "workflow/deid/PseudonymisedImport.h"

using nbra::viewer::MainWindow;
using nbra::viewer::PseudonymisedImportDialog;

namespace fs = std::filesystem;

class DeidDialogGuiTest : public QObject {
  Q_OBJECT
 private:
  static QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

 private slots:
  void previewRefuseFixImportAndBrowse() {
    nbra::testing::TempFolder site, input, out, db;
    nbra::testing::SyntheticSeries ct;
    ct.patientId = "MRN-99812345";
    ct.patientName = "ZETA^ZOE";
    ct.seriesDescription = "CT abdomen ZETA";
    ct.slices = 4;
    nbra::testing::writeSeries(input.path() / "ct", ct);
    const fs::path junk = input.path() / "ct" / "notes.txt";
    std::ofstream(junk) << "Zoe Zeta, born 2019";
    const fs::path key = site.path() / "trial.key";
    nbra::workflow::createTrialKey(q(key));

    MainWindow window(q(db.path() / "index.sqlite"));
    window.show();
    PseudonymisedImportDialog* dialog = window.showPseudonymisedImport();
    QVERIFY(dialog->isVisible());
    dialog->setSource(q(input.path()));
    dialog->setOutput(q(out.path()));
    dialog->setKeyFile(q(key));
    dialog->setSubject("NBRA-GUI-01", "BASELINE");
    auto* importButton = dialog->findChild<QPushButton*>("deidImport");
    auto* problems = dialog->findChild<QListWidget*>("deidProblems");
    auto* summary = dialog->findChild<QLabel*>("deidSummary");
    auto* attributes = dialog->findChild<QTableWidget*>("deidAttributes");
    QVERIFY(importButton && problems && summary && attributes);

    // Nothing chosen yet: the dialog says what is missing and runs nothing.
    dialog->setSource({});
    dialog->startPreview();
    QVERIFY(!dialog->isRunning());
    QVERIFY2(summary->text().contains("are needed"), qPrintable(summary->text()));
    dialog->setSource(q(input.path()));

    // The preview names the refused file, and Import stays off.
    dialog->startPreview();
    dialog->waitForFinished();
    QVERIFY(dialog->lastError().isEmpty());
    QVERIFY(summary->text().contains("refused"));
    QVERIFY(problems->item(0)->text().contains("REFUSED"));
    QVERIFY(problems->item(0)->text().contains(q(junk)));
    QVERIFY(!importButton->isEnabled());
    QVERIFY(fs::is_empty(out.path()));

    // Removed, the preview is ready and shows what happens to the patient's name.
    fs::remove(junk);
    dialog->startPreview();
    dialog->waitForFinished();
    QVERIFY2(summary->text().contains("Ready"), qPrintable(summary->text()));
    QVERIFY(importButton->isEnabled());
    bool nameRow = false;
    for (int r = 0; r < attributes->rowCount(); ++r) {
      nameRow = nameRow || attributes->item(r, 0)->text() == "(0010,0010)";
    }
    QVERIFY(nameRow);
    // Changing the subject voids the preview.
    dialog->setSubject("NBRA-GUI-02", "BASELINE");
    QVERIFY(!importButton->isEnabled());
    dialog->setSubject("NBRA-GUI-01", "BASELINE");
    dialog->startPreview();
    dialog->waitForFinished();

    QSignalSpy imported(dialog, &PseudonymisedImportDialog::imported);
    QTest::mouseClick(importButton, Qt::LeftButton);
    dialog->waitForFinished();
    QCOMPARE(imported.count(), 1);
    QCOMPARE(imported.takeFirst().at(0).toInt(), 4);
    QVERIFY2(summary->text().contains("Imported"), qPrintable(summary->text()));
    QVERIFY(fs::exists(site.path() / "trial.key.mapping.jsonl"));

    // The browser shows the trial subject; the patient's name and id are nowhere.
    const auto* model = window.studyModel();
    QStringList names;
    for (int r = 0; r < model->rowCount(); ++r)
      names << model->index(r, 0).data().toString();
    QVERIFY2(names.join(' ').contains("NBRA-GUI-01"), qPrintable(names.join(' ')));
    QVERIFY(!names.join(' ').contains("ZETA"));
    QVERIFY(!names.join(' ').contains("99812345"));
  }
};

QTEST_MAIN(DeidDialogGuiTest)
#include "DeidDialogGuiTest.moc"
