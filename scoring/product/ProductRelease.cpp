#include "scoring/product/ProductRelease.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace nbra::scoring {

namespace {

constexpr double kAbsoluteZeroC = -273.15;

using std::chrono::sys_days;

std::string dateText(Date d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

// A measured value as the laboratory writes it (70, 69.9, -198): the shortest text that reads
// back as the same number, so a value just below a limit never prints as the limit.
std::string number(double value) {
  char buffer[512];
  for (int decimals = 0; decimals <= 17; ++decimals) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    if (std::strtod(buffer, nullptr) == value) {
      return buffer;
    }
  }
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// "1 day", "2 days".
std::string dayCount(int n) {
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

bool isKnown(Sterility sterility) {
  return sterility == Sterility::Negative || sterility == Sterility::Positive ||
         sterility == Sterility::Pending;
}

// Refusals for one record, each message prefixed by the record's name ("lot NK-2026-001").
class Refuser {
 public:
  explicit Refuser(std::string subject) : subject_(std::move(subject)) {}

  [[noreturn]] void refuse(const std::string& message) const {
    throw std::invalid_argument(subject_ + ": " + message);
  }

  void date(const char* field, Date d) const {
    if (!d.ok()) {
      refuse(std::string(field) + " is not a valid date");
    }
  }

  void percent(const char* field, double value) const {
    if (!std::isfinite(value)) {
      refuse(std::string(field) + " is not a finite number");
    }
    if (value < 0.0 || value > 100.0) {
      refuse(std::string(field) + " " + number(value) + " % is outside 0..100 %");
    }
  }

  void count(const char* field, std::int64_t value) const {
    if (value <= 0) {
      refuse(std::string(field) + " " + std::to_string(value) + " is not a positive count");
    }
  }

  void sterility(const char* field, Sterility value) const {
    if (!isKnown(value)) {
      refuse(std::string(field) + " is not negative, positive or pending");
    }
  }

  void notBefore(const char* laterField, Date later, const char* earlierField, Date earlier) const {
    if (sys_days{later} < sys_days{earlier}) {
      refuse(std::string(laterField) + " " + dateText(later) + " is before the " + earlierField +
             " " + dateText(earlier));
    }
  }

 private:
  std::string subject_;
};

Refuser lotRefuser(const ProductLot& lot) {
  return Refuser(lot.lotCode.empty() ? std::string("product lot") : "lot " + lot.lotCode);
}

// Everything validateThawCheck refuses except a thaw before the cryopreservation.
void validateThawValues(const ThawCheck& check, const ProductLot& lot) {
  validateProductLot(lot);
  const Refuser refuser = lotRefuser(lot);
  refuser.date("thaw date", check.thawDate);
  refuser.percent("post-thaw viability", check.viabilityPercent);
  refuser.count("post-thaw viable cells", check.viableCells);
  refuser.sterility("post-thaw sterility", check.sterility);
}

std::string belowLimit(const char* test, double value, double limit) {
  return std::string(test) + " " + number(value) + " % is below the release limit of " +
         number(limit) + " %";
}

}  // namespace

std::string_view sterilityCode(Sterility sterility) {
  switch (sterility) {
    case Sterility::Negative:
      return "negative";
    case Sterility::Positive:
      return "positive";
    case Sterility::Pending:
      return "pending";
  }
  throw std::invalid_argument("unknown sterility result " +
                              std::to_string(static_cast<int>(sterility)));
}

Sterility sterilityFromCode(std::string_view code) {
  for (Sterility s : {Sterility::Negative, Sterility::Positive, Sterility::Pending}) {
    if (code == sterilityCode(s)) {
      return s;
    }
  }
  throw std::invalid_argument("unknown sterility result '" + std::string(code) +
                              "': expected negative, positive or pending");
}

void validateProductLot(const ProductLot& lot) {
  const Refuser refuser = lotRefuser(lot);
  if (lot.lotCode.empty()) {
    refuser.refuse("the lot code is empty");
  }
  if (lot.donorCode.empty()) {
    refuser.refuse("the donor code is empty");
  }
  refuser.date("apheresis date", lot.apheresisDate);
  refuser.date("separation date", lot.separationDate);
  refuser.date("cryopreservation date", lot.cryopreservedDate);
  refuser.notBefore("separation date", lot.separationDate, "apheresis date", lot.apheresisDate);
  refuser.notBefore("cryopreservation date", lot.cryopreservedDate, "separation date",
                    lot.separationDate);
  if (!std::isfinite(lot.storageTemperatureC)) {
    refuser.refuse("storage temperature is not a finite number");
  }
  if (lot.storageTemperatureC > 0.0 || lot.storageTemperatureC < kAbsoluteZeroC) {
    refuser.refuse("storage temperature " + number(lot.storageTemperatureC) +
                   " degC is outside -273.15..0 degC");
  }
  refuser.sterility("sterility", lot.sterility);
  refuser.count("viable cells", lot.viableCells);
  refuser.percent("viability", lot.viabilityPercent);
  refuser.percent("purity", lot.purityPercent);
  refuser.percent("active phenotype", lot.activePhenotypePercent);
}

void validateThawCheck(const ThawCheck& check, const ProductLot& lot) {
  validateThawValues(check, lot);
  lotRefuser(lot).notBefore("thaw date", check.thawDate, "cryopreservation date",
                            lot.cryopreservedDate);
}

void validateReleaseLimits(const ReleaseLimits& limits) {
  const Refuser refuser("release limits");
  refuser.percent("minViabilityPercent", limits.minViabilityPercent);
  refuser.percent("minPurityPercent", limits.minPurityPercent);
  refuser.percent("minActivePhenotypePercent", limits.minActivePhenotypePercent);
  refuser.percent("minPostThawViabilityPercent", limits.minPostThawViabilityPercent);
  if (!std::isfinite(limits.maxStorageTemperatureC)) {
    refuser.refuse("maxStorageTemperatureC is not a finite number");
  }
  if (limits.maxDaysThawBeforeInjection < 0) {
    refuser.refuse("maxDaysThawBeforeInjection " +
                   std::to_string(limits.maxDaysThawBeforeInjection) + " is negative");
  }
}

ReleaseResult evaluateLotRelease(const ProductLot& lot, const ReleaseLimits& limits) {
  validateReleaseLimits(limits);
  validateProductLot(lot);
  ReleaseResult result;
  std::vector<std::string>& failures = result.failures;
  if (lot.sterility == Sterility::Pending) {
    failures.push_back("sterility is pending; release requires a negative result");
  } else if (lot.sterility == Sterility::Positive) {
    failures.push_back("sterility is positive; release requires a negative result");
  }
  if (lot.viabilityPercent < limits.minViabilityPercent) {
    failures.push_back(belowLimit("viability", lot.viabilityPercent, limits.minViabilityPercent));
  }
  if (lot.purityPercent < limits.minPurityPercent) {
    failures.push_back(belowLimit("purity", lot.purityPercent, limits.minPurityPercent));
  }
  if (lot.activePhenotypePercent < limits.minActivePhenotypePercent) {
    failures.push_back(belowLimit("active phenotype", lot.activePhenotypePercent,
                                  limits.minActivePhenotypePercent));
  }
  if (lot.storageTemperatureC > limits.maxStorageTemperatureC) {
    failures.push_back("storage temperature " + number(lot.storageTemperatureC) +
                       " degC is above the release limit of " +
                       number(limits.maxStorageTemperatureC) + " degC");
  }
  result.released = failures.empty();
  return result;
}

ReleaseResult evaluateThawCheck(const ProductLot& lot, const ThawCheck& check, Date injectionDate,
                                std::int64_t cellsGiven, const ReleaseLimits& limits) {
  validateReleaseLimits(limits);
  validateThawValues(check, lot);
  const Refuser refuser = lotRefuser(lot);
  refuser.date("injection date", injectionDate);
  refuser.count("cells given", cellsGiven);

  ReleaseResult result;
  std::vector<std::string>& failures = result.failures;
  for (const std::string& failure : evaluateLotRelease(lot, limits).failures) {
    failures.push_back("lot not released: " + failure);
  }
  if (check.viabilityPercent < limits.minPostThawViabilityPercent) {
    failures.push_back("post-thaw viability " + number(check.viabilityPercent) +
                       " % is below the limit of " + number(limits.minPostThawViabilityPercent) +
                       " %");
  }
  if (check.sterility == Sterility::Positive) {
    failures.push_back("post-thaw sterility is positive; a positive result never allows injection");
  } else if (check.sterility == Sterility::Pending) {
    if (limits.allowPendingPostThawSterility) {
      result.notes.push_back(
          "post-thaw sterility is pending at injection (allowed by the release limits); the "
          "result must be recorded when the culture is read");
    } else {
      failures.push_back(
          "post-thaw sterility is pending; the release limits require a negative result before "
          "injection");
    }
  }
  const sys_days thaw{check.thawDate};
  const sys_days injection{injectionDate};
  if (thaw > injection) {
    failures.push_back("thaw date " + dateText(check.thawDate) + " is after the injection date " +
                       dateText(injectionDate));
  } else {
    const auto daysBefore = static_cast<int>((injection - thaw).count());
    if (daysBefore > limits.maxDaysThawBeforeInjection) {
      failures.push_back("thawed " + dayCount(daysBefore) + " before the injection (" +
                         dateText(check.thawDate) + " for " + dateText(injectionDate) +
                         "); the limit is " + dayCount(limits.maxDaysThawBeforeInjection));
    }
  }
  if (cellsGiven > check.viableCells) {
    failures.push_back("more cells given than the post-thaw viable count (" +
                       std::to_string(cellsGiven) + " given, " + std::to_string(check.viableCells) +
                       " viable)");
  }
  if (thaw < sys_days{lot.cryopreservedDate}) {
    failures.push_back("thaw date " + dateText(check.thawDate) +
                       " is before the cryopreservation date " + dateText(lot.cryopreservedDate));
  }
  result.released = failures.empty();
  return result;
}

}  // namespace nbra::scoring
