"""Closing an account erases what the page promises: after closing, no table
holds the person's name, email, phone, address or bank account number, except
the records the personal-data register keeps with a stated legal reason."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone
from wagtail.models import Locale

from portal.accounts.models import User
from portal.core import personal_data
from portal.core.models import AuditEntry
from portal.core.services import audit_record
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

PHONE = "07700 900461"
ACCOUNT_NUMBER = "31926819"
ACCOUNT_NAME = "N Q Everywhere"
TEXT_TYPES = ("CharField", "TextField", "EmailField", "JSONField", "SlugField")


def _one_of_everything(person: User) -> None:
    """One record of every kind the register lists, for `person`."""
    from allauth.account.models import EmailAddress
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.consultations.models import ConsultationPage
    from cms.consultations.services import response_save
    from cms.core.models import FormatRequest
    from cms.involvement.models import Interest, InvolvementLevel, OpportunityPage
    from cms.magazines.models import CompetitionEntry, CompetitionPage
    from cms.meetings.models import Body, MeetingPage
    from portal.accounts.models import (
        AccessNeeds,
        ContactPreferences,
        EqualityMonitoring,
    )
    from portal.accounts.services import advocate_add
    from portal.core.files import private_file_store
    from portal.evidence.models import Signature
    from portal.groups.models import Group, Officer
    from portal.participation.models import Attendance, BodyFollow, Feedback, Rsvp
    from portal.payments.models import BankDetails

    home = person.resident_profile.home
    EmailAddress.objects.get_or_create(user=person, email=person.email)
    ContactPreferences.objects.update_or_create(
        user=person, defaults={"phone": PHONE, "by_phone": True}
    )
    AccessNeeds.objects.update_or_create(
        user=person,
        defaults={"consent_given_at": timezone.now(), "other": "Needs a hearing loop"},
    )
    EqualityMonitoring.objects.get_or_create(user=person)
    advocate_add(resident=person, advocate_email="resident@example.org")
    private_file_store(
        upload=SimpleUploadedFile("proof.pdf", b"%PDF-1.4\n%%EOF\n"),
        uploaded_by=person,
        content_type="application/pdf",
    )
    FormatRequest.objects.create(
        page_title="Home",
        page_url="/",
        format="large_print",
        name=person.get_full_name(),
        delivery="post",
        email=person.email,
        phone=PHONE,
        address=str(home),
        due_on=datetime.date(2026, 12, 1),
        requested_by=person,
    )
    group = Group.objects.first()
    Officer.objects.get_or_create(
        group=group,
        user=person,
        defaults={"role": "secretary", "elected_on": datetime.date(2026, 1, 1)},
    )
    Signature.objects.filter(group=group, signer=person).delete()
    Signature.objects.create(
        group=group,
        home=home,
        signer=person,
        name=person.get_full_name(),
        source="online",
        signed_on=datetime.date(2026, 1, 1),
        status="accepted",
    )
    meeting = MeetingPage.objects.first()
    Rsvp.objects.filter(meeting=meeting, person=person).delete()
    Rsvp.objects.create(
        meeting=meeting,
        person=person,
        response="attending",
        access_needs=f"Call {PHONE} on arrival",
        comments=f"I live at {home}",
    )
    Attendance.objects.get_or_create(
        meeting=meeting, person=person, defaults={"status": "attended"}
    )
    Feedback.objects.create(
        meeting=meeting,
        person=person,
        expectations=3,
        organisation=3,
        listened=3,
        confidence=3,
        improve=f"Ring me on {PHONE}",
    )
    BodyFollow.objects.get_or_create(body=Body.objects.first(), person=person)
    BankDetails.objects.filter(user=person).delete()
    BankDetails.objects.create(
        user=person,
        account_name=ACCOUNT_NAME,
        sort_code="108800",
        account_number=ACCOUNT_NUMBER,
        status="pending",
    )
    survey = ConsultationPage.objects.get(
        slug="magazine-survey", locale=Locale.get_default()
    )
    blocks = list(survey.questions)
    response_save(
        consultation=survey,
        respondent=person,
        data={
            f"q_{blocks[0].id}": "Unhappy",
            f"q_{blocks[1].id}": ["Cost"],
            f"q_{blocks[2].id}": "2",
            f"q_{blocks[3].id}_0": "3",
            f"q_{blocks[3].id}_1": "1",
            f"q_{blocks[3].id}_2": "2",
            f"q_{blocks[4].id}": f"I am {person.get_full_name()} of {home}",
        },
        submit=True,
    )
    competition = CompetitionPage.objects.first()
    CompetitionEntry.objects.filter(competition=competition, entrant=person).delete()
    CompetitionEntry.objects.create(
        competition=competition, entrant=person, answer=f"Phone {PHONE}"
    )
    Interest.objects.get_or_create(
        opportunity=OpportunityPage.objects.first(), user=person
    )
    InvolvementLevel.objects.update_or_create(
        user=person, defaults={"level": "2_consulting"}
    )
    officer = User.objects.get(email="officer@example.org")
    audit_record(
        actor=officer,
        acting_for=person,
        action="test.spoke_to",
        target=person.resident_profile,
        reason=f"Spoke to {person.get_full_name()} at {home} on {PHONE}",
        details={"email": person.email},
    )
    return group


def _tables_mentioning(needles: list[str]) -> dict[str, list[str]]:
    """Every model's text columns, searched for each needle."""
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.get_internal_type() not in TEXT_TYPES:
                continue
            for needle in needles:
                rows = model._base_manager.filter(
                    **{f"{field.name}__icontains": needle}
                )
                if rows.exists():
                    key = f"{model._meta.label}.{field.name}"
                    found.setdefault(key, []).append(needle)
    return found


