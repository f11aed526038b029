"""The couple's world as plain, validated data: partners, turns, the transcript, a practice
and its steps.

Uses nothing else of bridges: every other part of the core stands on it.

Empty of imports, so that importing one module of it loads only that module.
"""
