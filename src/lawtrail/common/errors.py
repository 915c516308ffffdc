"""Domain errors with stable codes. Views and the API turn them into messages and HTTP answers.

Each error says what is wrong and what to do, in the user's language (the message is a translatable
Chinese source string).
"""

from typing import Any


class DomainError(Exception):
    """A request the domain refuses. `code` is stable (API clients match on it); `message` is for people."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None, **context: Any):
        super().__init__(message)
        self.message = str(message)
        if code:
            self.code = code
        self.field = field
        self.context = context

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        return data


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"
    status = 409


class ValidationFailed(DomainError):
    code = "validation_failed"
    status = 422


class NotFound(DomainError):
    """Out of scope and non-existent look the same: 404 (no hint that a record exists)."""

    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403
