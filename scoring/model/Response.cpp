#include "scoring/model/Response.h"

namespace nbra::scoring {

std::string_view responseCode(Response response) {
  switch (response) {
    case Response::CR:
      return "CR";
    case Response::PR:
      return "PR";
    case Response::MR:
      return "MR";
    case Response::SD:
      return "SD";
    case Response::PD:
      return "PD";
    case Response::MD:
      return "MD";
    case Response::NI:
      return "NI";
    case Response::NE:
      return "NE";
  }
  return "NE";
}

std::string_view responseMeaning(Response response) {
  switch (response) {
    case Response::CR:
      return "complete response";
    case Response::PR:
      return "partial response";
    case Response::MR:
      return "minor response";
    case Response::SD:
      return "stable disease";
    case Response::PD:
      return "progressive disease";
    case Response::MD:
      return "minimal disease";
    case Response::NI:
      return "not involved";
    case Response::NE:
      return "not evaluable";
  }
  return "not evaluable";
}

}  // namespace nbra::scoring
