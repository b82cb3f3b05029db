"""The Add station dialog, the edit dialog and the station menu (Edit, Remove, Move)."""
