"""wagtail-localize can translate every magazine page type: the words go to
translators as segments, the synchronised facts (dates, cover, files) are copied."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from cms.magazines.models import (
    ArticlePage,
    CompetitionPage,
    LettersPage,
    MagazineIssuePage,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "slug", "words"),
    [
        (MagazineIssuePage, "issue-6", "Cover of issue 6: You said, we did"),
        (ArticlePage, "issue-6-1", "It felt good to be listened to."),
        (ArticlePage, "issue-6-1", "Repairs done on time"),
        (LettersPage, "issue-6-letters", "The lift was broken for a week."),
        (CompetitionPage, "issue-7-competition", "A £50 garden centre voucher"),
    ],
)
def test_each_page_type_goes_to_translators_with_its_words(model, slug, words):
    page = model.objects.get(slug=slug, locale=Locale.get_default())
    source, _created = TranslationSource.get_or_create_from_instance(page)
    texts = set(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    )
    assert any(words in text for text in texts), texts
    polish = Locale.objects.get(language_code="pl")
    source.create_or_update_translation(polish, fallback=True, copy_parent_pages=True)
    translated = page.get_translation(polish).specific
    if isinstance(translated, MagazineIssuePage):
        assert translated.publication_date == page.publication_date
        assert translated.cover_id == page.cover_id
        assert [f.kind for f in translated.formats.all()] == [
            f.kind for f in page.formats.all()
        ]
