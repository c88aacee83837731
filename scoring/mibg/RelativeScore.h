#pragma once

namespace nbra::scoring {

// Relative MIBG bone score = follow-up score / baseline score (ADY95; INRC uses the skeletal
// score against the baseline, not the nadir: PARK17, PDQ; Q6). Both are integers, so each
// threshold is evaluated exactly by cross-multiplication (clinical-rules.md 1.4 [D]); the same
// functions serve Curie and SIOPEN. All require baselineScore > 0.

// PR: at least a 50 % reduction, relative <= 0.5  <=>  2*fu <= bl (PDQ, PARK17 Table 2).
bool relativeScoreAtMostHalf(int followUpScore, int baselineScore);

// PD: relative >= 1.2  <=>  5*fu >= 6*bl (PDQ, PARK17 Table 2).
bool relativeScoreAtLeastOnePointTwo(int followUpScore, int baselineScore);

// 0 < relative < 0.1  <=>  fu > 0 and 10*fu < bl: the range PARK17's "(>= 0.1 to <= 0.5)"
// parenthetical leaves undefined (Q5).
bool relativeScoreBelowOneTenth(int followUpScore, int baselineScore);

}  // namespace nbra::scoring
