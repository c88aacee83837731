#pragma once

#include <QString>
#include <QStringList>
#include <optional>

#include "workflow/results/TrialResults.h"

namespace nbra::viewer::plots {

// The words and numbers of the results as the window and the results PDF print them, written
// once so both say the same thing.

// INRC 2017 overall response categories, best first: the columns of the by-arm counts.
QStringList responseCategories();

// "2/5 = 40 % (5.3-85.3 %)"; "not estimable: no subject assessed" without a rate.
QString rateText(const std::optional<workflow::RateWithInterval>& rate);

// "95 % CI" for the results' confidence.
QString intervalName(const workflow::ResultsSettings& settings);

// "NK", or "no arm".
QString armText(const workflow::SubjectResult& subject);

// The arm's code and name: "NK: Allogeneic NK cells after chemotherapy".
QString armSummaryName(const workflow::ArmSummary& arm);

// One assessment: "post-course-3 (day 84): PR".
QString assessmentText(const workflow::ResultPoint& point);

// Every assessed follow-up of the subject, in order, joined by `separator`; "none" without one.
QString responsesText(const workflow::SubjectResult& subject, const QString& separator);

// "−45.2 %", "+12.0 %", "—" when there is no value.
QString percentText(const std::optional<double>& percent);

// The count of `category` among the arm's best responses (0 when the map lacks it).
int categoryCount(const workflow::ArmSummary& arm, const QString& category);

}  // namespace nbra::viewer::plots
