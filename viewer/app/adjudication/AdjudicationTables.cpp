#include "viewer/app/adjudication/AdjudicationTables.h"

#include <QTableWidget>

#include "viewer/app/adjudication/ReadColours.h"

namespace nbra::viewer::adjudication {

namespace {

QTableWidgetItem* plainCell(const QString& text) {
  return new QTableWidgetItem(text);
}

void setBold(QTableWidgetItem* item, bool bold = true) {
  QFont f = item->font();
  f.setBold(bold);
  item->setFont(f);
}

QString axisText(const std::optional<records::LesionMeasurement>& l, bool longAxis, Read read) {
  if (!l) {
    return QString("not in read %1").arg(read == Read::A ? "A" : "B");
  }
  if (l->notEvaluable) {
    return "NE";
  }
  if (longAxis) {
    return mmText(l->longAxisMm);
  }
  return l->shortAxisMm ? mmText(*l->shortAxisMm) : QString("-");
}

QString siteText(const workflow::LesionPair& p) {
  if (p.a && p.b && p.a->organ != p.b->organ) {
    return QString("%1 (A) / %2 (B)").arg(p.a->organ, p.b->organ);
  }
  return p.a ? p.a->organ : p.b->organ;
}

QString scoreText(const std::optional<int>& v) {
  return v ? QString::number(*v) : QString("-");
}

}  // namespace

QStringList variableHeaders() {
  return {"Variable", "Read A", "Read B", "Result"};
}

QStringList lesionHeaders() {
  return {"Tracking id", "Site",         "A long (mm)", "A short (mm)",
          "B long (mm)", "B short (mm)", "Differences"};
}

QStringList segmentHeaders() {
  return {"Segment", "Read A", "Read B", "Differs"};
}

void fillVariables(QTableWidget* table, const workflow::StoredComparison& comparison) {
  table->setRowCount(0);
  for (const scoring::VariableDifference& v : comparison.variables) {
    const int row = table->rowCount();
    table->insertRow(row);
    auto* name = plainCell(QString::fromStdString(scoring::variableName(v.variable)));
    auto* a = readCell(QString::fromStdString(v.valueA), Read::A, v.differs);
    auto* b = readCell(QString::fromStdString(v.valueB), Read::B, v.differs);
    QString result = "same";
    if (v.triggers) {
      result = "differs: sends to adjudication";
    } else if (v.differs) {
      result = "differs (not a trigger)";
    }
    auto* outcome = plainCell(result);
    const QString why = QString::fromStdString(v.explanation);
    for (QTableWidgetItem* item : {name, a, b, outcome}) {
      item->setToolTip(why);
    }
    if (v.triggers) {
      for (QTableWidgetItem* item : {name, outcome}) {
        item->setBackground(triggerBackground());
        item->setForeground(triggerText());
        setBold(item);
      }
      setBold(a);
      setBold(b);
    } else if (v.differs) {
      outcome->setBackground(differenceBackground());
    }
    table->setItem(row, 0, name);
    table->setItem(row, 1, a);
    table->setItem(row, 2, b);
    table->setItem(row, 3, outcome);
  }
}

void fillLesions(QTableWidget* table, const std::vector<workflow::LesionPair>& lesions) {
  table->setRowCount(0);
  for (const workflow::LesionPair& p : lesions) {
    const int row = table->rowCount();
    table->insertRow(row);
    const bool differs = !p.differences.isEmpty();
    const bool isNew = (p.a && p.a->isNew) || (p.b && p.b->isNew);
    table->setItem(row, 0, plainCell(p.trackingId + (isNew ? " (new)" : "")));
    table->setItem(row, 1, plainCell(siteText(p)));
    table->setItem(row, 2, readCell(axisText(p.a, true, Read::A), Read::A, differs));
    table->setItem(row, 3, readCell(axisText(p.a, false, Read::A), Read::A, differs));
    table->setItem(row, 4, readCell(axisText(p.b, true, Read::B), Read::B, differs));
    table->setItem(row, 5, readCell(axisText(p.b, false, Read::B), Read::B, differs));
    auto* what = plainCell(differs ? p.differences.join("; ") : QString("same"));
    if (differs) {
      what->setBackground(differenceBackground());
      setBold(what);
      setBold(table->item(row, 0));
    }
    table->setItem(row, kLesionDifferencesColumn, what);
    if (!p.a || !p.b) {
      // The read without the lesion: greyed, its cells saying so.
      const int first = p.a ? 4 : 2;
      for (int col = first; col < first + 2; ++col) {
        table->item(row, col)->setForeground(QColor("#666666"));
        table->item(row, col)->setBackground(QBrush());
      }
    }
  }
}

int fillSegments(QTableWidget* table, const std::vector<workflow::SegmentPair>& segments,
                 const QString& scale) {
  table->setRowCount(0);
  int differing = 0;
  for (const workflow::SegmentPair& s : segments) {
    if (s.scale != scale) {
      continue;
    }
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, plainCell(s.name));
    table->setItem(row, 1, readCell(scoreText(s.a), Read::A, s.differs));
    table->setItem(row, 2, readCell(scoreText(s.b), Read::B, s.differs));
    auto* mark = plainCell(s.differs ? QString("differs") : QString());
    if (s.differs) {
      ++differing;
      mark->setBackground(differenceBackground());
      setBold(mark);
      setBold(table->item(row, 0));
    }
    table->setItem(row, 3, mark);
  }
  return differing;
}

}  // namespace nbra::viewer::adjudication
