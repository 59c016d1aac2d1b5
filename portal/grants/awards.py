"""The public list of grants awarded to groups, and the same in the 360Giving
data standard's CSV and JSON shape. Awards to individuals are never listed."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django_tables2 import RequestConfig

from cms.core.models import LandlordSettings
from cms.core.pagecache import public_cache
from portal.core.exports import csv_response

from .models import GrantApplication
from .tables import AwardTable

PREFIX = "360G-involve"
COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
]


def public_awards():
    return (
        GrantApplication.objects.filter(
            status__in=["approved", "paid"], group__isnull=False
        )
        .select_related("scheme", "group")
        .order_by("-decided_at")
    )


def _rows(request):
    funder = LandlordSettings.for_request(request).name
    funder_id = f"{PREFIX}-{slugify(funder)}"
    for award in public_awards().iterator(chunk_size=2000):
        yield {
            "Identifier": f"{funder_id}-{award.pk}",
            "Title": f"{award.scheme.name}: {award.group.name}",
            "Description": award.purpose,
            "Currency": "GBP",
            "Amount Awarded": f"{award.amount_approved:.2f}",
            "Award Date": award.decided_at.date().isoformat()
            if award.decided_at
            else "",
            "Recipient Org:Identifier": f"{funder_id}-group-{award.group_id}",
            "Recipient Org:Name": award.group.name,
            "Funding Org:Identifier": funder_id,
            "Funding Org:Name": funder,
            "Grant Programme:Title": award.scheme.name,
        }


@public_cache("grant-awards", "groups")
def awards_page(request):
    table = AwardTable(public_awards())
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "grants/awards.html", {"table": table})


@public_cache("grant-awards", "groups")
def awards_csv(request):
    def rows():
        yield COLUMNS
        for row in _rows(request):
            yield [row[column] for column in COLUMNS]

    # Not streamed: the page cache keeps this public file for anonymous visitors.
    return csv_response(rows(), filename="grants-360giving.csv", stream=False)


@public_cache("grant-awards", "groups")
def awards_json(request):
    grants = [
        {
            "id": row["Identifier"],
            "title": row["Title"],
            "description": row["Description"],
            "currency": row["Currency"],
            "amountAwarded": float(row["Amount Awarded"]),
            "awardDate": row["Award Date"],
            "recipientOrganization": [
                {
                    "id": row["Recipient Org:Identifier"],
                    "name": row["Recipient Org:Name"],
                }
            ],
            "fundingOrganization": [
                {"id": row["Funding Org:Identifier"], "name": row["Funding Org:Name"]}
            ],
            "grantProgramme": [{"title": row["Grant Programme:Title"]}],
        }
        for row in _rows(request)
    ]
    return HttpResponse(
        json.dumps({"grants": grants}, indent=2), content_type="application/json"
    )
