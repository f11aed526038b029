"""Looking back: what a past session amounted to and the outline every account of it
follows, the history index and its trends, a replay's timeline, corrections after the
fact, and the Markdown export.

May use: `model`, `text`, `files`, `practice_scripts`; never `talk`.

Empty of imports, so that importing one module of it loads only that module.
"""
