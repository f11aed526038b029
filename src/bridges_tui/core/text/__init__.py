"""Text for people: turn lengths as they are written and shown, a session's figures in
words, phrasing hints, and making a file's words safe to show.

May use: `model`.

Empty of imports, so that importing one module of it loads only that module.
"""