def test_closing_an_account_leaves_nothing_but_declared_kept_records(client):
    person = User.objects.get(email="neighbour@example.org")
    name = person.get_full_name()
    email = person.email
    address = str(person.resident_profile.home)
    _one_of_everything(person)
    needles = [name, email, PHONE, address, ACCOUNT_NUMBER, ACCOUNT_NAME]
    before = _tables_mentioning(needles)
    # The set-up really did spread the details about (a guard on this test).
    for table in (
        "cms_core.FormatRequest.name",
        "evidence.Signature.name",
        "participation.Rsvp.access_needs",
        "payments.BankDetails.account_number",
        "consultations.Answer.text",
        "portal_core.AuditEntry.reason",
        "portal_core.Notification.body",
    ):
        assert table in before, table

    sign_in(client, email)
    response = client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )
    assert response.status_code == 302

    after = _tables_mentioning(needles)
    # The property register is the landlord's list of homes, not about a person.
    after = {k: v for k, v in after.items() if not k.startswith("housing.Property.")}
    assert after == {}
    person.refresh_from_db()
    assert str(person) == "a former resident"
    entry = AuditEntry.objects.get(action="test.spoke_to")
    assert entry.acting_for == person
    assert "a former resident" in entry.reason


def test_bank_details_behind_a_payment_are_kept_with_the_reason_then_purged(client):
    from django.core.management import call_command

    from portal.payments.models import BankDetails, Payment

    person = User.objects.get(email="neighbour@example.org")
    BankDetails.objects.filter(user=person).delete()
    details = BankDetails.objects.create(
        user=person,
        account_name=ACCOUNT_NAME,
        sort_code="108800",
        account_number=ACCOUNT_NUMBER,
        status="verified",
    )
    payment = Payment.objects.create(
        source_type=ContentType.objects.get_for_model(User),
        source_id=str(person.pk),
        payee_user=person,
        payee_name=ACCOUNT_NAME,
        amount=Decimal("12.50"),
        reference="INV-1",
    )
    sign_in(client, person.email)
    client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )
    # Kept, as the register declares, with its legal reason.
    kept = {h.model: h.reason for h in personal_data.kept_with_reasons()}
    assert "HMRC" in kept["payments.BankDetails"] and "HMRC" in kept["payments.Payment"]
    details.refresh_from_db()
    payment.refresh_from_db()
    assert details.account_number == ACCOUNT_NUMBER
    assert payment.payee_name == ACCOUNT_NAME

    # The daily purge leaves them alone until the statutory period has passed...
    call_command("purge_personal_data")
    details.refresh_from_db()
    assert details.account_number == ACCOUNT_NUMBER
    # ...then blanks the personal details, keeping the amounts.
    long_ago = timezone.now() - datetime.timedelta(days=366 * 7)
    BankDetails.objects.filter(pk=details.pk).update(submitted_at=long_ago)
    Payment.objects.filter(pk=payment.pk).update(created_at=long_ago)
    call_command("purge_personal_data")
    details.refresh_from_db()
    payment.refresh_from_db()
    assert (details.account_name, details.account_number) == ("", "")
    assert payment.payee_name == "" and payment.amount == Decimal("12.50")


def test_the_download_and_closing_read_the_same_register(client):
    person = User.objects.get(email="neighbour@example.org")
    _one_of_everything(person)
    sign_in(client, person.email)
    data = client.get("/portal/my-data/?download=1").json()
    for holding in personal_data.holdings():
        if holding.rows(person).exists():
            key = f"{holding.model.lower()}:{holding.person}"
            assert key in data["records"], key
            assert data["records"][key]["on_closing_your_account"] == str(
                holding.on_close
            )


@isolate_apps("portal.core")
def test_a_new_model_linked_to_accounts_must_be_registered():
    class Diary(models.Model):
        owner = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = "portal_core"

        def __str__(self) -> str:
            return "a diary"

    original = personal_data._project_models
    personal_data._project_models = lambda: iter([Diary])
    try:
        errors = personal_data.every_link_to_a_person_is_registered()
    finally:
        personal_data._project_models = original
    assert [e.id for e in errors] == ["involve.E001"]
    assert "portal_core.Diary links to user accounts through owner" in errors[0].msg


def test_every_project_model_is_registered_today():
    assert personal_data.every_link_to_a_person_is_registered() == []
    assert [e for e in checks.run_checks() if e.id == "involve.E001"] == []
