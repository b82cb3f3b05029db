"""The window around the features: main window, menus, Preferences, notices, error reports,
accessibility."""
