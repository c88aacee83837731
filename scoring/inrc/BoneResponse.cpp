#include "scoring/inrc/BoneResponse.h"

#include "scoring/mibg/RelativeScore.h"
#include "scoring/model/Tenths.h"

namespace nbra::scoring {

namespace {
constexpr const char* kMibgRule = "INRC metastatic bone (MIBG)";
constexpr const char* kFdgRule = "INRC metastatic bone (FDG-PET)";
constexpr const char* kSource = "PARK17 Table 2";

ComponentResult make(const char* rule, Response response, std::string text) {
  return {response, {{rule, kSource, std::move(text)}}};
}
}  // namespace

ComponentResult mibgBoneResponse(const MibgBoneInputs& in, const Settings& settings) {
  if (!in.baselineScore) {
    return make(kMibgRule, Response::NE, "No baseline MIBG " + in.scoreName + " to compare with.");
  }
  if (!in.currentScore) {
    return make(kMibgRule, Response::NE, "No MIBG scan at this timepoint.");
  }
  const int bl = *in.baselineScore;
  const int fu = *in.currentScore;
  if (in.newBoneSites > 0) {
    return make(kMibgRule, Response::PD,
                std::to_string(in.newBoneSites) +
                    " new MIBG-avid bone site(s): any new bone site is progression.");
  }
  if (bl == 0) {
    if (fu > 0) {
      return make(kMibgRule, Response::PD,
                  "The skeleton was free of MIBG uptake at baseline and now has a " + in.scoreName +
                      " of " + std::to_string(fu) + ": new bone disease.");
    }
    return make(kMibgRule, Response::NI, "No MIBG-avid bone disease at baseline or now.");
  }
  const std::string scores = in.scoreName + " " + std::to_string(fu) + " vs " + std::to_string(bl) +
                             " at baseline (relative score " + formatRatio(fu, bl) + ")";
  ComponentResult result;
  if (relativeScoreAtLeastOnePointTwo(fu, bl)) {
    result = make(kMibgRule, Response::PD, scores + ": relative score 1.2 or more is progression.");
  } else if (fu == 0) {
    result = make(kMibgRule, Response::CR, scores + ": MIBG bone uptake has completely resolved.");
  } else if (relativeScoreAtMostHalf(fu, bl)) {
    if (relativeScoreBelowOneTenth(fu, bl) && !settings.bonePrBelowOneTenth) {
      result = make(kMibgRule, Response::SD,
                    scores +
                        ": below 0.1, which PARK17's '0.1 to 0.5' PR range does not cover; "
                        "counted as stable by setting bonePrBelowOneTenth (Q5).");
    } else {
      result = make(kMibgRule, Response::PR,
                    scores + ": a reduction of at least 50 % (relative score 0.5 or less).");
    }
  } else {
    result = make(kMibgRule, Response::SD,
                  scores + ": between 0.5 and 1.2, neither partial response nor progression.");
  }
  if (settings.warnOnRiseFromNadir && result.response != Response::PD && in.nadirScore &&
      *in.nadirScore > 0 && relativeScoreAtLeastOnePointTwo(fu, *in.nadirScore)) {
    result.reasons.push_back(
        {"Rebound warning (not a response rule)", "clinical-rules.md Q6",
         "Warning: the " + in.scoreName + " rose from its nadir " + std::to_string(*in.nadirScore) +
             " to " + std::to_string(fu) + " (" + formatRatio(fu, *in.nadirScore) +
             " times). INRC compares with baseline, so this is not progression by rule; "
             "review clinically."});
  }
  return result;
}

ComponentResult fdgBoneResponse(const FdgBoneInputs& in) {
  if (!in.baselineCount) {
    return make(kFdgRule, Response::NE, "No baseline FDG-PET to compare with.");
  }
  if (!in.currentCount) {
    return make(kFdgRule, Response::NE, "No FDG-PET at this timepoint.");
  }
  if (in.newConfirmed > 0) {
    return make(kFdgRule, Response::PD,
                std::to_string(in.newConfirmed) +
                    " new FDG-avid bone lesion(s) confirmed by CT/MRI or histology: progression.");
  }
  const int bl = *in.baselineCount;
  const int fu = *in.currentCount;
  const std::string newNote =
      in.newUnconfirmed > 0
          ? " " + std::to_string(in.newUnconfirmed) +
                " new FDG-avid bone lesion(s) without CT/MRI or histological confirmation: not "
                "progression, but they rule out a complete or partial response."
          : std::string();
  if (bl == 0) {
    if (in.newUnconfirmed > 0) {
      return make(kFdgRule, Response::SD, "No FDG-avid bone lesion at baseline." + newNote);
    }
    return make(kFdgRule, Response::NI, "No FDG-avid bone lesion at baseline or now.");
  }
  const std::string counts =
      std::to_string(fu) + " FDG-avid bone lesion(s) vs " + std::to_string(bl) + " at baseline";
  if (in.newUnconfirmed > 0) {
    return make(kFdgRule, Response::SD, counts + "." + newNote);
  }
  if (fu == 0) {
    return make(kFdgRule, Response::CR, counts + ": FDG bone uptake has resolved.");
  }
  if (2 * fu <= bl) {
    return make(kFdgRule, Response::PR, counts + ": at least 50 % fewer.");
  }
  return make(kFdgRule, Response::SD, counts + ": fewer than a 50 % reduction, no new lesion.");
}

}  // namespace nbra::scoring
