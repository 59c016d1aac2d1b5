from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulerConfig(AppConfig):
    name = "portal.scheduler"
    label = "scheduler"
    verbose_name = _("Scheduled jobs")

    def ready(self):
        # Background-task plumbing: a task's log lines carry the id of the request
        # (or scheduled job) that enqueued it.
        from django_tasks.signals import task_enqueued, task_finished, task_started

        from config import observability

        task_enqueued.connect(observability.on_task_enqueued)
        task_started.connect(observability.on_task_started)
        task_finished.connect(observability.on_task_finished)
