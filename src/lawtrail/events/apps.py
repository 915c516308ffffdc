from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "lawtrail.events"
    label = "events"
    verbose_name = "事件历史"
