"""What a screen reader gets beyond Qt's own: item actions, the article as a document.

Kept apart from the widgets that use it: a widget registers here, and Qt asks
the one factory in `factory` for that widget's accessible interface.
"""
