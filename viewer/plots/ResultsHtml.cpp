#include "viewer/plots/ResultsHtml.h"

#include <vector>

#include "viewer/plots/ResultsText.h"

namespace nbra::viewer::plots {

namespace {

QString cell(const QString& text, const char* align = "left") {
  return QStringLiteral("<td align=\"%1\">%2</td>").arg(QLatin1String(align), text.toHtmlEscaped());
}

// `widths` in percent of the page, one per header, 0 to let the column size itself.
QString headerRow(const QStringList& headers, const std::vector<int>& widths = {}) {
  QString row = QStringLiteral("<thead><tr>");
  for (int i = 0; i < headers.size(); ++i) {
    const int width = i < static_cast<int>(widths.size()) ? widths[static_cast<std::size_t>(i)] : 0;
    row += QStringLiteral("<th align=\"left\" bgcolor=\"#e8e8e8\"%1>%2</th>")
               .arg(width > 0 ? QStringLiteral(" width=\"%1%\"").arg(width) : QString(),
                    headers[i].toHtmlEscaped());
  }
  return row + QStringLiteral("</tr></thead>");
}

const char* kTable =
    "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\" "
    "style=\"border-collapse: collapse; border-color: #999999\">";

QString armTable(const workflow::TrialResults& results) {
  const QString ci = intervalName(results.settings);
  QStringList headers{"Arm", "Subjects", "Assessed"};
  headers << responseCategories();
  headers << QStringLiteral("ORR (CR + PR), %1").arg(ci)
          << QStringLiteral("Alternative: CR + PR + MR, %1").arg(ci);
  QString html = QLatin1String(kTable) + headerRow(headers);
  for (const workflow::ArmSummary& arm : results.arms) {
    html += QStringLiteral("<tr>") + cell(armSummaryName(arm)) +
            cell(QString::number(arm.subjects), "right") +
            cell(QString::number(arm.assessed), "right");
    for (const QString& c : responseCategories())
      html += cell(QString::number(categoryCount(arm, c)), "right");
    html += cell(rateText(arm.objectiveResponse)) + cell(rateText(arm.objectiveResponseWithMinor)) +
            QStringLiteral("</tr>");
  }
  if (results.arms.empty())
    html +=
        QStringLiteral("<tr><td colspan=\"%1\">no arm has a subject</td></tr>").arg(headers.size());
  return html + QStringLiteral("</table>");
}

QString subjectTable(const workflow::TrialResults& results) {
  QString html = QLatin1String(kTable) +
                 headerRow({"Subject", "Arm", "Days on study", "Response at each assessment",
                            "Best overall response", "Best % change, sum of diameters",
                            "Best % change, Curie score"},
                           {8, 8, 8, 40, 12, 12, 12});
  for (const workflow::SubjectResult& s : results.subjects) {
    html += QStringLiteral("<tr>") + cell(s.studyId) + cell(armText(s)) +
            cell(QString::number(s.daysOnStudy), "right") +
            QStringLiteral("<td>%1</td>")
                .arg(responsesText(s, QStringLiteral("\n")).toHtmlEscaped().replace('\n', "<br>")) +
            QStringLiteral("<td><b>%1</b></td>")
                .arg(s.bestResponse.value_or(QStringLiteral("\u2014")).toHtmlEscaped()) +
            cell(percentText(s.bestSumOfDiametersChangePercent), "right") +
            cell(percentText(s.bestCurieChangePercent), "right") + QStringLiteral("</tr>");
  }
  if (results.subjects.empty())
    html += QStringLiteral("<tr><td colspan=\"7\">no subject in the record</td></tr>");
  return html + QStringLiteral("</table>");
}

QString list(const QStringList& items) {
  QString html = QStringLiteral("<ul>");
  for (const QString& item : items)
    html += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
  return html + QStringLiteral("</ul>");
}

}  // namespace

QString resultsHtml(const workflow::TrialResults& results, const QStringList& drawn,
                    const QStringList& notDrawn) {
  QString html = QStringLiteral("<html><body>");
  html += QStringLiteral("<h2>NBRA \u2014 results by arm (INRC 2017)</h2>");
  html += QStringLiteral(
              "<p>%1 subjects \u00b7 rule set %2 \u00b7 audit trail up to entry %3 \u00b7 "
              "results made %4<br>Best overall response %5; objective response rate with the "
              "exact (Clopper-Pearson) %6. For investigators: the arms are unmasked.</p>")
              .arg(results.subjects.size())
              .arg(results.ruleSetVersion.isEmpty() ? QStringLiteral("(not stated)")
                                                    : results.ruleSetVersion.toHtmlEscaped())
              .arg(results.auditHeadSeq)
              .arg(results.madeUtc.toHtmlEscaped())
              .arg(results.settings.bestResponseStopsAtProgression
                       ? QStringLiteral("counts no assessment after the first PD")
                       : QStringLiteral("counts every assessment, also after a PD"))
              .arg(intervalName(results.settings));
  html += QStringLiteral("<h3>Best overall response by arm</h3>") + armTable(results);
  html += QStringLiteral("<h3>Response of each subject</h3>") + subjectTable(results);
  if (!results.notes.isEmpty())
    html += QStringLiteral("<h3>Notes</h3>") + list(results.notes);
  html += QStringLiteral("<h3>Plots</h3>");
  if (!drawn.isEmpty())
    html += QStringLiteral("<p>On the following pages, one each: %1.</p>")
                .arg(drawn.join(QStringLiteral(", ")).toHtmlEscaped());
  if (!notDrawn.isEmpty())
    html += QStringLiteral("<p>Not drawn:</p>") + list(notDrawn);
  return html + QStringLiteral("</body></html>");
}

}  // namespace nbra::viewer::plots
