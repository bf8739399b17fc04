"""Read models and renderers: terminal text, JSON, Markdown and HTML."""
