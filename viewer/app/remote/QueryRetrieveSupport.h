#pragma once

// What the parts of the Query/Retrieve window share: work off the GUI thread with its answer on
// it, plural counts, and the selectable lines that say how things went.

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLabel>
#include <QObject>
#include <QString>
#include <QtConcurrent>
#include <exception>
#include <string>
#include <utility>

namespace nbra::viewer::qr {

inline QString str(const std::string& s) {
  return QString::fromStdString(s);
}

inline QString messageOf(const std::exception& e) {
  return QString::fromStdString(e.what());
}

// "1 study", "3 studies": no translation is loaded, so %n plurals would read "3 study(s)".
inline QString counted(qint64 n, const char* one, const char* many) {
  return QStringLiteral("%1 %2").arg(n).arg(
      QCoreApplication::translate("QueryRetrieveDialog", n == 1 ? one : many));
}

// A line of text the reader can select and copy (a message to quote, a UID).
inline QLabel* selectableLine(const char* objectName) {
  auto* label = new QLabel;
  label->setObjectName(objectName);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  return label;
}

// Runs `work` on the global pool and hands its result to `done` on the GUI thread. The watcher
// is a child of `context`: when the context goes first, `done` is never called, and since `work`
// holds only copies (and shared cancel flags), nothing it touches goes with the context.
template <typename T, typename Work, typename Done>
void runInBackground(QObject* context, Work work, Done done) {
  auto* watcher = new QFutureWatcher<T>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done] {
    watcher->deleteLater();
    done(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(std::move(work)));
}

}  // namespace nbra::viewer::qr
