#pragma once

// Drives the modal dialogs a workstation action opens, in order, as a person answers them: each
// step is offered the active modal widget until it says it is done with it. Every dialog seen
// is kept (class and text) so a test can assert what was asked. Header-only test support.

#include <QAbstractButton>
#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QTimer>
#include <deque>
#include <functional>

namespace nbra::viewer::testing {

class ModalScript : public QObject {
 public:
  // True when finished with this dialog (it was answered), false to be offered it again.
  using Step = std::function<bool(QWidget* modal)>;

  ModalScript() {
    timer_.setInterval(20);
    connect(&timer_, &QTimer::timeout, this, [this] { poll(); });
    timer_.start();
  }
  ModalScript& then(Step step) {
    steps_.push_back(std::move(step));
    return *this;
  }
  // Answers the next message box (objectName `name` when given) with `button`.
  ModalScript& answer(QMessageBox::StandardButton button, const QString& name = {}) {
    return then([this, button, name](QWidget* modal) {
      auto* box = qobject_cast<QMessageBox*>(modal);
      if (!box || (!name.isEmpty() && box->objectName() != name))
        return false;
      boxes << box->objectName() + ": " + box->text();
      box->button(button) ? box->button(button)->click() : box->done(button);
      return true;
    });
  }
  // Clicks the button of the next message box whose text is `buttonText`.
  ModalScript& click(const QString& buttonText, const QString& name = {}) {
    return then([this, buttonText, name](QWidget* modal) {
      auto* box = qobject_cast<QMessageBox*>(modal);
      if (!box || (!name.isEmpty() && box->objectName() != name))
        return false;
      for (QAbstractButton* b : box->buttons()) {
        if (b->text().remove('&') == buttonText) {
          boxes << box->objectName() + ": " + box->text();
          b->click();
          return true;
        }
      }
      return false;
    });
  }
  // Types `text` into the next input dialog and accepts it.
  ModalScript& type(const QString& text) {
    return then([this, text](QWidget* modal) {
      auto* input = qobject_cast<QInputDialog*>(modal);
      if (!input)
        return false;
      boxes << "input: " + input->labelText();
      input->setTextValue(text);
      input->accept();
      return true;
    });
  }
  bool done() const { return steps_.empty(); }
  QStringList boxes;  // "objectName: text" of each dialog answered

 private:
  void poll() {
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal || steps_.empty())
      return;
    // Taken off first: a step may open a nested dialog, whose event loop polls again.
    Step step = steps_.front();
    steps_.pop_front();
    if (!step(modal))
      steps_.push_front(std::move(step));
  }
  QTimer timer_;
  std::deque<Step> steps_;
};

}  // namespace nbra::viewer::testing
