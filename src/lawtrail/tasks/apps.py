from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "lawtrail.tasks"
    label = "lawtrail_tasks"
    verbose_name = "后台任务"
