from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.accounts.models import ResidentProfile
from portal.core.models import PrivateFile
from portal.housing.models import Property
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

# The smallest real files of each kind: type is judged by content, not by name.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def private_root():
    return Path(PrivateFile._meta.get_field("file").storage.location)


def claim_with(client, name, content):
    home = Property.objects.get(uprn="100023000300")
    return client.post(
        f"/portal/home/?postcode={home.postcode}",
        {
            "home": home.pk,
            "tenancy_reference": "T000300",
            "evidence": SimpleUploadedFile(name, content),
        },
    )


def test_proof_of_address_is_stored_privately_and_shown_to_the_checker(
    client, private_root
):
    sign_in(client, "resident@example.org")
    response = claim_with(client, "rent statement.pdf", PDF)
    assert response.status_code == 302
    evidence = ResidentProfile.objects.get(user__email="resident@example.org").evidence
    assert (evidence.original_name, evidence.content_type) == (
        "rent statement.pdf",
        "application/pdf",
    )
    stored = private_root / evidence.file.name
    assert stored.read_bytes() == PDF
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    assert evidence.original_name not in evidence.file.name  # meaningless name

    url = f"/portal/files/{evidence.pk}/"
    own = client.get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert {"private", "no-store"} <= set(own["Cache-Control"].split(", "))
    assert "attachment" in own["Content-Disposition"]

    client.logout()
    sign_in(client, "officer@example.org")
    decide = f"/admin/resident_profiles/{evidence_profile_pk(evidence)}/decide/"
    assert url in client.get(decide).content.decode()
    assert client.get(url).status_code == 200


def evidence_profile_pk(evidence):
    return ResidentProfile.objects.get(evidence=evidence).pk


@pytest.mark.parametrize("email", ["chair@example.org", "editor@example.org"])
def test_nobody_else_can_fetch_a_private_file(client, email):
    sign_in(client, "resident@example.org")
    claim_with(client, "photo.png", PNG)
    evidence = PrivateFile.objects.get(uploaded_by__email="resident@example.org")
    client.logout()
    assert client.get(f"/portal/files/{evidence.pk}/").status_code == 302  # sign in
    sign_in(client, email)
    assert client.get(f"/portal/files/{evidence.pk}/").status_code == 404


def test_no_public_url_reaches_private_files(client):
    sign_in(client, "resident@example.org")
    claim_with(client, "photo.png", PNG)
    evidence = PrivateFile.objects.get(uploaded_by__email="resident@example.org")
    with pytest.raises(ValueError, match="no public URL"):
        evidence.file.url  # noqa: B018
    for guess in [
        f"/media/{evidence.file.name}",
        f"/media/private/{evidence.file.name}",
        f"/private/{evidence.file.name}",
    ]:
        assert client.get(guess, follow=True).status_code == 404


def test_a_renamed_program_is_refused_by_its_content(client):
    sign_in(client, "resident@example.org")
    response = claim_with(client, "statement.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This file is not a HEIC, JPEG, PDF, PNG, WebP." in page
    assert 'value="T000300"' in page  # what they typed is kept
    assert not PrivateFile.objects.filter(uploaded_by__email="resident@example.org")


def test_a_file_that_is_too_big_is_refused(client):
    sign_in(client, "resident@example.org")
    big = PDF + b"0" * (10 * 1024 * 1024)
    page = claim_with(client, "big.pdf", big).content.decode()
    assert "Files must be smaller than 10 MB." in page
    assert not PrivateFile.objects.filter(uploaded_by__email="resident@example.org")


def test_closing_the_account_deletes_the_files(client, private_root):
    sign_in(client, "resident@example.org")
    claim_with(client, "photo.png", PNG)
    evidence = PrivateFile.objects.get(uploaded_by__email="resident@example.org")
    path = private_root / evidence.file.name
    assert path.exists()
    client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )
    assert not PrivateFile.objects.filter(pk=evidence.pk).exists()
    assert not path.exists()
