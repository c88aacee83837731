#pragma once

#include <QString>
#include <optional>

namespace nbra::records {

// The five roles of the trial. A user has exactly one; separation of duties is
// deliberate: the administrator manages accounts and sees no clinical data, the reader cannot
// confirm eligibility of a patient it scored, the adjudicator settles two readers' disagreement
// without reading the timepoint themselves, and so on.
enum class Role { Reader, Investigator, Coordinator, Administrator, Adjudicator };

// Everything that changes or reveals the record, each checked against the role before any
// statement runs.
enum class Permission {
  ManageUsers,
  CreateSubject,
  RecordBodyMeasurement,
  Enrol,
  RecordInjection,
  CreateTimepoint,
  SaveRead,  // save, sign and correct one's own read
  ConfirmEligibility,
  RecordAssessment,
  DecideExtraDoses,
  ViewSubjects,
  ExportReports,
  RecordArm,          // record a subject's arm, create the allocation list, allocate
  Unmask,             // see arms (with a reason, audited, once per user, never undone)
  ViewResults,        // response by arm, plots, SDTM export: the trial's answer
  EnterChecklist,     // enter the answers of the eligibility checklist
  SignChecklist,      // review and sign the eligibility checklist
  RecordProduct,      // record NK-cell product lots and their thaw-and-wash checks
  SetReadingDesign,   // single read, or double read with adjudication (docs/adjudication.md)
  AssignReaders,      // assign the readers and the adjudicator of a timepoint
  Adjudicate,         // choose one of two discordant reads as the read of record
  ViewReaderMetrics,  // adjudication rates, reader agreement, p-charts
  UnlockAccount,      // unlock an account locked after repeated failed sign-ins (with a reason)
};

inline constexpr Permission kAllPermissions[] = {
    Permission::ManageUsers,
    Permission::CreateSubject,
    Permission::RecordBodyMeasurement,
    Permission::Enrol,
    Permission::RecordInjection,
    Permission::CreateTimepoint,
    Permission::SaveRead,
    Permission::ConfirmEligibility,
    Permission::RecordAssessment,
    Permission::DecideExtraDoses,
    Permission::ViewSubjects,
    Permission::ExportReports,
    Permission::RecordArm,
    Permission::Unmask,
    Permission::ViewResults,
    Permission::EnterChecklist,
    Permission::SignChecklist,
    Permission::RecordProduct,
    Permission::SetReadingDesign,
    Permission::AssignReaders,
    Permission::Adjudicate,
    Permission::ViewReaderMetrics,
    Permission::UnlockAccount,
};
inline constexpr Role kAllRoles[] = {Role::Reader, Role::Investigator, Role::Coordinator,
                                     Role::Administrator, Role::Adjudicator};

bool roleAllows(Role role, Permission permission);
QString roleName(Role role);                            // "reader"
QString roleWithArticle(Role role);                     // "a reader", "an adjudicator"
std::optional<Role> roleFromName(const QString& name);  // nullopt for an unknown name
QString permissionText(Permission permission);          // "create subjects"
QString rolesAllowed(Permission permission);            // "coordinator" or "reader or investigator"
// "refused: user 'bob' is a reader and may not decide extra doses (allowed role: investigator)"
QString refusal(const QString& userName, Role role, Permission permission);

}  // namespace nbra::records
