"""Equality monitoring questions with the harmonised UK (ONS 2021 Census) answers.

Every question has "Prefer not to say". Answers are optional, seen only by staff
with a specific permission, and reported only in aggregate.
"""

from django.utils.translation import gettext_lazy as _

PREFER_NOT = ("prefer_not", _("Prefer not to say"))

AGE_BANDS = [
    ("16_24", _("16 to 24")),
    ("25_34", _("25 to 34")),
    ("35_44", _("35 to 44")),
    ("45_54", _("45 to 54")),
    ("55_64", _("55 to 64")),
    ("65_74", _("65 to 74")),
    ("75_plus", _("75 or over")),
    PREFER_NOT,
]

ETHNICITY = [
    (
        _("Asian, Asian British or Asian Welsh"),
        [
            ("asian_bangladeshi", _("Bangladeshi")),
            ("asian_chinese", _("Chinese")),
            ("asian_indian", _("Indian")),
            ("asian_pakistani", _("Pakistani")),
            ("asian_other", _("Any other Asian background")),
        ],
    ),
    (
        _("Black, Black British, Black Welsh, Caribbean or African"),
        [
            ("black_african", _("African")),
            ("black_caribbean", _("Caribbean")),
            (
                "black_other",
                _("Any other Black, Black British or Caribbean background"),
            ),
        ],
    ),
    (
        _("Mixed or multiple ethnic groups"),
        [
            ("mixed_white_asian", _("White and Asian")),
            ("mixed_white_black_african", _("White and Black African")),
            ("mixed_white_black_caribbean", _("White and Black Caribbean")),
            ("mixed_other", _("Any other Mixed or multiple ethnic background")),
        ],
    ),
    (
        _("White"),
        [
            ("white_british", _("English, Welsh, Scottish, Northern Irish or British")),
            ("white_irish", _("Irish")),
            ("white_gypsy_traveller", _("Gypsy or Irish Traveller")),
            ("white_roma", _("Roma")),
            ("white_other", _("Any other White background")),
        ],
    ),
    (
        _("Other ethnic group"),
        [
            ("other_arab", _("Arab")),
            ("other_any", _("Any other ethnic group")),
        ],
    ),
    (_("Prefer not to say"), [PREFER_NOT]),
]

YES_NO = [("yes", _("Yes")), ("no", _("No")), PREFER_NOT]

SEX = [("female", _("Female")), ("male", _("Male")), PREFER_NOT]

SEXUAL_ORIENTATION = [
    ("straight", _("Straight or heterosexual")),
    ("gay_lesbian", _("Gay or lesbian")),
    ("bisexual", _("Bisexual")),
    ("other", _("Another sexual orientation")),
    PREFER_NOT,
]

RELIGION = [
    ("none", _("No religion")),
    ("christian", _("Christian")),
    ("buddhist", _("Buddhist")),
    ("hindu", _("Hindu")),
    ("jewish", _("Jewish")),
    ("muslim", _("Muslim")),
    ("sikh", _("Sikh")),
    ("other", _("Any other religion")),
    PREFER_NOT,
]

# Groups smaller than this are shown as "fewer than 5" so nobody can be identified.
SMALL_NUMBER = 5
