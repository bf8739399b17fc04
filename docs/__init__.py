"""The project's documentation; ``docs.tools`` generates the reference pages from the code."""
