#pragma once

#include <QString>
#include <QStringList>

namespace nbra::workflow {

// A timepoint may only point at images that were imported: every Study Instance UID must be a
// study of the image index at `indexPath`. Throws records::RecordError (BadInput) naming the
// index and the first unknown UID.
void requireStudiesIndexed(const QString& indexPath, const QStringList& studyInstanceUids);

}  // namespace nbra::workflow
