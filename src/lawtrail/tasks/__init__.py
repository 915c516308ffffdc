"""Background work on Django's tasks API (the django-tasks backport, database backend): the task
definitions, the scheduler of the periodic sweep, `lawtrail worker` and the page of recent runs."""
