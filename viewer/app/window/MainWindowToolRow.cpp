// The viewer's tool row: layout, window preset, slab, colour maps, fusion opacity, measuring tools.
#include "viewer/app/window/MainWindow.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

#include "viewer/app/view/ViewerPanel.h"

namespace nbra::viewer {

QWidget* MainWindow::buildViewerToolRow() {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(6, 3, 6, 3);
  auto* layoutBox = new QComboBox;
  layoutBox->setObjectName("layoutBox");
  layoutBox->addItems({tr("single"), tr("1x2"), tr("2x2"), tr("mpr")});
  connect(layoutBox, &QComboBox::currentTextChanged, this, [this](const QString& name) {
    ViewLayout l;
    if (parseLayout(name, l) && l != viewer_->viewLayout()) viewer_->setViewLayout(l);
  });
  connect(viewer_, &ViewerPanel::layoutChanged, layoutBox, [layoutBox](ViewLayout l) {
    const QSignalBlocker quiet(layoutBox);
    layoutBox->setCurrentText(toString(l));
  });
  auto* presetBox = new QComboBox;
  presetBox->setObjectName("presetBox");
  for (const auto& p : kCtPresets) presetBox->addItem(p.name);
  for (const auto& p : kPetPresets) presetBox->addItem(p.name);
  presetBox->addItem("auto");
  presetBox->addItem("custom");  // shown after a right drag; choosing it changes nothing
  connect(presetBox, &QComboBox::textActivated, this, [this](const QString& name) {
    if (auto* v = viewer_->activeView()) v->applyPreset(name);
  });
  // The box shows the active view's window as it is, whoever set it (a preset key, a right
  // drag, a new series), and follows the active view when another one becomes active.
  const auto showWindowOf = [presetBox](SliceView* view) {
    if (!view || !view->series()) return;  // an empty view has no window to show
    const QSignalBlocker quiet(presetBox);
    presetBox->setCurrentText(view->windowName());
  };
  connect(viewer_, &ViewerPanel::windowChanged, presetBox, [this, showWindowOf](SliceView* view) {
    if (view == viewer_->activeView()) showWindowOf(view);
  });
  connect(viewer_, &ViewerPanel::activeViewChanged, presetBox, showWindowOf);
  auto* opacity = new QSlider(Qt::Horizontal);
  opacity->setObjectName("fusionOpacity");
  opacity->setRange(0, 100);
  opacity->setValue(50);
  opacity->setMinimumWidth(70);  // squeezed to its handle it reads as a checkbox
  opacity->setMaximumWidth(120);
  connect(opacity, &QSlider::valueChanged, this, [this](int value) {
    for (auto* v : viewer_->visibleViews()) v->setFusionOpacity(value / 100.0);
  });
  auto* colours = new QComboBox;
  for (ColorMapKind k : {ColorMapKind::HotIron, ColorMapKind::Rainbow, ColorMapKind::InvertedGrey}) {
    colours->addItem(toString(k), static_cast<int>(k));
  }
  connect(colours, &QComboBox::currentIndexChanged, this, [this, colours](int) {
    const auto kind = static_cast<ColorMapKind>(colours->currentData().toInt());
    for (auto* v : viewer_->visibleViews()) v->setColorMap(ColorMapKind::Grey, kind);
  });
  auto* slab = new QComboBox;
  slab->addItems({tr("thin slice"), tr("MIP slab 10 mm"), tr("MIP slab 30 mm"), tr("MinIP slab 10 mm"),
                  tr("mean slab 10 mm")});
  connect(slab, &QComboBox::currentIndexChanged, this, [this](int i) {
    static const std::pair<SlabMode, double> modes[] = {{SlabMode::None, 0},
                                                        {SlabMode::Max, 10},
                                                        {SlabMode::Max, 30},
                                                        {SlabMode::Min, 10},
                                                        {SlabMode::Mean, 10}};
    if (auto* v = viewer_->activeView()) v->setSlab(modes[i].first, modes[i].second);
  });
  auto* help = new QToolButton;
  help->setText(tr("Shortcuts"));
  connect(help, &QToolButton::clicked, this, [this] {
    QMessageBox::information(this, tr("Viewer shortcuts"), SliceView::shortcutsHelp());
  });
  // Measuring tools: checkable buttons in step with the keys (M, B, P, E, Esc) of any view.
  auto* tools = new QButtonGroup(row);
  tools->setExclusive(true);
  struct ToolButton {
    MeasureTool tool;
    QString text, tip;
  };
  const ToolButton toolButtons[] = {
      {MeasureTool::Navigate, tr("Navigate"), tr("Left click moves the crosshair (Esc)")},
      {MeasureTool::Caliper, tr("Caliper"), tr("Line caliper with the RECIST verdict (M)")},
      {MeasureTool::Bidirectional, tr("Bidir."), tr("RECIST bidirectional: long axis, then short axis (B)")},
      {MeasureTool::Point, tr("Point"), tr("Point marker (P)")},
      {MeasureTool::Roi, tr("ROI"), tr("Ellipse / sphere ROI with HU or SUV statistics (E)")}};
  for (const auto& [tool, text, tip] : toolButtons) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(true);
    b->setChecked(tool == MeasureTool::Navigate);
    b->setObjectName(QString("tool%1").arg(static_cast<int>(tool)));
    tools->addButton(b, static_cast<int>(tool));
    layout->addWidget(b);
  }
  connect(tools, &QButtonGroup::idClicked, this, [this](int id) { viewer_->setTool(static_cast<MeasureTool>(id)); });
  connect(viewer_, &ViewerPanel::toolChanged, tools, [tools](MeasureTool tool) {
    if (auto* b = tools->button(static_cast<int>(tool))) b->setChecked(true);
  });
  layout->addSpacing(6);
  layout->addWidget(new QLabel(tr("Layout")));
  layout->addWidget(layoutBox);
  layout->addSpacing(6);
  layout->addWidget(new QLabel(tr("Window")));
  layout->addWidget(presetBox);
  layout->addSpacing(6);
  layout->addWidget(new QLabel(tr("Slab")));
  layout->addWidget(slab);
  layout->addSpacing(6);
  layout->addWidget(new QLabel(tr("PET colour")));
  layout->addWidget(colours);
  layout->addWidget(new QLabel(tr("opacity")));
  layout->addWidget(opacity);
  layout->addStretch(1);
  layout->addWidget(help);
  return row;
}

}  // namespace nbra::viewer
