"""On Now / Next Up in the player bar, and the day's schedule dialog."""
