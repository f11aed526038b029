"""Practice scripts: reading and checking the TOML that says what a practice asks, and the
catalog of every practice on offer.

May use: `model`, `text`, `files` (where the couple's own scripts live).

Empty of imports, so that importing one module of it loads only that module.
"""
