import io
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from portal.core.models import AuditEntry
from portal.housing.models import Area, Estate, Property, PropertyImport, Street, Tenure
from portal.housing.selectors import household_counts, households
from portal.housing.services import PropertyImportError, property_register_import
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

HEADER = (
    "UPRN,Address line 1,address_line_2,town,postcode,tenure,area,estate,"
    "block_or_street,block_or_street_kind\n"
)


def csv_text(*rows: str) -> str:
    return HEADER + "".join(f"{row}\n" for row in rows)


GOOD = csv_text(
    "900000000001,Flat 1 Heron House,,Riverside,rv9 1aa,Tenant,Test Area,Heron Estate,"
    "Heron House,block",
    "900000000002,Flat 2 Heron House,,Riverside,RV9 1AA,leaseholder,Test Area,"
    "Heron Estate,Heron House,block",
    "900000000003,3 Kingfisher Road,,Riverside,RV9 1AB,Private,Test Area,Heron Estate,"
    "Kingfisher Road,street",
)


def test_a_good_file_creates_the_register_and_is_audited():
    record = property_register_import(text=GOOD, filename="heron.csv")
    assert (record.rows, record.created, record.updated) == (3, 3, 0)
    flat = Property.objects.get(uprn="900000000001")
    assert flat.postcode == "RV9 1AA"
    assert flat.tenure == Tenure.TENANT and flat.is_landlord_customer
    assert flat.street.name == "Heron House" and flat.street.kind == Street.Kind.BLOCK
    assert flat.estate.area.name == "Test Area"
    private = Property.objects.get(uprn="900000000003")
    assert private.tenure == Tenure.NON_LANDLORD and not private.is_landlord_customer
    entry = AuditEntry.objects.get(
        action="property_register.imported", object_id=record.pk
    )
    assert entry.details == {"rows": 3, "created": 3, "updated": 0}


def test_reimport_updates_by_uprn_and_skips_unchanged_rows():
    property_register_import(text=GOOD)
    changed = GOOD.replace("Private,", "Tenant,")
    record = property_register_import(text=changed)
    assert (record.created, record.updated) == (0, 1)
    assert Property.objects.get(uprn="900000000003").tenure == Tenure.TENANT
    assert Property.objects.filter(uprn__startswith="9000000000").count() == 3


def test_a_bad_file_is_rejected_line_by_line_and_changes_nothing():
    property_register_import(text=GOOD)
    before = (Property.objects.count(), Estate.objects.count(), Area.objects.count())
    bad = csv_text(
        "900000000001,Flat 1 Heron House,,Riverside,RV9 1AA,Secure tenant,Test Area,"
        "New Estate,,",
        "900000000004,,,Riverside,NOT A CODE,Tenant,Test Area,Heron Estate,,",
        "900000000001,Flat 9,,Riverside,RV9 1AA,Tenant,Test Area,Heron Estate,,",
        "900000000005,5 Kingfisher Road,,Riverside,RV9 1AB,Lodger,Test Area,"
        "Heron Estate,,",
        "12AB,6 Kingfisher Road,,Riverside,RV9 1AB,Tenant,Test Area,Heron Estate,,",
    )
    with pytest.raises(PropertyImportError) as error:
        property_register_import(text=bad)
    problems = [(p.line, p.message) for p in error.value.problems]
    assert (3, "address_line_1 is empty.") in problems
    assert (3, "“NOT A CODE” is not a valid UK postcode.") in problems
    assert (4, "UPRN 900000000001 is a duplicate of line 2.") in problems
    assert any(line == 5 and "Unknown tenure “Lodger”" in m for line, m in problems)
    assert (6, "UPRN “12AB” must be up to 12 digits.") in problems
    # Line 2 was fine, yet nothing at all was written.
    assert not any(line == 2 for line, _ in problems)
    assert (
        Property.objects.count(),
        Estate.objects.count(),
        Area.objects.count(),
    ) == before
    assert not Estate.objects.filter(name="New Estate").exists()


def test_a_file_missing_columns_is_rejected_on_line_one():
    with pytest.raises(PropertyImportError) as error:
        property_register_import(text="uprn,address_line_1\n1,Somewhere\n")
    assert [(p.line, p.message) for p in error.value.problems] == [
        (1, "Missing column: postcode, tenure, area, estate.")
    ]


