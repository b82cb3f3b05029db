"""The player half of the window: the player bar, the station list and the repair bar."""
