"""Residents taking part in meetings: replies, attendance and feedback."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window, within


class Rsvp(models.Model):
    """A resident's reply to a meeting. With limited places, replies past the
    capacity wait in order and move up when someone drops out."""

    class Response(models.TextChoices):
        ATTENDING = "attending", _("I will come")
        APOLOGIES = "apologies", _("I cannot come (send my apologies)")

    class Place(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="rsvps"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    response = models.CharField(_("reply"), max_length=10, choices=Response.choices)
    place = models.CharField(
        _("place"), max_length=10, choices=Place.choices, default=Place.CONFIRMED
    )
    access_needs = models.TextField(_("what would help you take part"), blank=True)
    comments = models.TextField(_("written comments for the meeting"), blank=True)
    needs_met = models.BooleanField(_("needs arranged"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reply to a meeting")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_rsvp_per_person"
            ),
            date_window("created_at", time=True),
            date_window("updated_at", time=True),
        ]
        indexes = [models.Index(fields=["meeting", "response", "place"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        APOLOGIES = "apologies", _("Sent apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_attendance_per_person"
            ),
            date_window("recorded_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}: {self.status}"


SCORE = [MinValueValidator(1), MaxValueValidator(10)]


class Feedback(models.Model):
    """How was it for you? One answer per person per meeting."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        TEXT = "sms", _("Text message")
        POST = "post", _("Letter")
        PHONE = "phone", _("Phone call")
        FACE = "face", _("Face to face")

    meeting = models.ForeignKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="feedback"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="meeting_feedback",
    )
    expectations = models.PositiveSmallIntegerField(
        _("Did the meeting meet your expectations?"), validators=SCORE
    )
    organisation = models.PositiveSmallIntegerField(
        _("How well was it organised?"), validators=SCORE
    )
    listened = models.PositiveSmallIntegerField(
        _("Did you feel listened to?"), validators=SCORE
    )
    confidence = models.PositiveSmallIntegerField(
        _("How confident are you that things will change?"), validators=SCORE
    )
    improve = models.TextField(_("How could we make it better?"), blank=True)
    preferred_channel = models.CharField(
        _("How would you like to hear from us?"),
        max_length=10,
        choices=Channel.choices,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_feedback_per_person"
            ),
            *(
                within(
                    field,
                    1,
                    10,
                    name=f"feedback_{field}_from_1_to_10",
                    message=_("Choose a score from 1 to 10."),
                )
                for field in ("expectations", "organisation", "listened", "confidence")
            ),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.created_at:%Y-%m-%d}"


class BodyFollow(models.Model):
    """Someone who wants a body's papers and changes without attending
    ("halo" members): they hear about new meetings, changes and cancellations."""

    body = models.ForeignKey(
        "meetings.Body", on_delete=models.CASCADE, related_name="followers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="follow_once"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.person} follows {self.body}"
