"""Language: Chinese unless the user chose English with the switcher in the header.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an officer whose browser happens
to be set to English would get English pages. lawtrail is a Chinese system with English available on
request: only the language cookie written by `set_language` (or the default) decides.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import get_supported_language_variant


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            language = get_supported_language_variant(chosen)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
