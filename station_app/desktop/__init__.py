"""The app as the desktop sees it: MPRIS (media keys, shells, playerctl)."""
