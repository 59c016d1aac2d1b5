"""Background tasks shared by the portal (the django-tasks API).

Arguments are plain JSON values so any backend (immediate, database worker) can
carry them.
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html_body: str = "") -> int:
    """Send one email; returns how many messages the backend accepted."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
