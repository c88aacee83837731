#pragma once

// What the three windows of the trial around the images (Trial > Eligibility checklist,
// Injection schedule and timeline, NK-cell product) share: their title, how the record's refusals
// are shown, the date fields, the colours of a status (always with its text, never colour alone)
// and the reading of a typed number. No rule of the protocol lives here: the rules are in
// scoring/, the record in records/, the shared use cases in workflow/.

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTableWidget>
#include <cstdint>
#include <exception>
#include <optional>

#include "records/store/TrialRecord.h"

class QDateEdit;
class QLabel;
class QVBoxLayout;
class QWidget;

namespace nbra::viewer::protocol {

// Calm green for what passes, the decision panels' red for what stops, amber for what is missing.
inline constexpr const char* kPassStyle =
    "color: #1b5e20; background: #e8f5e9; border: 1px solid #a5d6a7; padding: 2px 6px; "
    "font-weight: bold";
inline constexpr const char* kStopStyle =
    "color: #8a1c1c; background: #fbeaea; border: 1px solid #d9a3a3; padding: 2px 6px; "
    "font-weight: bold";
inline constexpr const char* kMissingStyle =
    "color: #6d4c00; background: #fff4d6; border: 1px solid #e0c97a; padding: 2px 6px; "
    "font-weight: bold";
inline constexpr const char* kBannerPass =
    "color: #1b5e20; background: #e8f5e9; border: 1px solid #a5d6a7; padding: 6px";
inline constexpr const char* kBannerStop =
    "color: #8a1c1c; background: #fbeaea; border: 1px solid #d9a3a3; padding: 6px";
inline constexpr const char* kBannerMissing =
    "color: #4d3600; background: #fff8e1; border: 1px solid #e0c97a; padding: 6px";

enum class Tone { Pass, Stop, Missing, Plain };

// "Eligibility checklist — subject NB-001 — Cora Coordinator (coord), coordinator".
QString protocolWindowTitle(const QString& what, const records::TrialRecord& record,
                            const QString& studyId);
// "Signed in as Cora Coordinator (coord), coordinator." for the top of each window.
QString signedInText(const records::TrialRecord& record);

// The window's one scrolled page (object name "scroll"), so that a long window fits a small
// screen: returns the page's vertical layout (its parent widget is the page).
QVBoxLayout* scrolledPage(QWidget* window);

// The record's refusal (or any other failure) in a warning box with its message; nothing else.
void showRefusal(QWidget* parent, const QString& title, const std::exception& error);
void showRefusal(QWidget* parent, const QString& title, const QString& message);

// A date field in ISO form with a calendar pop-up.
QDateEdit* makeDateEdit(const QDate& date, const QString& objectName, QWidget* parent);

// A label whose colour and text say the same thing.
void setToned(QLabel* label, const QString& text, Tone tone);
void toneRow(QTableWidget* table, int row, Tone tone);

// A read-only table inside a window's scroll area: rows selected whole, long text wrapped, and
// as tall as its rows (up to `maxRows`, then it scrolls), fitted again whenever its width
// changes so that no wrapped text is cut.
class FittedTable : public QTableWidget {
 public:
  FittedTable(const QStringList& headers, const QString& objectName, int maxRows, QWidget* parent);
  // After the rows change: row heights for the present column widths, and the table's height.
  void refit();

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void refitLater();
  int maxRows_;
  bool fitting_ = false;
  bool refitPending_ = false;
};
void setTableRow(QTableWidget* table, int row, const QStringList& cells);

// A typed decimal number ("26.9", "-198"), in the C locale or the user's; nullopt when it is
// not one. The record judges whether the value is plausible.
std::optional<double> typedNumber(const QString& text);
// A typed count of cells, whole and written plainly or as 9.8e7; nullopt when it is not one.
std::optional<std::int64_t> typedCellCount(const QString& text);

QString isoDate(const QDate& date);
// Cells in millions with one decimal: 90000000 -> "90.0".
QString millionsOfCells(std::int64_t cells);

// Whether the signed-in user may do `permission`, and the tooltip that says why not.
bool mayDo(const records::TrialRecord& record, records::Permission permission);
QString notAllowedText(const records::TrialRecord& record, records::Permission permission,
                       const QString& who);

}  // namespace nbra::viewer::protocol
