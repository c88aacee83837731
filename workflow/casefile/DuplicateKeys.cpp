#include "workflow/casefile/DuplicateKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <vector>

namespace nbra::workflow {

namespace {

// One open object or array, with the path of its members as CaseJson names them.
struct Level {
  bool isObject = false;
  QString path;
  QSet<QString> keys;  // objects: keys seen so far
  int index = 0;       // arrays: index of the current element
  bool expectKey = false;
  QString lastKey;
};

// The text of a JSON string token (escapes decoded), via the JSON parser itself.
QString decodeString(const QByteArray& token) {
  return QJsonDocument::fromJson("[" + token + "]").array().at(0).toString();
}

QString memberPath(const Level& level) {
  if (level.isObject) {
    return level.path.isEmpty() ? level.lastKey : level.path + "." + level.lastKey;
  }
  return level.path + QString("[%1]").arg(level.index);
}

}  // namespace

QString firstDuplicateKey(const QByteArray& json) {
  std::vector<Level> stack;
  for (qsizetype i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      const qsizetype start = i;
      for (++i; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\') {
          ++i;
        }
      }
      if (!stack.empty() && stack.back().isObject && stack.back().expectKey) {
        Level& level = stack.back();
        level.expectKey = false;
        level.lastKey = decodeString(json.mid(start, i - start + 1));
        if (level.keys.contains(level.lastKey)) {
          return memberPath(level) + ": is given twice";
        }
        level.keys.insert(level.lastKey);
      }
    } else if (c == '{' || c == '[') {
      Level next;
      next.isObject = c == '{';
      next.expectKey = next.isObject;
      next.path = stack.empty() ? QString() : memberPath(stack.back());
      stack.push_back(next);
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) {
        stack.pop_back();
      }
    } else if (c == ',' && !stack.empty()) {
      Level& level = stack.back();
      if (level.isObject) {
        level.expectKey = true;
      } else {
        ++level.index;
      }
    }
  }
  return {};
}

}  // namespace nbra::workflow
