import re

import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_pages_in_every_language_and_the_public_listings(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for prefix in ["", "/pl", "/bn", "/ar"]:
        for path in ["/", "/groups/", "/grants/awards/"]:
            assert re.search(f"<loc>https?://[^/<]+{prefix}{path}</loc>", body), (
                prefix,
                path,
            )
    assert "/magazine/</loc>" in body
    assert "/portal/" not in body and "/admin/" not in body


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_accounts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /portal/" in body and "Disallow: /admin/" in body


def test_favicon(client):
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_groups_are_in_the_site_navigation_and_awards_linked(client):
    from tests.conftest import sign_in

    page = client.get("/").content.decode()
    assert 'href="/groups/"' in page
    sign_in(client, "chair@example.org")
    assert 'href="/grants/awards/"' in client.get("/portal/grants/").content.decode()
