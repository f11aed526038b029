"""The domain of bridges in pure Python: it never imports Textual (a test proves it)."""
