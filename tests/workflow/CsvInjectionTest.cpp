// CSV exports are opened in spreadsheets: a text cell beginning like a formula must be shown,
// not run (OWASP "CSV injection"), while the numbers NBRA writes stay numbers.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "tests/records/RecordTestSupport.h"
#include "workflow/export/CsvExport.h"

namespace nbra::records {
namespace {

TEST(CsvInjection, TextCellsThatStartLikeAFormulaGetAQuote) {
  EXPECT_EQ(workflow::csvCell("=1+1", workflow::CsvCell::Text), "'=1+1");
  EXPECT_EQ(workflow::csvCell("+L1", workflow::CsvCell::Text), "'+L1");
  EXPECT_EQ(workflow::csvCell("-L2", workflow::CsvCell::Text), "'-L2");
  EXPECT_EQ(workflow::csvCell("@SUM(A1)", workflow::CsvCell::Text), "'@SUM(A1)");
  EXPECT_EQ(workflow::csvCell("\tx", workflow::CsvCell::Text), "'\tx");
  EXPECT_EQ(workflow::csvCell("\rx", workflow::CsvCell::Text),
            "\"'\rx\"");  // escaped, then quoted for the CR
  // Quoting (RFC 4180) still applies after the escape.
  EXPECT_EQ(workflow::csvCell("=HYPERLINK(\"http://x\",\"y\")", workflow::CsvCell::Text),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  // Harmless text is unchanged, including a formula character later in the text.
  EXPECT_EQ(workflow::csvCell("left adrenal", workflow::CsvCell::Text), "left adrenal");
  EXPECT_EQ(workflow::csvCell("a=b", workflow::CsvCell::Text), "a=b");
  EXPECT_EQ(workflow::csvCell("", workflow::CsvCell::Text), "");
}

TEST(CsvInjection, NumbersAreNeverChanged) {
  EXPECT_EQ(workflow::csvCell("-5.0", workflow::CsvCell::Number), "-5.0");
  EXPECT_EQ(workflow::csvCell("31.0", workflow::CsvCell::Number), "31.0");
  EXPECT_EQ(workflow::csvCell("", workflow::CsvCell::Number), "");
}

QString readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

TEST(CsvInjection, AnExportOfHostileNamesOpensAsText) {
  testing::TestTrial t;
  t.populate();
  t.as("coord");
  t.record->addTimepoint("NB-001", "=cmd|' /C calc'!A0", "follow-up", QDate(2026, 5, 1), {});
  t.as("reader1");
  ReadContent c = testing::baselineRead();
  c.lesions[0].organ = "@SUM(1+1)";
  c.lesions[1].trackingId = "-L1";
  t.record->saveRead("NB-001", "=cmd|' /C calc'!A0", c);
  t.record->signRead("NB-001", "=cmd|' /C calc'!A0", testing::kPassword);
  t.as("inv");
  QTemporaryDir out;
  workflow::exportCsv(*t.record, out.path());
  const QString lesions = readAll(out.filePath("lesions.csv"));
  ASSERT_FALSE(lesions.isEmpty());
  EXPECT_TRUE(lesions.contains("NB-001,'=cmd|' /C calc'!A0,2026-05-01,reader1,1,P1,'@SUM(1+1)"))
      << lesions.toStdString();
  EXPECT_TRUE(lesions.contains(",'-L1,liver,No,target,31.0,22.0,")) << lesions.toStdString();
  for (const QString& line : lesions.split('\n', Qt::SkipEmptyParts)) {
    for (const QString& cell : line.split(',')) {
      EXPECT_FALSE(cell.startsWith('=') || cell.startsWith('@') || cell.startsWith('+'))
          << "cell '" << cell.toStdString() << "' in: " << line.toStdString();
    }
  }
}

}  // namespace
}  // namespace nbra::records
