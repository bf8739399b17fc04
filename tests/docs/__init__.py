"""The generated documentation pages are current, complete, and their checks can fail."""
