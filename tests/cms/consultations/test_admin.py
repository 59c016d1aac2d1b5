import pytest

from cms.consultations.models import Answer, ConsultationPage
from cms.involvement.models import Interest, OpportunityPage
from portal.accounts.models import User
from portal.core.models import AuditEntry, Notification
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug="repairs-appointments")


def test_officer_publishes_outcome_from_the_admin(client, closed):
    closed.you_said = "Too early."
    closed.we_did = "Evening slots."
    closed.what_changes = "From March."
    closed.save_revision().publish()
    sign_in(client, "officer@example.org")
    url = f"/admin/consultation-responses/{closed.pk}/"
    assert client.get("/admin/consultation-responses/").status_code == 200
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"action": "outcome"})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.outcome_published_at
    assert Notification.objects.filter(key=f"consultation-outcome-{closed.pk}").count()
    assert AuditEntry.objects.filter(action="consultation.outcome_published").exists()
    # Twice is refused with a message, not a 500 or a second round of messages.
    before = Notification.objects.count()
    client.post(url, {"action": "outcome"})
    assert Notification.objects.count() == before


def test_outcome_without_text_is_refused_with_a_reason(client, closed):
    sign_in(client, "officer@example.org")
    url = f"/admin/consultation-responses/{closed.pk}/"
    response = client.post(url, {"action": "outcome"}, follow=True)
    assert "what we heard" in response.content.decode()
    closed.refresh_from_db()
    assert closed.outcome_published_at is None


def test_moderation_publishes_comment(client, closed):
    answer = Answer.objects.filter(response__consultation=closed).exclude(text="")[0]
    answer.moderation = Answer.Moderation.PENDING
    answer.save()
    sign_in(client, "officer@example.org")
    client.post(
        f"/admin/consultation-responses/{closed.pk}/",
        {"action": "approve", "answer": answer.pk},
    )
    answer.refresh_from_db()
    assert answer.moderation == Answer.Moderation.APPROVED


def test_export_csv(client, closed):
    sign_in(client, "officer@example.org")
    response = client.get(f"/admin/consultation-responses/{closed.pk}/export/")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 4  # header and three responses
    assert "How happy are you" in lines[0]


def _formula_answer(closed):
    answer = Answer.objects.filter(response__consultation=closed).exclude(text="")[0]
    answer.text = '=HYPERLINK("http://evil.example","Click")'
    answer.save()
    return answer


def test_export_xlsx_with_the_same_rows_and_formulas_kept_as_text(client, closed):
    import io

    from openpyxl import load_workbook

    _formula_answer(closed)
    sign_in(client, "officer@example.org")
    url = f"/admin/consultation-responses/{closed.pk}/export/?export=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        f'filename="consultation-{closed.pk}-responses.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4
    assert any(str(h).startswith("How happy are you") for h in rows[0])
    cells = [cell for row in sheet.iter_rows() for cell in row]
    evil = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert evil and all(c.data_type == "s" for c in evil)


def test_csv_export_defuses_formulas(client, closed):
    _formula_answer(closed)
    sign_in(client, "officer@example.org")
    response = client.get(f"/admin/consultation-responses/{closed.pk}/export/")
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert ',"=HYPERLINK' not in text and ",=HYPERLINK" not in text


@pytest.mark.parametrize("email", ["neighbour@example.org", "editor@example.org"])
def test_others_cannot_manage_or_export(client, closed, email):
    sign_in(client, email)
    for url in (
        f"/admin/consultation-responses/{closed.pk}/",
        f"/admin/consultation-responses/{closed.pk}/export/",
        f"/admin/consultation-responses/{closed.pk}/export/?export=xlsx",
        "/admin/interested-residents/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
    client.post(f"/admin/consultation-responses/{closed.pk}/", {"action": "results"})
    closed.refresh_from_db()
    assert closed.results_published_at is not None  # unchanged from the demo


def test_officer_sees_exports_and_invites_interested(client):
    board = OpportunityPage.objects.get(title="The Board")
    neighbour = User.objects.get(email="neighbour@example.org")
    Interest.objects.create(opportunity=board, user=neighbour)
    sign_in(client, "officer@example.org")
    body = client.get(f"/admin/interested-residents/?opportunity={board.pk}")
    assert str(neighbour) in body.content.decode()
    csv = client.get(f"/admin/interested-residents/?opportunity={board.pk}&format=csv")
    assert neighbour.email in b"".join(csv.streaming_content).decode()
    client.post(
        f"/admin/interested-residents/?opportunity={board.pk}",
        {
            "opportunity": board.pk,
            "subject": "Board taster",
            "message": "Come on 1 May",
        },
    )
    assert Notification.objects.filter(recipient=neighbour, subject="Board taster")
