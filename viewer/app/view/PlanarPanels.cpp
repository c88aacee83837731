#include "viewer/app/view/PlanarPanels.h"

#include <algorithm>
#include <variant>

#include "dicom/index/HeaderReader.h"
#include "dicom/nm/NmViews.h"

namespace nbra::viewer {

std::vector<PlanarView::Panel> planarPanels(const std::vector<std::string>& files,
                                            const QString& prefix) {
  std::vector<PlanarView::Panel> panels;
  if (files.empty()) {
    return panels;
  }
  // Only NM files are read for views (one header tells), so a 500-slice CT is not read here.
  const auto firstHeader = nbra::dicom::readHeader(files.front());
  const auto* first = std::get_if<nbra::dicom::InstanceHeader>(&firstHeader);
  if (!first || first->modality != "NM") {
    return panels;
  }
  for (const auto& v : nbra::dicom::readNmViews(files)) {
    PlanarView::Panel panel;
    panel.image = nbra::dicom::loadNmView(v);
    const QString view = v.label == nbra::dicom::NmViewLabel::Anterior ? QStringLiteral("ANTERIOR")
                         : v.label == nbra::dicom::NmViewLabel::Posterior
                             ? QStringLiteral("POSTERIOR")
                             : QStringLiteral("VIEW %1").arg(panels.size() + 1);
    panel.label = prefix + view;
    panel.identifiedBy = QString::fromStdString(v.labelSource);
    panel.durationMs = v.actualFrameDurationMs;
    panels.push_back(std::move(panel));
  }
  // Anterior first, posterior second, whatever the frame order.
  std::stable_sort(panels.begin(), panels.end(), [](const auto& a, const auto& b) {
    return a.label.endsWith("ANTERIOR") && !b.label.endsWith("ANTERIOR");
  });
  return panels;
}

}  // namespace nbra::viewer
