from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window


class JobRun(models.Model):
    """One periodic job enqueued for one due time.

    The unique (job, due at) pair is what makes a job run once per period however
    many schedulers are running: only the first to insert the row enqueues it.
    """

    job = models.CharField(_("job"), max_length=64)
    due_at = models.DateTimeField(_("due at"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "due_at"], name="scheduler_jobrun_once_per_due_time"
            ),
            date_window("due_at", time=True),
            date_window("enqueued_at", time=True),
        ]
        indexes = [models.Index(fields=["due_at"], name="scheduler_jobrun_due_at")]

    def __str__(self) -> str:
        return f"{self.job} due {self.due_at:%Y-%m-%d %H:%M}"
