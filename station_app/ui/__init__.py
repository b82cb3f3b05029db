"""Widgets and views: they observe models and call services, nothing more."""
