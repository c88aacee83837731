#pragma once

#include <QByteArray>
#include <QString>

namespace nbra::workflow {

// QJsonDocument keeps the last of two equal keys in an object and says nothing, so
// {"weightKg": 18.4, "weightKg": 81.4} would silently dose for 81.4 kg. This scan of the raw text
// (already known to be valid JSON) finds the first key given twice in one object and returns
// "subject.weightKg: is given twice"; empty when there is none.
QString firstDuplicateKey(const QByteArray& validJson);

}  // namespace nbra::workflow
