import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from cms.core.colours import contrast_with_white, parse_hex_colour
from cms.core.models import LandlordSettings

pytestmark = pytest.mark.django_db


def test_branding_comes_from_site_settings(client):
    landlord = LandlordSettings.for_site(Site.objects.get(is_default_site=True))
    landlord.name = "Hillside Housing"
    landlord.brand_colour = "#4b0f5c"
    landlord.save()
    page = client.get("/").content.decode()
    assert "Hillside Housing" in page
    assert "--brand: #4b0f5c" in page


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("blue", "Enter the colour as # and six hex digits."),
        ("#ffff00", "This colour is too light"),
    ],
)
def test_unreadable_brand_colours_are_refused(colour, message):
    landlord = LandlordSettings(site=Site.objects.get(is_default_site=True))
    landlord.brand_colour = colour
    with pytest.raises(ValidationError) as error:
        landlord.clean()
    assert message in str(error.value.message_dict["brand_colour"])


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_with_white(parse_hex_colour("#000000")) == pytest.approx(
        21, abs=0.01
    )
    assert contrast_with_white(parse_hex_colour("#ffffff")) == pytest.approx(
        1, abs=0.01
    )
    # #767676 is the lightest grey that passes 4.5:1 on white.
    assert contrast_with_white(parse_hex_colour("#767676")) == pytest.approx(
        4.54, abs=0.01
    )