def test_an_empty_file_is_rejected():
    with pytest.raises(PropertyImportError) as error:
        property_register_import(text=HEADER)
    assert error.value.problems[0].message == "The file has no properties in it."


def test_household_counts_come_from_the_register():
    property_register_import(text=GOOD)
    estate = Estate.objects.get(name="Heron Estate")
    assert household_counts(households(estates=[estate])) == {
        "total": 3,
        "landlord_customers": 2,
    }
    block = Street.objects.get(name="Heron House")
    assert household_counts(households(streets=[block]))["total"] == 2
    assert household_counts(households())["total"] == 0


def test_demo_register_has_about_two_thousand_homes_with_a_realistic_mix():
    demo = Property.objects.filter(uprn__startswith="1000230")
    counts = household_counts(demo)
    assert counts["total"] == 2000
    assert 0.85 < counts["landlord_customers"] / counts["total"] < 0.98
    assert Estate.objects.filter(properties__in=demo).distinct().count() == 3


def test_ten_thousand_rows_import_in_well_under_a_minute(capsys):
    rows = [
        f"{800000000000 + n},{n} Long Street,,Riverside,RV9 2AA,Tenant,Big Area,"
        f"Big Estate,Long Street,street"
        for n in range(10_000)
    ]
    started = time.perf_counter()
    record = property_register_import(text=csv_text(*rows))
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = property_register_import(
        text=csv_text(*rows).replace("Tenant", "Leaseholder")
    )
    second = time.perf_counter() - started
    with capsys.disabled():
        sys.stdout.write(
            f"\n10,000-row import: new {first:.2f}s, all changed {second:.2f}s\n"
        )
    assert record.created == 10_000 and again.updated == 10_000
    assert first < 60 and second < 60


def test_import_command_reports_each_bad_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text("1,1 Road,,Town,XX,Tenant,A,E,,"), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_properties", str(bad), stderr=err)
    assert "line 2: “XX” is not a valid UK postcode." in err.getvalue()
    good = tmp_path / "good.csv"
    good.write_bytes(("\ufeff" + GOOD).encode("utf-8"))  # Excel's byte-order mark
    out = io.StringIO()
    call_command("import_properties", str(good), stdout=out)
    assert "Imported 3 rows: 3 new, 0 updated." in out.getvalue()


def upload(name: str, content: str | bytes):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_admin_upload_shows_problems_and_keeps_the_register(client):
    sign_in(client, "admin@example.org")
    before = Property.objects.count()
    response = client.post(
        "/admin/property_import/",
        {"csv_file": upload("bad.csv", csv_text("1,1 Road,,Town,XX,Tenant,A,E,,"))},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported: 1 problem to fix." in page
    assert "is not a valid UK postcode." in page
    assert Property.objects.count() == before


def test_admin_upload_imports_a_good_file(client):
    sign_in(client, "admin@example.org")
    response = client.post(
        "/admin/property_import/", {"csv_file": upload("g.csv", GOOD)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/properties/"
    record = PropertyImport.objects.latest("created_at")
    assert (
        record.filename == "g.csv" and record.imported_by.email == "admin@example.org"
    )


def test_admin_upload_refuses_a_binary_file(client):
    sign_in(client, "admin@example.org")
    response = client.post(
        "/admin/property_import/", {"csv_file": upload("x.csv", b"PK\x03\x04\x00\x00")}
    )
    assert response.status_code == 200
    assert "This is not a CSV file." in response.content.decode()


@pytest.mark.parametrize("email", ["officer@example.org", "resident@example.org"])
def test_only_register_editors_can_upload(client, email):
    sign_in(client, email)
    response = client.post(
        "/admin/property_import/", {"csv_file": upload("g.csv", GOOD)}
    )
    # Wagtail answers a refusal by sending the person back with a message.
    assert response.status_code == 302
    assert not Property.objects.filter(uprn="900000000001").exists()


def test_officers_can_browse_the_register_with_few_queries(
    client, django_assert_max_num_queries
):
    sign_in(client, "officer@example.org")
    client.get("/admin/properties/")
    with django_assert_max_num_queries(25):
        response = client.get("/admin/properties/")
    assert response.status_code == 200
    assert "Flat 1, Anchor House" in response.content.decode()
    assert client.get("/admin/properties/?export=csv").status_code == 200
