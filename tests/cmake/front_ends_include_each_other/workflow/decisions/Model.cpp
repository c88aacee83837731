// Fixture for dependency_rules_sources_bite: the core reaching for a widget.
#include <QWidget>
