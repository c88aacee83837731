#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace nbra::viewer::decide {

// An electronic signature (21 CFR 11.50 style manifestation): who signs, by full name, what the
// signature means -- fixed by the decision, shown and never typed, so no other meaning can be
// chosen -- and the password entered again.
class SignDialog : public QDialog {
  Q_OBJECT
 public:
  SignDialog(const QString& fullName, const QString& userName, const QString& meaning,
             const QString& what, QWidget* parent = nullptr);
  QString password() const;

 private:
  QLineEdit* password_;
  QPushButton* sign_;
};

}  // namespace nbra::viewer::decide
