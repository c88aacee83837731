#pragma once

// Sign-in and lock-out (TrialRecordSignIn.cpp, docs/records.md "Sign-in, lock-out and unlock").

#include <QString>

namespace nbra::records {

// The named settings of the accounts, in force for one TrialRecord (like ProtocolSettings).
// TrialRecord::setAccountSettings refuses implausible ones.
struct AccountSettings {
  // Consecutive wrong passwords after which an account is locked until an administrator
  // unlocks it; 1..100.
  int signInFailuresBeforeLockout = 5;
};

// Where an account stands with its sign-ins.
struct SignInState {
  QString userName;
  // Wrong passwords since the account's last successful sign-in or unlock.
  int failuresSinceReset = 0;
  // failuresSinceReset reached the setting: even the right password is refused.
  bool locked = false;
  // Sign-ins left before the lock-out (0 when locked).
  int attemptsLeft = 0;
};

}  // namespace nbra::records
