"""The app as the desktop sees it: MPRIS (media keys, sound menus, playerctl), desktop
notifications and, in ui/, the tray icon."""
