"""Proposing facts from the text of an article: rule-based, offline."""
