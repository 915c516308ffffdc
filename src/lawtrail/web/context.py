"""Template context: the signed-in officer and their scope."""

from lawtrail.org.policies import scope_for_user


def officer(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    off = getattr(user, "officer", None)
    return {"current_officer": off, "scope": scope_for_user(user)}
