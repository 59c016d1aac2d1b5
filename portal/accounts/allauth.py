from allauth.account.adapter import DefaultAccountAdapter

from portal.core.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Send allauth's emails (verification, password reset) through the task queue.

    The message is rendered in the request (it needs the request's language and
    links) and handed to a worker as plain strings, so a slow mail server never
    holds up a resident's page.
    """

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            html_body=html,
        )
