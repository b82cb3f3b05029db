"""The desktop side's widgets: the tray icon and its menu."""
