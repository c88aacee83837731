#pragma once

#include <QDate>
#include <chrono>

// Qt's dates (the record's) and std::chrono's calendar dates (the rules', which use no Qt).
namespace nbra::records::detail {

inline std::chrono::year_month_day toChronoDate(const QDate& d) {
  return std::chrono::year_month_day{std::chrono::year(d.year()),
                                     std::chrono::month(static_cast<unsigned>(d.month())),
                                     std::chrono::day(static_cast<unsigned>(d.day()))};
}

inline QDate toQDate(const std::chrono::year_month_day& d) {
  return QDate(static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
               static_cast<int>(static_cast<unsigned>(d.day())));
}

}  // namespace nbra::records::detail
