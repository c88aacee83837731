#pragma once

// The few colours the decision panels use: one for warnings that must stop a decision (stale
// assessment), one for errors, one grey for notes. Calm otherwise.
namespace nbra::viewer::decide {
inline constexpr const char* kWarningStyle =
    "color: #8a1c1c; background: #fbeaea; border: 1px solid #d9a3a3; padding: 4px; "
    "font-weight: bold";
inline constexpr const char* kErrorStyle = "color: #8a1c1c";
inline constexpr const char* kNoteStyle = "color: #555555";
inline constexpr const char* kProposalStyle =
    "background: #eef2f7; border: 1px solid #b8c4d6; padding: 6px";
}  // namespace nbra::viewer::decide
