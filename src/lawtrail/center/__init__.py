"""The case-handling center: people brought in, safety checks, belongings, rooms, hand-over."""
