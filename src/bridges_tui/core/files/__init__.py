"""Files on disk: where bridges keeps them, private atomic writes, the transcript's TOML,
the session store and a session as its lists show it (`session_row`), what tells one
version of a file from another (`signatures`), the settings and the history index's
files.

May use: `model`, `text`.

Empty of imports, so that importing one module of it loads only that module.
"""
