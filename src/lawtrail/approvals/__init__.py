"""Approval policies and chains, legal review, collective discussion, discretion benchmarks, qualification."""
