#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbra::scoring {

using Date = std::chrono::year_month_day;

// The NK-cell product (clinical-rules.md 8.1): donor cells collected by apheresis, separated on a
// CliniMACS device, tested before storage (sterility, viable cell count, purity, phenotype of
// active cells), cryopreserved, then at use thawed, washed and tested again (viability, count,
// sterility).

enum class Sterility { Negative, Positive, Pending };
std::string_view sterilityCode(Sterility sterility);  // "negative", "positive", "pending"
// Throws std::invalid_argument naming the text when it is none of the three codes.
Sterility sterilityFromCode(std::string_view code);

// A lot as released by the cell-processing laboratory.
struct ProductLot {
  std::string lotCode;
  std::string donorCode;
  Date apheresisDate{};
  Date separationDate{};      // CliniMACS
  Date cryopreservedDate{};
  double storageTemperatureC = -198.0;
  Sterility sterility = Sterility::Pending;
  std::int64_t viableCells = 0;        // in the lot, before storage
  double viabilityPercent = 0.0;
  double purityPercent = 0.0;          // CD56+ CD3- NK cells
  double activePhenotypePercent = 0.0; // NK cells with the activated phenotype
};

// The check at use, after thawing and washing, for one injection.
struct ThawCheck {
  Date thawDate{};
  double viabilityPercent = 0.0;
  std::int64_t viableCells = 0;
  Sterility sterility = Sterility::Pending;
};

// Release limits: each a named setting (docs/protocol.md). The protocol names the tests but not
// the limits; the defaults are the usual ones for cryopreserved NK-cell products and are for the
// trial pharmacist to confirm.
struct ReleaseLimits {
  double minViabilityPercent = 70.0;
  double minPurityPercent = 90.0;
  double minActivePhenotypePercent = 50.0;
  double maxStorageTemperatureC = -150.0;   // vapour-phase liquid nitrogen or colder
  double minPostThawViabilityPercent = 70.0;
  // A post-thaw culture takes days; "pending" at injection is allowed when this is on (the
  // record shows it), "positive" never is.
  bool allowPendingPostThawSterility = true;
  int maxDaysThawBeforeInjection = 0;       // thawed on the day of injection
};

struct ReleaseResult {
  bool released = false;
  std::vector<std::string> failures;  // each names the test, the value and the limit
  std::vector<std::string> notes;     // what the record must show but does not block, e.g. a
                                      // post-thaw sterility still pending at injection
};

// Throws std::invalid_argument naming the lot and the field for values that cannot be right:
// empty codes, negative or zero counts, a percentage outside 0..100, NaN, invalid dates or
// dates out of order (apheresis <= separation <= cryopreservation), a storage temperature
// above 0 degC or below -273.15 degC.
void validateProductLot(const ProductLot& lot);
// Same for a thaw check; the thaw must not precede the lot's cryopreservation.
void validateThawCheck(const ThawCheck& check, const ProductLot& lot);

// Throws std::invalid_argument naming the setting for a limit that is not finite, a percentage
// outside 0..100, or a negative day count. The evaluations below call it.
void validateReleaseLimits(const ReleaseLimits& limits);

// Whether the lot passes its release QC. Validates the lot (validateProductLot) first.
ReleaseResult evaluateLotRelease(const ProductLot& lot, const ReleaseLimits& limits = {});
// Whether the thawed product may be injected on `injectionDate` as `cellsGiven` cells: the lot
// must be released, the thaw within limits and not after the injection nor too early, and the
// cells given not more than the post-thaw viable count. Validates the lot and the check values
// first (throws as above, and for an invalid injection date or cellsGiven <= 0), except that a
// thaw before the cryopreservation is reported as a failure rather than refused.
ReleaseResult evaluateThawCheck(const ProductLot& lot, const ThawCheck& check, Date injectionDate,
                                std::int64_t cellsGiven, const ReleaseLimits& limits = {});

}  // namespace nbra::scoring
