"""Patient cases: the case format, loading and checking, day-by-day traces, generated cases."""
