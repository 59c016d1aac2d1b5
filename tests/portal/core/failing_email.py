from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """An email server that refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unavailable")
