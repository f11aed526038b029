"""The live talk: the turn clock, a step's floor time and listening loop, and the
conversation that walks a practice step by step (its states, its steps, breathers and
the note being typed each in a module of their own).

May use: `model`, `text`, `files`, `practice_scripts`; never `looking_back`.

Empty of imports, so that importing one module of it loads only that module.
"""
