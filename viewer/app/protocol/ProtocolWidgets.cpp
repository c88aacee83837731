#include "viewer/app/protocol/ProtocolWidgets.h"

#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace nbra::viewer::protocol {

QString protocolWindowTitle(const QString& what, const records::TrialRecord& record,
                            const QString& studyId) {
  const records::Actor& a = record.actor();
  return QString("%1 — subject %2 — %3 (%4), %5")
      .arg(what, studyId, a.fullName, a.userName, records::roleName(a.role));
}

QVBoxLayout* scrolledPage(QWidget* window) {
  auto* outer = new QVBoxLayout(window);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea(window);
  scroll->setObjectName("scroll");
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  outer->addWidget(scroll);
  auto* page = new QWidget(scroll);
  scroll->setWidget(page);
  return new QVBoxLayout(page);
}

QString signedInText(const records::TrialRecord& record) {
  const records::Actor& a = record.actor();
  return QString("Signed in as %1 (%2), %3.")
      .arg(a.fullName, a.userName, records::roleName(a.role));
}

void showRefusal(QWidget* parent, const QString& title, const std::exception& error) {
  showRefusal(parent, title, QString::fromUtf8(error.what()));
}

void showRefusal(QWidget* parent, const QString& title, const QString& message) {
  QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, parent);
  box.setObjectName("refusal");
  box.exec();
}

QDateEdit* makeDateEdit(const QDate& date, const QString& objectName, QWidget* parent) {
  auto* edit = new QDateEdit(date, parent);
  edit->setObjectName(objectName);
  edit->setDisplayFormat("yyyy-MM-dd");
  edit->setCalendarPopup(true);
  edit->setMinimumDate(QDate(1900, 1, 1));
  return edit;
}

void setToned(QLabel* label, const QString& text, Tone tone) {
  label->setText(text);
  switch (tone) {
    case Tone::Pass:
      label->setStyleSheet(kPassStyle);
      break;
    case Tone::Stop:
      label->setStyleSheet(kStopStyle);
      break;
    case Tone::Missing:
      label->setStyleSheet(kMissingStyle);
      break;
    case Tone::Plain:
      label->setStyleSheet({});
      break;
  }
}

void toneRow(QTableWidget* table, int row, Tone tone) {
  QColor background;
  QColor text;
  switch (tone) {
    case Tone::Pass:
      background = QColor("#e8f5e9");
      text = QColor("#1b5e20");
      break;
    case Tone::Stop:
      background = QColor("#fbeaea");
      text = QColor("#8a1c1c");
      break;
    case Tone::Missing:
      background = QColor("#fff4d6");
      text = QColor("#4d3600");
      break;
    case Tone::Plain:
      return;
  }
  for (int col = 0; col < table->columnCount(); ++col) {
    if (QTableWidgetItem* item = table->item(row, col)) {
      item->setBackground(background);
      item->setForeground(text);
    }
  }
}

FittedTable::FittedTable(const QStringList& headers, const QString& objectName, int maxRows,
                         QWidget* parent)
    : QTableWidget(0, static_cast<int>(headers.size()), parent), maxRows_(maxRows) {
  setObjectName(objectName);
  setHorizontalHeaderLabels(headers);
  verticalHeader()->hide();
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setWordWrap(true);
  setTextElideMode(Qt::ElideNone);
  horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  horizontalHeader()->setStretchLastSection(true);
  setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  // Its height is its rows': the box around it must not grow and leave a gap above it.
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this] { refitLater(); });
  refit();
}

void FittedTable::refitLater() {
  // Once the header has laid its sections out for the new width: row heights depend on them.
  if (fitting_ || refitPending_) {
    return;
  }
  refitPending_ = true;
  QMetaObject::invokeMethod(
      this,
      [this] {
        refitPending_ = false;
        refit();
      },
      Qt::QueuedConnection);
}

void FittedTable::refit() {
  fitting_ = true;
  resizeRowsToContents();
  int height = horizontalHeader()->sizeHint().height() + 2 * frameWidth();
  for (int row = 0; row < std::min(rowCount(), maxRows_); ++row) {
    height += rowHeight(row);
  }
  if (rowCount() == 0) {
    height += verticalHeader()->defaultSectionSize();
  }
  // A horizontal scroll bar (a narrow window) must not hide the last row.
  if (horizontalHeader()->length() > viewport()->width()) {
    height += horizontalScrollBar()->sizeHint().height();
  }
  setFixedHeight(height);
  fitting_ = false;
}

void FittedTable::resizeEvent(QResizeEvent* event) {
  QTableWidget::resizeEvent(event);
  refitLater();
}

void setTableRow(QTableWidget* table, int row, const QStringList& cells) {
  for (int col = 0; col < cells.size(); ++col) {
    table->setItem(row, col, new QTableWidgetItem(cells[col]));
  }
}

std::optional<double> typedNumber(const QString& text) {
  const QString t = text.trimmed();
  bool ok = false;
  double v = t.toDouble(&ok);
  if (!ok) {
    v = QLocale().toDouble(t, &ok);
  }
  if (!ok || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> typedCellCount(const QString& text) {
  const std::optional<double> v = typedNumber(text);
  if (!v || *v != std::floor(*v) || std::abs(*v) > 9.0e15) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*v);
}

QString isoDate(const QDate& date) {
  return date.isValid() ? date.toString(Qt::ISODate) : QString("-");
}

QString millionsOfCells(std::int64_t cells) {
  return QString::number(static_cast<double>(cells) / 1e6, 'f', 1);
}

bool mayDo(const records::TrialRecord& record, records::Permission permission) {
  return records::roleAllows(record.actor().role, permission);
}

QString notAllowedText(const records::TrialRecord& record, records::Permission permission,
                       const QString& who) {
  return QString("Your role (%1) may not %2 in this trial record: %3 does.")
      .arg(records::roleName(record.actor().role), records::permissionText(permission), who);
}

}  // namespace nbra::viewer::protocol
