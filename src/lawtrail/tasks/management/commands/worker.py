"""`lawtrail worker`: run the background tasks (django-tasks-db's worker) and schedule the periodic sweep.

    lawtrail worker                    # run tasks as they come; enqueue a sweep every 5 minutes
    lawtrail worker --batch            # one scheduler tick, run everything waiting, exit
    lawtrail worker --no-schedule      # run tasks only (another worker schedules)
    lawtrail worker --sweep-every 60   # sweep every minute

All of django-tasks-db's `db_worker` options apply (--queue-name, --interval, --max-tasks, --worker-id …).
"""

from __future__ import annotations

from datetime import timedelta

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from lawtrail.tasks.scheduler import SchedulerThread, sweep_every, tick


class Command(DbWorkerCommand):
    help = "运行后台任务队列（数据库后端），并每隔一段时间安排一次执法监督巡检"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--no-schedule", action="store_true", help="不安排定时巡检（只执行任务）")
        parser.add_argument(
            "--sweep-every",
            type=int,
            default=None,
            help="定时巡检的间隔（秒），默认 LAWTRAIL_SWEEP_EVERY_SECONDS=300",
        )

    def handle(self, *args, no_schedule: bool = False, **options) -> None:
        every = timedelta(seconds=options.pop("sweep_every", None) or sweep_every().total_seconds())
        if every.total_seconds() < 1:
            from django.core.management.base import CommandError

            raise CommandError("--sweep-every 至少为1秒")
        if not no_schedule:
            if options.get("batch"):
                tick(every=every)
            else:
                SchedulerThread(every=every).start()
        super().handle(*args, **options)
