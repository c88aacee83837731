#include "records/users/Role.h"

#include <QStringList>

namespace nbra::records {

bool roleAllows(Role role, Permission permission) {
  switch (permission) {
    case Permission::ManageUsers:
      return role == Role::Administrator;
    case Permission::CreateSubject:
    case Permission::RecordBodyMeasurement:
    case Permission::Enrol:
    case Permission::RecordInjection:
    case Permission::CreateTimepoint:
      return role == Role::Coordinator;
    case Permission::SaveRead:
      return role == Role::Reader;
    case Permission::SetReadingDesign:
      // How the trial reads is a trial-wide setting, like the accounts: changed by the
      // administrator, with a reason.
      return role == Role::Administrator;
    case Permission::AssignReaders:
      return role == Role::Coordinator;
    case Permission::Adjudicate:
      return role == Role::Adjudicator;
    case Permission::ViewReaderMetrics:
      // Reader performance is monitored by the trial's investigators and by the administrator
      // who manages the readers' accounts; the metrics name readers, never subjects' arms.
      return role == Role::Investigator || role == Role::Administrator;
    case Permission::ConfirmEligibility:
      // The protocol has the coordinator confirm eligibility; the investigator may too.
      return role == Role::Coordinator || role == Role::Investigator;
    case Permission::RecordAssessment:
    case Permission::DecideExtraDoses:
      return role == Role::Investigator;
    case Permission::ViewSubjects:
      return role != Role::Administrator;
    case Permission::ExportReports:
      // Readers are kept blind to other readers and to the decisions; reports show both.
      return role == Role::Investigator || role == Role::Coordinator;
    case Permission::RecordArm:
      // The coordinator enters the arm from the randomisation: they know it by their task.
      return role == Role::Coordinator;
    case Permission::Unmask:
      // Readers stay masked for the whole trial (their measurements must not know the arm); the
      // administrator sees no clinical data. docs/results.md.
      return role == Role::Investigator || role == Role::Coordinator;
    case Permission::ViewResults:
      // Results by arm answer the trial's question; the investigators own it.
      return role == Role::Investigator;
    case Permission::EnterChecklist:
    case Permission::RecordProduct:
      // The coordinator gathers the source documents (echo, labs, consent, the lot's
      // certificate) and enters them.
      return role == Role::Coordinator;
    case Permission::SignChecklist:
      // The protocol has the investigator review and sign what the coordinator entered.
      return role == Role::Investigator;
    case Permission::UnlockAccount:
      // Whoever manages the accounts: the administrator, who can also tell a forgotten password
      // (reset it) from someone guessing (deactivate the account instead).
      return role == Role::Administrator;
  }
  return false;
}

QString roleName(Role role) {
  switch (role) {
    case Role::Reader:
      return "reader";
    case Role::Investigator:
      return "investigator";
    case Role::Coordinator:
      return "coordinator";
    case Role::Administrator:
      return "administrator";
    case Role::Adjudicator:
      return "adjudicator";
  }
  return "unknown";
}

QString roleWithArticle(Role role) {
  const QString name = roleName(role);
  return (QString("aeiou").contains(name.front()) ? "an " : "a ") + name;
}

std::optional<Role> roleFromName(const QString& name) {
  for (Role r : kAllRoles) {
    if (roleName(r) == name) {
      return r;
    }
  }
  return std::nullopt;
}

QString permissionText(Permission permission) {
  switch (permission) {
    case Permission::ManageUsers:
      return "manage user accounts";
    case Permission::CreateSubject:
      return "create subjects";
    case Permission::RecordBodyMeasurement:
      return "record weight and height";
    case Permission::Enrol:
      return "enrol subjects";
    case Permission::RecordInjection:
      return "record injections";
    case Permission::CreateTimepoint:
      return "create timepoints";
    case Permission::SaveRead:
      return "save or sign reads";
    case Permission::ConfirmEligibility:
      return "confirm eligibility";
    case Permission::RecordAssessment:
      return "record assessments";
    case Permission::DecideExtraDoses:
      return "decide extra doses";
    case Permission::ViewSubjects:
      return "view subjects";
    case Permission::ExportReports:
      return "export reports";
    case Permission::RecordArm:
      return "record arms";
    case Permission::Unmask:
      return "unmask the arms";
    case Permission::ViewResults:
      return "view results by arm";
    case Permission::EnterChecklist:
      return "enter the eligibility checklist";
    case Permission::SignChecklist:
      return "sign the eligibility checklist";
    case Permission::RecordProduct:
      return "record NK-cell product lots and thaw checks";
    case Permission::SetReadingDesign:
      return "set the reading design";
    case Permission::AssignReaders:
      return "assign readers and adjudicators";
    case Permission::Adjudicate:
      return "adjudicate discordant reads";
    case Permission::ViewReaderMetrics:
      return "view reader metrics";
    case Permission::UnlockAccount:
      return "unlock accounts";
  }
  return "do this";
}

QString rolesAllowed(Permission permission) {
  QStringList names;
  for (Role r : kAllRoles) {
    if (roleAllows(r, permission)) {
      names << roleName(r);
    }
  }
  return names.join(" or ");
}

QString refusal(const QString& userName, Role role, Permission permission) {
  const QString allowed = rolesAllowed(permission);
  return QString("refused: user '%1' is %2 and may not %3 (allowed role%4: %5)")
      .arg(userName, roleWithArticle(role), permissionText(permission),
           allowed.contains(" or ") ? "s" : "", allowed);
}

}  // namespace nbra::records
