"""Dialogue Tracker: follow government-to-government dialogue channels as immutable events."""

__version__ = "0.1.0"
