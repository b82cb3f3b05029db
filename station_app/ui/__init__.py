"""The window around the features: main window, menus, notices, error reports, accessibility."""
