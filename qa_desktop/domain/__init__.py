"""Domain rules in plain Python: no Qt, no SQL. Everything here is pure and tested directly."""
