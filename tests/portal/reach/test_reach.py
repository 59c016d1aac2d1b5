"""Who takes part: the resident profile import, consent, snapshots, the report's
figures against a hand count, acting on a gap, and who may see it."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from cms.involvement.models import Interest, OpportunityPage
from cms.meetings.models import Body, MeetingPage
from demo.reach import PLAN_TITLE
from portal.accounts.models import EqualityMonitoring, User
from portal.actions.models import Action
from portal.core.models import AuditEntry, Notification
from portal.housing.models import Area, Estate
from portal.participation.services import attendance_record
from portal.reach.dimensions import dimensions
from portal.reach.models import (
    ParticipationSnapshot,
    ProfileCount,
    ProfileImport,
    RepresentationFlag,
)
from portal.reach.selectors import _dimension_report, representation_report
from portal.reach.services import (
    ProfileImportError,
    representation_invite,
    representation_plan_record,
    resident_profile_import,
)
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

# A period far from the demo's own participation, so the hand counts are exact.
START, END = datetime.date(2030, 4, 1), datetime.date(2031, 3, 31)
DAY = datetime.date(2030, 6, 1)
HEADER = "area,estate,dimension,category,count\n"


def officer():
    return User.objects.get(email="officer@example.org")


def profile_csv(rows):
    return HEADER + "".join(
        f"Riverside North,Wharf Estate,{d},{c},{n}\n" for d, c, n in rows
    )


HAND_PROFILE = [
    ("age_band", "16_24", 200),
    ("age_band", "25_34", 300),
    ("age_band", "35_44", 500),
    ("age_band", "prefer_not", 50),
    ("age_band", "unknown", 100),
    ("sex", "female", 3),
    ("sex", "male", 997),
]


def snapshots(age_counts: dict, *, start_pk_person=None, day=DAY):
    """One snapshot per (made-up, anonymised) person per category."""
    rows = [
        ParticipationSnapshot(
            kind="attendance", took_part_on=day, consented=bool(age), age_band=age
        )
        for age, n in age_counts.items()
        for _ in range(n)
    ]
    ParticipationSnapshot.objects.bulk_create(rows)


def row(report, dimension, category):
    dim = next(d for d in report.dimensions if d.dimension.name == dimension)
    return next(r for r in dim.rows if r.category == category)


# ---------------------------------------------------------------- import


def test_a_good_profile_replaces_the_one_in_use_and_is_audited():
    record = resident_profile_import(
        text=profile_csv(HAND_PROFILE), actor=officer(), filename="p.csv"
    )
    assert (record.rows, record.estates) == (7, 1)
    assert ProfileImport.objects.order_by("-created_at", "-pk").first() == record
    counts = dict(
        ProfileCount.objects.filter(
            profile_import=record, dimension="age_band"
        ).values_list("category", "count")
    )
    assert counts == {
        "16_24": 200,
        "25_34": 300,
        "35_44": 500,
        "prefer_not": 50,
        "unknown": 100,
    }
    entry = AuditEntry.objects.get(
        action="resident_profile.imported", object_id=record.pk
    )
    assert entry.details == {"rows": 7, "estates": 1}


def test_bad_rows_are_reported_by_line_and_nothing_is_imported():
    before = ProfileImport.objects.count()
    text = HEADER + (
        "Riverside North,Wharf Estate,age_band,16_24,10\n"
        "Riverside North,Nowhere Estate,age_band,16_24,10\n"
        "Riverside North,Wharf Estate,shoe_size,9,10\n"
        "Riverside North,Wharf Estate,age_band,teenager,10\n"
        "Riverside North,Wharf Estate,sex,female,-3\n"
        "Riverside North,Wharf Estate,age_band,16_24,12\n"
        "Riverside North,Wharf Estate,sex,,4\n"
    )
    with pytest.raises(ProfileImportError) as caught:
        resident_profile_import(text=text, actor=officer())
    problems = [(p.line, p.message) for p in caught.value.problems]
    lines = [line for line, _m in problems]
    assert lines == [3, 4, 5, 6, 7, 8]
    messages = dict(problems)
    assert "Nowhere Estate" in messages[3]
    assert "Unknown dimension" in messages[4]
    assert "teenager" in messages[5]
    assert "whole number" in messages[6]
    assert "repeat line 2" in messages[7]
    assert "category is empty" in messages[8]
    assert ProfileImport.objects.count() == before


def test_a_file_without_the_columns_is_refused_at_line_1():
    with pytest.raises(ProfileImportError) as caught:
        resident_profile_import(text="estate,count\nWharf,3\n", actor=officer())
    assert caught.value.problems[0].line == 1
    assert "area" in caught.value.problems[0].message


def test_the_command_imports_and_lists_problems(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(profile_csv(HAND_PROFILE))
    out = io.StringIO()
    call_command("import_resident_profile", str(good), stdout=out)
    assert "Imported 7 rows for 1 estates" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Riverside North,Wharf Estate,age_band,16_24,lots\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_resident_profile", str(bad), stderr=err)
    assert "line 2:" in err.getvalue()


def test_the_upload_screen_lists_problems_and_imports_a_good_file(client):
    sign_in(client, "officer@example.org")
    bad = SimpleUploadedFile("bad.csv", (HEADER + "x,y,age_band,16_24,1\n").encode())
    response = client.post("/admin/resident-profile/import/", {"csv_file": bad})
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    good = SimpleUploadedFile("good.csv", profile_csv(HAND_PROFILE).encode())
    response = client.post("/admin/resident-profile/import/", {"csv_file": good})
    assert response.status_code == 302
    assert ProfileImport.objects.order_by("-pk").first().filename == "good.csv"
    listing = client.get("/admin/resident_profile_imports/")
    assert listing.status_code == 200 and "good.csv" in listing.content.decode()


# ---------------------------------------------------------------- consent


def test_consent_is_given_and_withdrawn_on_the_about_you_page(client):
    sign_in(client, "neighbour@example.org")
    page = client.get("/portal/about-you/use-of-answers/").content.decode()
    assert "you may use my answers to check whether the people who take part" in page
    client.post(
        "/portal/about-you/", {"age_band": "16_24", "use_for_representation": "on"}
    )
    neighbour = User.objects.get(email="neighbour@example.org")
    answers = EqualityMonitoring.objects.get(user=neighbour)
    assert answers.representation_consent_at is not None
    assert AuditEntry.objects.filter(
        action="equality.representation_consent_given"
    ).exists()
    export = client.get("/portal/my-data/?download=1").json()
    assert export["equality_monitoring"]["representation_consent_at"]

    # What they took part in before carries the answer while they agree...
    ParticipationSnapshot.objects.create(
        person=neighbour,
        kind="attendance",
        took_part_on=DAY,
        consented=True,
        age_band="16_24",
        tenure="tenant",
    )
    # ...and stops carrying it when they withdraw.
    client.post("/portal/about-you/", {"age_band": "16_24"})
    answers.refresh_from_db()
    assert answers.representation_consent_at is None
    snap = ParticipationSnapshot.objects.get(person=neighbour, took_part_on=DAY)
    assert (snap.consented, snap.age_band, snap.tenure) == (False, "", "tenant")
    assert AuditEntry.objects.filter(
        action="equality.representation_consent_withdrawn"
    ).exists()


def test_withdrawn_consent_is_left_out_of_the_report():
    resident_profile_import(text=profile_csv(HAND_PROFILE), actor=officer())
    person = User.objects.get(email="neighbour@example.org")
    EqualityMonitoring.objects.update_or_create(
        user=person,
        defaults={"age_band": "16_24", "representation_consent_at": timezone.now()},
    )
    ParticipationSnapshot.objects.create(
        person=person,
        kind="attendance",
        took_part_on=DAY,
        consented=True,
        age_band="16_24",
    )
    snapshots({"25_34": 6})
    before = representation_report(start=START, end=END)
    assert row(before, "age_band", "16_24").participants == 1
    answers = EqualityMonitoring.objects.get(user=person)
    answers.representation_consent_at = None
    answers.save()
    after = representation_report(start=START, end=END)
    assert row(after, "age_band", "16_24").participants == 0
    assert row(after, "age_band", "").participants == 1


# ---------------------------------------------------------------- snapshots


def test_attendance_takes_a_snapshot_that_later_changes_do_not_rewrite():
    person = User.objects.get(email="secretary@example.org")
    EqualityMonitoring.objects.update_or_create(
        user=person,
        defaults={
            "age_band": "25_34",
            "sex": "female",
            "representation_consent_at": timezone.now(),
        },
    )
    meeting = MeetingPage.objects.filter(body__kind="panel").order_by("start").first()
    attendance_record(
        meeting=meeting, person=person, status="attended", actor=officer()
    )
    snap = ParticipationSnapshot.objects.get(meeting=meeting, person=person)
    assert (snap.age_band, snap.sex, snap.consented) == ("25_34", "female", True)
    assert snap.tenure  # from the verified home in the register
    assert snap.body_id == meeting.body_id
    assert snap.took_part_on == timezone.localdate(meeting.start)

    EqualityMonitoring.objects.filter(user=person).update(age_band="35_44")
    attendance_record(
        meeting=meeting, person=person, status="attended", actor=officer()
    )
    snap.refresh_from_db()
    assert snap.age_band == "25_34"
    assert (
        ParticipationSnapshot.objects.filter(meeting=meeting, person=person).count()
        == 1
    )

    attendance_record(meeting=meeting, person=person, status="absent", actor=officer())
    assert not ParticipationSnapshot.objects.filter(
        meeting=meeting, person=person
    ).exists()


def test_without_consent_only_the_landlords_own_records_are_noted():
    person = User.objects.get(email="treasurer@example.org")
    EqualityMonitoring.objects.update_or_create(
        user=person, defaults={"age_band": "25_34", "representation_consent_at": None}
    )
    meeting = MeetingPage.objects.filter(body__kind="panel").order_by("start").first()
    attendance_record(
        meeting=meeting, person=person, status="attended", actor=officer()
    )
    snap = ParticipationSnapshot.objects.get(meeting=meeting, person=person)
    assert (snap.consented, snap.age_band) == (False, "")
    assert snap.tenure


# ---------------------------------------------------------------- the figures


def test_every_ratio_and_the_suppression_match_a_hand_count():
    resident_profile_import(text=profile_csv(HAND_PROFILE), actor=officer())
    snapshots({"16_24": 3, "25_34": 12, "35_44": 25, "prefer_not": 2, "": 4})
    # Someone who came three times counts once.
    person = User.objects.get(email="chair@example.org")
    for day in (
        DAY,
        DAY + datetime.timedelta(days=7),
        DAY + datetime.timedelta(days=14),
    ):
        ParticipationSnapshot.objects.create(
            person=person,
            kind="attendance",
            took_part_on=day,
            consented=True,
            age_band="35_44",
        )
    # Outside the period: not counted.
    snapshots({"16_24": 30}, day=START - datetime.timedelta(days=1))

    report = representation_report(start=START, end=END)
    assert report.total == 47
    young = row(report, "age_band", "16_24")
    # 3 of 41 known participants against 200 of 1,000 known residents.
    assert (young.participants, young.residents) == (3, 200)
    assert young.ratio == Decimal("0.37")  # (3/41) / 0.2 = 0.3658…
    assert young.under  # expected 0.2 × 41 = 8.2 people, at least 5
    assert young.participants_withheld and young.shown_ratio is None
    assert young.shown_participant_share is None
    middle = row(report, "age_band", "25_34")
    assert middle.ratio == Decimal("0.98")  # (12/41) / 0.3
    assert not middle.under and middle.shown_ratio == Decimal("0.98")
    older = row(report, "age_band", "35_44")
    assert older.participants == 26
    assert older.ratio == Decimal("1.27")  # (26/41) / 0.5 = 1.268…
    empty = row(report, "age_band", "45_54")
    assert (empty.participants, empty.residents, empty.ratio) == (0, 0, None)
    prefer = row(report, "age_band", "prefer_not")
    assert (prefer.participants, prefer.residents, prefer.answer) == (2, 50, False)
    assert prefer.participants_withheld
    none = row(report, "age_band", "")
    assert (none.participants, none.residents) == (4, 100)
    # 3 women among 1,000 residents: fewer than 5, so shares are withheld, and
    # too few expected (0.003 × participants) to call anyone under-represented.
    women = row(report, "sex", "female")
    assert women.residents_withheld and women.shown_resident_share is None
    assert not women.under


def test_the_threshold_is_a_setting(settings):
    settings.INVOLVE_REPRESENTATION_THRESHOLD = 0.3
    resident_profile_import(text=profile_csv(HAND_PROFILE), actor=officer())
    snapshots({"16_24": 3, "25_34": 12, "35_44": 25})
    assert not row(
        representation_report(start=START, end=END), "age_band", "16_24"
    ).under


@hyp_settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 60), min_size=7, max_size=7),
    st.lists(st.integers(0, 2000), min_size=7, max_size=7),
)
def test_the_calculator_follows_its_definition(people, residents):
    dimension = dimensions()["age_band"]
    codes = [code for code, _label in dimension.known]
    p = dict(zip(codes, people, strict=True))
    r = dict(zip(codes, residents, strict=True))
    report = _dimension_report(dimension, p, r, Decimal("0.8"))
    pk, rk = sum(people), sum(residents)
    for result in report.rows[: len(codes)]:
        pc, rc = p[result.category], r[result.category]
        if not (pk and rc):
            assert result.ratio is None and not result.under
            continue
        exact = (Decimal(pc) / pk) / (Decimal(rc) / rk)
        assert abs(result.ratio - exact) <= Decimal("0.005")
        assert result.under == (
            result.ratio < Decimal("0.8") and Decimal(rc) / rk * pk >= 5
        )
        hidden = 0 < pc < 5 or 0 < rc < 5
        assert (result.shown_ratio is None) == hidden


# ---------------------------------------------------------------- the screen


def test_the_report_page_query_count_stays_flat_over_10000_participations(client):
    resident_profile_import(text=profile_csv(HAND_PROFILE), actor=officer())
    sign_in(client, "officer@example.org")
    url = "/admin/who-takes-part/?from=2030-04-01&to=2031-03-31&activity=all"
    snapshots({"25_34": 10})
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    snapshots({"16_24": 2000, "25_34": 3000, "35_44": 4000, "prefer_not": 500, "": 490})
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "10,000 people took part" in response.content.decode() or (
        "10000 people took part" in response.content.decode()
    )
    assert len(large) == len(small)
    assert len(large) <= 30


def test_the_report_shows_figures_with_suppression_and_exports_csv(client):
    resident_profile_import(text=profile_csv(HAND_PROFILE), actor=officer())
    snapshots({"16_24": 3, "25_34": 12, "35_44": 25})
    sign_in(client, "officer@example.org")
    url = "/admin/who-takes-part/?from=2030-04-01&to=2031-03-31"
    page = client.get(url).content.decode()
    assert "Under-represented" in page and "fewer than 5" in page
    assert "<svg" in page and "<table" in page
    assert "Record an action plan" in page
    response = client.get(url + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    csv_text = response.content.decode()
    assert "Dimension,Category,Participants" in csv_text
    assert "16 to 24,fewer than 5,,200,,,Yes" in csv_text
    assert "25 to 34,12,30.0,300,30.0,1.00," in csv_text


def test_bad_query_strings_fall_back_and_never_fail(client):
    sign_in(client, "officer@example.org")
    for query in (
        "?year=abc",
        "?from=2030-13-45&to=x",
        "?activity=body-99999999",
        "?year=1800&activity=nonsense",
    ):
        assert client.get("/admin/who-takes-part/" + query).status_code == 200
    assert (
        client.get(
            "/admin/who-takes-part/plan/?dimension=age_band&category=nonsense"
        ).status_code
        == 404
    )


def test_residents_are_refused(client):
    sign_in(client, "resident@example.org")
    for url in (
        "/admin/who-takes-part/",
        "/admin/who-takes-part/plan/?dimension=age_band&category=16_24",
        "/admin/who-takes-part/invite/?dimension=age_band&category=16_24",
        "/admin/resident-profile/import/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Who takes part" not in response.content.decode()
    with pytest.raises(Exception) as caught:
        representation_plan_record(
            actor=User.objects.get(email="resident@example.org"),
            dimension="age_band",
            category="16_24",
            activity="all",
            start=START,
            end=END,
            ratio=None,
            title="x",
            due_on=END,
        )
    assert caught.type.__name__ == "PermissionDenied"


# ---------------------------------------------------------------- acting on a gap


def test_an_action_plan_goes_into_the_actions_register(client):
    resident_profile_import(text=profile_csv(HAND_PROFILE), actor=officer())
    snapshots({"16_24": 3, "25_34": 12, "35_44": 25})
    sign_in(client, "officer@example.org")
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    data = {
        "from": "2030-04-01",
        "to": "2031-03-31",
        "activity": "all",
        "dimension": "age_band",
        "category": "16_24",
        "ratio": "0.38",
    }
    assert client.get("/admin/who-takes-part/plan/", data).status_code == 200
    response = client.post(
        "/admin/who-takes-part/plan/",
        {**data, "title": "Youth panel taster evening", "due_on": due},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Youth panel taster evening")
    assert action.source == Action.Source.REPRESENTATION
    flag = RepresentationFlag.objects.get(activity="all", category="16_24")
    assert flag.action == action and flag.ratio == Decimal("0.38")
    assert AuditEntry.objects.filter(action="representation.action_planned").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Youth panel taster evening" in page


def test_invitations_go_only_to_interested_consenting_members_of_the_group():
    opportunity = OpportunityPage.objects.first()

    def person(email, *, age, consent, interested):
        user = User.objects.create_user(email=email, password=None)
        EqualityMonitoring.objects.create(
            user=user,
            age_band=age,
            representation_consent_at=timezone.now() if consent else None,
        )
        if interested:
            Interest.objects.create(opportunity=opportunity, user=user)
        return user

    invited = person("young@example.net", age="16_24", consent=True, interested=True)
    person("noconsent@example.net", age="16_24", consent=False, interested=True)
    person("notinterested@example.net", age="16_24", consent=True, interested=False)
    person("older@example.net", age="45_54", consent=True, interested=True)
    flag = RepresentationFlag.objects.create(
        dimension="age_band",
        category="16_24",
        activity="all",
        period_start=START,
        period_end=END,
        created_by=officer(),
    )
    sent = representation_invite(
        actor=officer(), flag=flag, subject="Come along", message="Hello"
    )
    assert sent == 1
    rows = Notification.objects.filter(key=f"opportunity-reach-{flag.pk}")
    assert {n.recipient_id for n in rows} == {invited.pk}
    representation_invite(actor=officer(), flag=flag, subject="Again", message="Hi")
    assert (
        Notification.objects.filter(
            key=f"opportunity-reach-{flag.pk}", recipient=invited
        ).count()
        == rows.count()
    )
    assert AuditEntry.objects.filter(action="representation.invited").count() == 2


# ---------------------------------------------------------------- the demo


def test_the_demo_imported_the_resident_profile_for_its_three_estates():
    """Through the real import (audited), every demo estate with its counts in
    each dimension, so the report compares against the whole landlord."""
    record = ProfileImport.objects.get()
    assert (record.rows, record.estates) == (111, 3)
    assert AuditEntry.objects.filter(action="resident_profile.imported").count() == 1
    estates = set(Estate.objects.values_list("name", flat=True))
    assert estates == {"Millfield Estate", "Orchard Park", "Wharf Estate"}
    per_estate = {
        name: set(
            ProfileCount.objects.filter(estate__name=name).values_list(
                "dimension", flat=True
            )
        )
        for name in estates
    }
    assert all(found == set(dimensions()) for found in per_estate.values())


def test_the_demo_shows_young_residents_missing_from_the_residents_panel():
    panel = Body.objects.filter(name="Residents Panel").order_by("pk").first()
    start = datetime.date(timezone.localdate().year - 1, 1, 1)
    report = representation_report(
        start=start, end=timezone.localdate(), activity="body", body=panel
    )
    young = row(report, "age_band", "16_24")
    assert young.under and young.participants_withheld
    assert young.flag and young.flag.action
    assert young.flag.action.title == PLAN_TITLE
    flagged = [
        (d.dimension.name, r.category)
        for d in report.dimensions
        for r in d.rows
        if r.under
    ]
    assert flagged == [("age_band", "16_24")]


def test_a_sent_consultation_response_takes_a_snapshot_and_joins_the_export(client):
    from cms.consultations.models import ConsultationPage, Response

    person = User.objects.get(email="neighbour@example.org")
    EqualityMonitoring.objects.update_or_create(
        user=person,
        defaults={"sex": "female", "representation_consent_at": timezone.now()},
    )
    consultation = ConsultationPage.objects.first()
    Response.objects.filter(consultation=consultation, respondent=person).delete()
    response = Response.objects.create(
        consultation=consultation, respondent=person, submitted=False
    )
    assert not ParticipationSnapshot.objects.filter(
        consultation=consultation, person=person
    ).exists()  # a draft is not taking part
    response.submitted = True
    response.save()
    snap = ParticipationSnapshot.objects.get(consultation=consultation, person=person)
    assert (snap.kind, snap.sex, snap.consented) == ("response", "female", True)
    sign_in(client, "neighbour@example.org")
    export = client.get("/portal/my-data/?download=1").json()
    taken_part = export["records"]["reach.participationsnapshot:person"]["records"]
    assert any(r["kind"] == "response" and r["sex"] == "female" for r in taken_part)
    # Taken back to a draft before the close: not taking part after all.
    response.submitted = False
    response.save()
    assert not ParticipationSnapshot.objects.filter(
        consultation=consultation, person=person
    ).exists()


def test_an_area_compares_its_own_residents_and_participants(client):
    north = Estate.objects.get(name="Wharf Estate")
    south = Estate.objects.get(name="Orchard Park")
    text = HEADER + (
        "Riverside North,Wharf Estate,sex,female,600\n"
        "Riverside North,Wharf Estate,sex,male,400\n"
        "Riverside South,Orchard Park,sex,female,100\n"
        "Riverside South,Orchard Park,sex,male,900\n"
    )
    resident_profile_import(text=text, actor=officer())
    for estate, sex, n in [
        (north, "female", 6),
        (north, "male", 4),
        (south, "male", 9),
    ]:
        ParticipationSnapshot.objects.bulk_create(
            ParticipationSnapshot(
                kind="response",
                took_part_on=DAY,
                consented=True,
                sex=sex,
                estate=estate,
            )
            for _ in range(n)
        )
    everyone = representation_report(start=START, end=END)
    assert row(everyone, "sex", "female").residents == 700
    # (6/19) / (700/2000) = 0.3158 / 0.35 = 0.902
    assert row(everyone, "sex", "female").ratio == Decimal("0.90")
    area = Area.objects.get(name="Riverside North")
    north_only = representation_report(start=START, end=END, area=area)
    assert north_only.total == 10
    assert (
        row(north_only, "sex", "female").participants,
        row(north_only, "sex", "female").residents,
    ) == (6, 600)
    assert row(north_only, "sex", "female").ratio == Decimal("1.00")
    sign_in(client, "officer@example.org")
    page = client.get(
        f"/admin/who-takes-part/?from=2030-04-01&to=2031-03-31&area={area.pk}"
    ).content.decode()
    assert "Residents of Riverside North only" in page


def test_the_backfill_command_takes_each_snapshot_once():
    ParticipationSnapshot.objects.filter(kind="attendance").delete()
    out = io.StringIO()
    call_command("backfill_participation_snapshots", stdout=out)
    made = ParticipationSnapshot.objects.filter(kind="attendance").count()
    assert made > 0
    assert f"Took {made} snapshots." in out.getvalue()
    call_command("backfill_participation_snapshots", stdout=io.StringIO())
    assert ParticipationSnapshot.objects.filter(kind="attendance").count() == made


def test_the_invite_screen_says_how_many_and_sends_once(client):
    opportunity = OpportunityPage.objects.first()
    for n in range(2):
        user = User.objects.create_user(email=f"young{n}@example.net", password=None)
        EqualityMonitoring.objects.create(
            user=user, age_band="16_24", representation_consent_at=timezone.now()
        )
        Interest.objects.create(opportunity=opportunity, user=user)
    sign_in(client, "officer@example.org")
    data = {
        "from": "2030-04-01",
        "to": "2031-03-31",
        "activity": "attendance",
        "dimension": "age_band",
        "category": "16_24",
    }
    page = client.get("/admin/who-takes-part/invite/", data).content.decode()
    assert "2 residents said they are interested" in page
    response = client.post(
        "/admin/who-takes-part/invite/",
        {**data, "subject": "Join the panel", "message": "We would like you."},
    )
    assert response.status_code == 302
    flag = RepresentationFlag.objects.get(activity="attendance", category="16_24")
    assert flag.invited == 2
    assert (
        Notification.objects.filter(key=f"opportunity-reach-{flag.pk}")
        .values("recipient")
        .distinct()
        .count()
        == 2
    )
    # A made-up category is not a group anyone can be invited as.
    bad = {**data, "category": "robots"}
    assert client.get("/admin/who-takes-part/invite/", bad).status_code == 404
