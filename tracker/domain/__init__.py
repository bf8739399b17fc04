"""The domain: channels, their events and values, and the rules they keep.

It knows nothing of storage or the command line: it imports only the standard library and
pydantic.
"""
