# ruff: noqa: E501  (demo words read better unbroken)
"""Eight issues of "Riverside News" over two years: articles, letters, two
competitions (one open, one closed awaiting its draw), other formats, the newest
issue in every demo language, and one article waiting for the Readers Panel."""

import io
import struct
import wave
from datetime import date, timedelta

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

from cms.magazines.models import (
    ArticlePage,
    CompetitionEntry,
    CompetitionPage,
    IssueFormat,
    LettersPage,
    MagazineIndexPage,
    MagazineIssuePage,
)
from cms.magazines.workflows import (
    create_readers_panel_workflow,
    readers_panel_workflow,
)
from portal.accounts.models import User

ISSUES = [  # number, season, published, title, summary, cover colour
    (1, "winter", date(2024, 12, 2), "Warm homes this winter", "Help with heating bills, and how we fixed 1,200 repairs.", "#1d4f91"),
    (2, "spring", date(2025, 3, 3), "Spring clean", "Estate clear-ups, new bins and your Residents Panel.", "#00703c"),
    (3, "summer", date(2025, 6, 2), "Fun days are back", "Dates for every estate, and how to join a focus group.", "#8a3a00"),
    (4, "autumn", date(2025, 9, 1), "Your rent explained", "Where your rent goes, and what we changed after your feedback.", "#5a2d82"),
    (5, "winter", date(2025, 12, 1), "Safe at home", "Fire safety in blocks, and meet your Estate Champions.", "#1d4f91"),
    (6, "spring", date(2026, 3, 2), "You said, we did", "What changed this year because residents spoke up.", "#00703c"),
    (7, "summer", date(2026, 6, 1), "Green spaces", "New planting on Riverside estate, and the summer competition.", "#8a3a00"),
    (8, "autumn", date(2026, 9, 7), "Your voice, your homes", "The new Residents Panel, repairs on time, and win a hamper.", "#5a2d82"),
]  # fmt: skip

ARTICLES = [  # title, summary, paragraphs
    ("Repairs: how we did", "Most repairs were done on time. Here are the numbers.", ["We promised to fix urgent repairs within 24 hours. This quarter we did that 9 times out of 10.", "If a repair is late, tell us. We will call you back within one working day."]),
    ("Meet your Residents Panel", "Twelve residents who check how we work.", ["The Residents Panel meets once a month. Members read our reports and ask hard questions.", "You do not need any experience. We pay travel and childcare costs, and we give training."]),
    ("Staying warm for less", "Simple ways to cut your heating bills.", ["Keep your heating on low all day in very cold weather. It can cost less than heating a cold home quickly.", "Our money advice team can check you get every benefit you are owed. Call us to book a chat."]),
    ("Your estate, your say", "Estate inspections are open to everyone.", ["Walk your estate with our officers once a month. Point out what needs fixing.", "We write down every problem and tell you when it is done."]),
]  # fmt: skip

TRANSLATIONS = {  # the newest issue and its pages in each demo language
    "pl": {
        "issue": ("Twój głos, twoje domy", "Nowy Panel Mieszkańców, terminowe naprawy i wygraj kosz prezentowy."),
        "Repairs: how we did": ("Naprawy: jak nam poszło", "Większość napraw wykonaliśmy na czas."),
        "Meet your Residents Panel": ("Poznaj Panel Mieszkańców", "Dwunastu mieszkańców sprawdza, jak pracujemy."),
        "Letters": ("Listy", "Wasze listy i nasze odpowiedzi."),
        "Win a winter hamper": ("Wygraj zimowy kosz prezentowy", "Odpowiedz na jedno pytanie."),
    },
    "bn": {
        "issue": ("আপনার কণ্ঠ, আপনার বাড়ি", "নতুন রেসিডেন্টস প্যানেল, সময়মতো মেরামত, এবং একটি উপহারের ঝুড়ি জিতুন।"),
        "Repairs: how we did": ("মেরামত: আমরা কেমন করেছি", "বেশিরভাগ মেরামত সময়মতো হয়েছে।"),
        "Meet your Residents Panel": ("আপনার রেসিডেন্টস প্যানেলের সাথে পরিচিত হন", "বারোজন বাসিন্দা আমাদের কাজ পরীক্ষা করেন।"),
        "Letters": ("চিঠি", "আপনার চিঠি এবং আমাদের উত্তর।"),
        "Win a winter hamper": ("শীতের উপহারের ঝুড়ি জিতুন", "একটি প্রশ্নের উত্তর দিন।"),
    },
    "ar": {
        "issue": ("صوتك، بيوتك", "لجنة السكان الجديدة، والإصلاحات في موعدها، واربح سلة هدايا."),
        "Repairs: how we did": ("الإصلاحات: كيف كان أداؤنا", "أنجزنا معظم الإصلاحات في الوقت المحدد."),
        "Meet your Residents Panel": ("تعرّف على لجنة السكان", "اثنا عشر ساكنًا يراجعون طريقة عملنا."),
        "Letters": ("الرسائل", "رسائلكم وردودنا عليها."),
        "Win a winter hamper": ("اربح سلة الشتاء", "أجب عن سؤال واحد."),
    },
}  # fmt: skip

