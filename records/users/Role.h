#pragma once

#include <QString>
#include <optional>

namespace nbra::records {

// The four roles of the trial. A user has exactly one; separation of duties is
// deliberate: the administrator manages accounts and sees no clinical data, the reader cannot
// confirm eligibility of a patient it scored, and so on.
enum class Role { Reader, Investigator, Coordinator, Administrator };

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
};
inline constexpr Role kAllRoles[] = {Role::Reader, Role::Investigator, Role::Coordinator,
                                     Role::Administrator};

bool roleAllows(Role role, Permission permission);
QString roleName(Role role);                            // "reader"
std::optional<Role> roleFromName(const QString& name);  // nullopt for an unknown name
QString permissionText(Permission permission);          // "create subjects"
QString rolesAllowed(Permission permission);            // "coordinator" or "reader or investigator"
// "refused: user 'bob' is a reader and may not decide extra doses (allowed role: investigator)"
QString refusal(const QString& userName, Role role, Permission permission);

}  // namespace nbra::records
