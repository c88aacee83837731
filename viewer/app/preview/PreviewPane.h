#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace nbra::viewer {

// The placeholder view: the selected series' middle image, scaled to fit, with a caption.
// Shows a plain message instead when there is nothing (or nothing decodable) to show.
class PreviewPane : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewPane(QWidget* parent = nullptr);

  void showImage(const QImage& image, const QString& caption);
  void showMessage(const QString& message);

  const QImage& image() const { return image_; }
  const QString& message() const { return message_; }
  const QString& caption() const { return caption_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
  QString caption_;
  QString message_;
};

}  // namespace nbra::viewer
