"""Notifications: in the app, by e-mail (Django mail) and SMS behind an interface."""
