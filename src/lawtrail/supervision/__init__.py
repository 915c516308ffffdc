"""Supervision (执法监督): the rule catalogue as data, legal period arithmetic, the engine, alerts."""
