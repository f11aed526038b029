"""The couple's language: which one bridges speaks (from `--lang`, the saved choice or
the environment), and its words, through the standard library's `gettext` and the
catalogs in `bridges_tui/locale` (made with Babel: see its TRANSLATING.md).

May use: nothing else of bridges (it is the bottom layer: every other part's words
go through it).

Empty of imports, so that importing one module of it loads only that module.
"""