BODIES = {  # the newest issue's articles, translated in full
    "pl": {
        "Repairs: how we did": [
            "Obiecaliśmy naprawiać pilne usterki w ciągu 24 godzin. W tym kwartale udało się to 9 razy na 10.",
            "Jeśli naprawa się opóźnia, powiedz nam. Oddzwonimy w ciągu jednego dnia roboczego.",
        ],
        "Meet your Residents Panel": [
            "Panel Mieszkańców spotyka się raz w miesiącu. Członkowie czytają nasze raporty i zadają trudne pytania.",
            "Nie potrzebujesz doświadczenia. Zwracamy koszty dojazdu i opieki nad dziećmi oraz zapewniamy szkolenie.",
        ],
    },
    "bn": {
        "Repairs: how we did": [
            "আমরা ২৪ ঘণ্টার মধ্যে জরুরি মেরামতের প্রতিশ্রুতি দিয়েছিলাম। এই ত্রৈমাসিকে আমরা ১০ বারের মধ্যে ৯ বার তা করেছি।",
            "মেরামতে দেরি হলে আমাদের জানান। আমরা এক কর্মদিবসের মধ্যে আপনাকে ফোন করব।",
        ],
        "Meet your Residents Panel": [
            "রেসিডেন্টস প্যানেল মাসে একবার মিলিত হয়। সদস্যরা আমাদের প্রতিবেদন পড়েন এবং কঠিন প্রশ্ন করেন।",
            "আপনার কোনো অভিজ্ঞতার প্রয়োজন নেই। আমরা যাতায়াত ও শিশু যত্নের খরচ দিই এবং প্রশিক্ষণ দিই।",
        ],
    },
    "ar": {
        "Repairs: how we did": [
            "وعدنا بإصلاح الأعطال العاجلة خلال 24 ساعة. في هذا الربع فعلنا ذلك 9 مرات من كل 10.",
            "إذا تأخر الإصلاح، أخبرنا. سنتصل بك خلال يوم عمل واحد.",
        ],
        "Meet your Residents Panel": [
            "تجتمع لجنة السكان مرة كل شهر. يقرأ الأعضاء تقاريرنا ويطرحون أسئلة صعبة.",
            "لا تحتاج إلى أي خبرة. ندفع تكاليف المواصلات ورعاية الأطفال، ونقدم التدريب.",
        ],
    },
}

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _cover(number: int, title: str, colour: str) -> Image:
    picture = PillowImage.new("RGB", (480, 640), colour)
    ImageDraw.Draw(picture).text(
        (32, 40), f"Riverside News {number}\n\n{title}", fill="white"
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return Image.objects.create(
        title=f"Riverside News cover {number}",
        file=ImageFile(buffer, name=f"riverside-news-{number}.png"),
    )


def _audio() -> bytes:
    """One second of silence: a real, playable file for the demo's audio edition."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(struct.pack("<h", 0) * 8000)
    return buffer.getvalue()


def _formats(issue: MagazineIssuePage, everything: bool):
    files = [
        (IssueFormat.Kind.PDF, "pdf", PDF),
        (IssueFormat.Kind.LARGE_PRINT, "pdf", PDF),
    ]
    if everything:
        files += [
            (IssueFormat.Kind.AUDIO, "wav", _audio()),
            (IssueFormat.Kind.EASY_READ, "pdf", PDF),
        ]
    for kind, extension, content in files:
        document = Document.objects.create(
            title=f"{issue.title} ({IssueFormat.Kind(kind).label})",
            file=ContentFile(
                content, name=f"issue-{issue.issue_number}-{kind}.{extension}"
            ),
        )
        IssueFormat.objects.create(page=issue, kind=kind, document=document)


def _body(paragraphs: list[str], number: int) -> list:
    blocks = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    blocks.append(
        (
            "pull_quote",
            {"quote": "It felt good to be listened to.", "attribution": "A resident"},
        )
    )
    if number % 2 == 0:
        blocks.append(
            (
                "table",
                {
                    "caption": "Repairs done on time",
                    "table": {
                        "columns": [
                            {"type": "text", "heading": "Kind of repair"},
                            {"type": "number", "heading": "Per cent on time"},
                        ],
                        "rows": [
                            {"values": ["Emergency (24 hours)", "97"]},
                            {"values": ["Routine (20 working days)", "88"]},
                        ],
                    },
                },
            )
        )
    return blocks


def _publish(page, editor, reader, moderator, workflow, reviewed: bool):
    """Publish through the Readers Panel workflow (the page earns the mark) or,
    for issues before the panel began, directly."""
    revision = page.save_revision(user=editor)
    if not reviewed or workflow is None:
        revision.publish(user=moderator)
        return
    state = workflow.start(page, editor)
    state.current_task_state.approve(user=reader)
    state.refresh_from_db()
    state.current_task_state.approve(user=moderator)


def build_magazines(home, locales) -> MagazineIndexPage:
    index = MagazineIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    # A flushed test database has lost the rows Wagtail's migrations made.
    create_readers_panel_workflow(apps)
    workflow = readers_panel_workflow()
    editor, reader, moderator = (
        User.objects.get(email=f"{who}@example.org")
        for who in ("editor", "reader", "moderator")
    )
    index = MagazineIndexPage(
        title="Riverside News",
        slug="magazine",
        intro="Our magazine for residents, four times a year. Every article is checked "
        "by our Readers Panel of residents before it is published.",
        show_in_menus=True,
    )
    home.add_child(instance=index)
    index.save_revision(user=editor).publish(user=moderator)
    for number, season, published, title, summary, colour in ISSUES:
        issue = MagazineIssuePage(
            title=title,
            slug=f"issue-{number}",
            intro=summary,
            issue_number=number,
            season=season,
            publication_date=published,
            cover=_cover(number, title, colour),
            cover_alt=f"Cover of issue {number}: {title}",
        )
        index.add_child(instance=issue)
        _formats(issue, everything=number >= 7)
        issue.save_revision(user=editor).publish(user=moderator)
        reviewed = number >= 5
        for offset in range(2):
            article_title, intro, paragraphs = ARTICLES[
                (number + offset) % len(ARTICLES)
            ]
            article = ArticlePage(
                title=article_title,
                slug=f"issue-{number}-{offset + 1}",
                intro=intro,
                author="The communications team",
                body=_body(paragraphs, number + offset),
            )
            issue.add_child(instance=article)
            _publish(article, editor, reader, moderator, workflow, reviewed)
        letters = LettersPage(
            title="Letters",
            slug=f"issue-{number}-letters",
            intro="Your letters and our replies.",
            letters=[
                (
                    "letter",
                    {
                        "writer": "Mrs K., Anchor House",
                        "letter": "The lift was broken for a week. My neighbour could not get out.",
                        "reply": "We are sorry. We have a new contract: lifts are now fixed within 24 hours, and we check on residents who cannot use the stairs.",
                        "replier": "Jo Patel, Head of Repairs",
                    },
                )
            ],
        )
        issue.add_child(instance=letters)
        _publish(letters, editor, reader, moderator, workflow, reviewed)
        if number in (7, 8):
            _competition(issue, number, editor, reader, moderator, workflow)
    _waiting_for_review(index, editor, workflow)
    _translate_newest(index, locales)
    return index


def _competition(issue, number, editor, reader, moderator, workflow):
    now = timezone.now()
    competition = CompetitionPage(
        title="Win a winter hamper" if number == 8 else "Win a garden voucher",
        slug=f"issue-{number}-competition",
        intro="Answer one question. Everyone can enter once.",
        question="How many estates does Riverside Homes look after?",
        choices="Two\nThree\nFour",
        prize="A hamper of local food"
        if number == 8
        else "A £50 garden centre voucher",
        closes_at=now + timedelta(days=21) if number == 8 else now - timedelta(days=30),
    )
    issue.add_child(instance=competition)
    _publish(competition, editor, reader, moderator, workflow, reviewed=True)
    if number == 7:  # closed, entries in, waiting for staff to draw the winner
        for who in ("chair", "secretary", "treasurer"):
            CompetitionEntry.objects.create(
                competition=competition,
                entrant=User.objects.get(email=f"{who}@example.org"),
                answer="Three",
            )


def _waiting_for_review(index, editor, workflow):
    """A draft article in the newest issue, sent to the Readers Panel."""
    newest = MagazineIssuePage.objects.child_of(index).order_by("-issue_number").first()
    article = ArticlePage(
        title="New bins: what changes in January",
        slug="new-bins",
        intro="Recycling collections move to Tuesdays from January.",
        author="The estate services team",
        body=[
            (
                "paragraph",
                "<p>From January, recycling is collected on Tuesdays. General waste stays on Fridays.</p>",
            ),
            (
                "paragraph",
                "<p>Each block gets two more recycling bins. Tell us if your bin store is too full.</p>",
            ),
        ],
        live=False,
    )
    newest.add_child(instance=article)
    article.save_revision(user=editor)
    if workflow is not None:
        workflow.start(article, editor)


def _translate_newest(index, locales):
    newest = (
        MagazineIssuePage.objects.child_of(index)
        .live()
        .order_by("-issue_number")
        .first()
    )
    pages = [newest, *newest.get_children().live().specific()]
    for code, words in TRANSLATIONS.items():
        locale = locales[code]
        for page in pages:
            key = "issue" if page.pk == newest.pk else page.title
            if key not in words:
                continue
            translated = page.get_translation_or_none(locale)
            if translated is None:
                translated = page.copy_for_translation(locale, copy_parents=True)
            translated = translated.specific
            translated.title, translated.intro = words[key]
            paragraphs = BODIES[code].get(page.title)
            if paragraphs:
                translated.body = [
                    ("paragraph", f"<p>{text}</p>") for text in paragraphs
                ]
            translated.save_revision().publish()
