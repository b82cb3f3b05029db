"""The app as the desktop sees it: MPRIS (media keys, sound menus, playerctl)."""
