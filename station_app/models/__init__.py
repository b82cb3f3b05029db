"""Qt item models and view models: what the widgets observe (QtCore/QtGui only)."""
