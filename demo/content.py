"""The fictional landlord's words, in every demo language.

Kept apart from the loader so translators and editors can read it at a glance.
"""

from portal.accounts.roles import (
    ADMINISTRATORS,
    EDITORS,
    FINANCE_APPROVERS,
    GRANT_PANEL,
    INVOLVEMENT_OFFICERS,
    MODERATORS,
    READERS_PANEL,
)

LANDLORD = {
    "name": "Riverside Homes",
    "phone": "0300 123 4567",
    "email": "involvement@riverside-homes.example",
    "address": "Riverside Homes\n1 Wharf Street\nRiverside\nRV1 2AB",
    "opening_hours": "Monday to Friday, 9am to 5pm",
}

HOME = {
    "en-gb": (
        "Welcome to Riverside Homes",
        "Find meetings, have your say on changes and get involved where you live.",
    ),
    "pl": (
        "Witamy w Riverside Homes",
        "Sprawdź terminy spotkań, wyraź swoją opinię o zmianach i zaangażuj się "
        "w sprawy swojej okolicy.",
    ),
    "bn": (
        "রিভারসাইড হোমসে স্বাগতম",
        "সভার খবর জানুন, পরিবর্তন নিয়ে আপনার মতামত দিন এবং আপনার এলাকায় যুক্ত হন।",
    ),
    "ar": (
        "مرحبًا بكم في ريفرسايد هومز",
        "تعرّف على مواعيد الاجتماعات، وأبدِ رأيك في التغييرات، وشارك في منطقتك.",
    ),
}

# slug: {language: (title, summary)}; the English body is below.
STANDARD_PAGES = {
    "about-us": {
        "en-gb": (
            "About us",
            "Riverside Homes looks after 2,000 homes on three estates. Residents help "
            "decide how we do it.",
        ),
        "pl": ("O nas", "Riverside Homes zarządza 2000 mieszkań na trzech osiedlach."),
        "bn": ("আমাদের সম্পর্কে", "রিভারসাইড হোমস তিনটি এস্টেটে ২,০০০ বাড়ি দেখাশোনা করে।"),
        "ar": ("من نحن", "تعتني ريفرسايد هومز بألفي منزل في ثلاثة أحياء سكنية."),
    },
    "accessibility-statement": {
        "en-gb": (
            "Accessibility statement",
            "How accessible this website is, and how to ask for information in "
            "another format.",
        ),
        "pl": ("Deklaracja dostępności", "Jak dostępna jest ta strona internetowa."),
        "bn": ("অ্যাক্সেসিবিলিটি বিবৃতি", "এই ওয়েবসাইটটি কতটা ব্যবহারযোগ্য।"),
        "ar": ("بيان إمكانية الوصول", "مدى سهولة استخدام هذا الموقع."),
    },
    "privacy-notice": {
        "en-gb": (
            "Privacy notice",
            "What personal information we keep about you, why, and your rights.",
        ),
        "pl": (
            "Informacja o prywatności",
            "Jakie dane osobowe przechowujemy i dlaczego.",
        ),
        "bn": ("গোপনীয়তা বিজ্ঞপ্তি", "আমরা আপনার কোন ব্যক্তিগত তথ্য রাখি এবং কেন।"),
        "ar": ("إشعار الخصوصية", "ما المعلومات الشخصية التي نحتفظ بها عنك ولماذا."),
    },
}

BODIES = {
    "about-us": (
        "We are a not-for-profit housing association. Our residents’ involvement "
        "agreement sets out how you can help shape our services: from reading the "
        "magazine to sitting on the Board. Meetings get proper notice, nobody is out "
        "of pocket for taking part, and we tell you what changed because of your views."
    ),
    "accessibility-statement": (
        "We want as many people as possible to be able to use this website. You "
        "should be able to change colours and fonts, zoom in up to 400% without the "
        "text spilling off the screen, get around using just a keyboard or speech "
        "recognition software, and listen to the website using a screen reader. "
        "This website aims to meet the Web Content Accessibility Guidelines version "
        "2.2 AA standard. If you need information in a different format, such as "
        "large print, easy read, audio recording or Braille, call or email us."
    ),
    "privacy-notice": (
        "We use your personal information to run resident involvement: to let you "
        "sign in, to send you the papers and news you ask for, and to pay your "
        "expenses. We never sell it. You can download your information or close your "
        "account at any time from “My account”."
    ),
}

# email, first name, last name, roles, superuser
DEMO_USERS = [
    ("admin@example.org", "Ada", "Admin", [ADMINISTRATORS], True),
    ("editor@example.org", "Eddie", "Editor", [EDITORS], False),
    ("moderator@example.org", "Mo", "Moderator", [MODERATORS, EDITORS], False),
    ("reader@example.org", "Rita", "Reader", [READERS_PANEL], False),
    ("officer@example.org", "Olu", "Officer", [INVOLVEMENT_OFFICERS], False),
    ("finance@example.org", "Fern", "Finance", [FINANCE_APPROVERS], False),
    ("resident@example.org", "Rosa", "Resident", [], False),
    ("chair@example.org", "Chidi", "Chair", [], False),
    ("secretary@example.org", "Sam", "Secretary", [], False),
    ("treasurer@example.org", "Tola", "Treasurer", [], False),
    ("neighbour@example.org", "Nia", "Neighbour", [], False),
    ("panel@example.org", "Priya", "Panel", [GRANT_PANEL], False),
    ("panel2@example.org", "Kwame", "Mensah", [GRANT_PANEL], False),
]

# email, UPRN of their home in the demo register, verified by the officer?
DEMO_HOMES = [
    ("chair@example.org", "100023000012", True),
    ("resident@example.org", "100023000300", False),
    ("secretary@example.org", "100023000030", True),
    ("treasurer@example.org", "100023000040", True),
    ("neighbour@example.org", "100023000020", True),
]

TOPICS = [
    "Repairs and maintenance",
    "Estate services and cleaning",
    "Green spaces",
    "Community safety and anti-social behaviour",
    "Rent and service charges",
    "Money and benefits advice",
    "Young people",
    "Older people and sheltered housing",
    "Building safety",
    "Resident involvement and scrutiny",
]
