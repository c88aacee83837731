// Fixture for dependency_rules_sources_bite: the workstation reaching into a command.
#include "cli/record/RecordCommand.h"
