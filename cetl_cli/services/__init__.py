"""One function per user action: load content, call the domain, write the store, return data.

Services never print or prompt; the CLI renders what they return. Each takes a `Session`
(services/session.py), which holds the clock, the curriculum and the store of one run.
"""
