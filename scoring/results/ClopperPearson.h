#pragma once

namespace nbra::scoring {

// A two-sided interval for a proportion, both ends in [0, 1].
struct ProportionInterval {
  double lower;
  double upper;
};

// successes / trials, e.g. the response rate of an arm. Refuses the same inputs as
// clopperPearson.
double proportion(int successes, int trials);

// The exact (Clopper-Pearson) binomial interval for successes out of trials, with alpha =
// 1 - confidence split evenly between the two tails:
//   lower = the p with P(X >= successes | p) = alpha/2, and 0 when successes == 0;
//   upper = the p with P(X <= successes | p) = alpha/2, and 1 when successes == trials.
// It is the interval trial reports give with a response rate because it never covers less than
// `confidence`, which matters with the few subjects of a paediatric trial. Accurate to 1e-9.
// Throws std::invalid_argument when trials == 0 (no subject assessed), for negative counts, for
// successes > trials and for a confidence outside (0, 1).
ProportionInterval clopperPearson(int successes, int trials, double confidence = 0.95);

}  // namespace nbra::scoring
