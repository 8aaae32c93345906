"""Steps that run on the built site, independent of the generator that built it."""
