#pragma once

// The query and retrieve identifiers as DCMTK datasets. Used by dicom/net's .cpp files only:
// DCMTK types stay out of the public headers.

#include <dcmtk/dcmdata/dcdatset.h>

#include <string>

#include "dicom/net/QueryKeys.h"

namespace nbra::dicom::net {

// The identifier of a Study Root C-FIND: the filter's keys plus the empty return keys a reader's
// result table shows.
void fillQueryKeys(DcmDataset& keys, QueryLevel level, const QueryFilter& filter);

// The identifier of a Study Root C-GET or C-MOVE of one study or one series.
void fillRetrieveKeys(DcmDataset& keys, const std::string& studyUid, const std::string& seriesUid);

QueryMatch matchFromDataset(DcmDataset& answer, QueryLevel level);

}  // namespace nbra::dicom::net
