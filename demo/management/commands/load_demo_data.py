"""Build the fictional landlord site for `make run`. Safe to run again.

Everything is made through the apps' factories with a fixed seed, so the demo
matches what the tests build and never drifts into hand-edited fixtures.
"""

import factory.random
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Collection, GroupPagePermission, Locale, Page, Site

from cms.core.factories import StandardPageFactory
from cms.core.models import LandlordSettings, StandardPage
from cms.core.sitewide import forget as sitewide_forget
from demo import content
from demo.accountability import build_accountability
from demo.actions import build_actions, reset_actions
from demo.consultations import build_consultations
from demo.expenses import build_expenses, reset_expenses
from demo.grants import build_grants, reset_grants
from demo.groups import build_groups, reset_groups
from demo.inspections import build_inspections, reset_inspections
from demo.involvement import build_involvement
from demo.magazines import build_magazines
from demo.meetings import build_meetings, reset_meetings
from demo.messages import build_messages, reset_messages
from demo.payments import build_payments, reset_payments
from demo.reach import build_reach, reset_reach
from demo.register import demo_register_csv
from demo.reports import (
    build_evidence_mapping,
    build_report_targets,
    reset_report_targets,
)
from demo.scrutiny import build_scrutiny, reset_scrutiny
from demo.training import build_training, reset_training
from demo.volunteering import build_volunteering, reset_volunteering
from home.factories import HomePageFactory
from home.models import HomePage
from portal.accounts.factories import DEMO_PASSWORD, UserFactory
from portal.accounts.models import ResidentProfile, User
from portal.accounts.roles import EDITORS, MODERATORS, sync_roles
from portal.accounts.services import resident_home_claim, resident_profile_decide
from portal.core.models import Topic
from portal.housing.models import Property
from portal.housing.services import property_register_import


class Command(BaseCommand):
    help = "Create (or top up) the demo landlord site, pages and one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo pages and users first, then build them again.",
        )

    def handle(self, *args, reset=False, **options):
        if not settings.INVOLVE_DEMO_ALLOWED:
            raise CommandError(
                "Demo data (with its known passwords) is never loaded with these "
                "settings. It is for `make run` and the tests only."
            )
        with transaction.atomic():
            self._build(reset=reset)

    def _build(self, *, reset: bool):
        factory.random.reseed_random("involve-demo")
        # Ids remembered before a flush are gone: the thread's locale memo and the
        # cache (Wagtail's site root paths, cached pages) start afresh.
        sitewide_forget()
        cache.clear()
        if reset:
            self._reset()
        locales = self._locales()
        # A flushed database (e.g. after a live-server test) has no roles, no page
        # tree root and no root collection for documents and images.
        sync_roles(apps)
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        home = self._home_page()
        self._page_permissions(home)
        pages = self._standard_pages(home)
        self._landlord_settings(home, pages)
        self._translations(home, pages, locales)
        self._users()
        self._property_register()
        self._resident_profiles()
        for name in content.TOPICS:
            Topic.objects.get_or_create(name=name)
        build_groups(officer=User.objects.get(email="officer@example.org"))
        build_meetings(home=home, locales=locales)
        build_payments()
        build_grants()
        build_expenses()
        build_consultations(home)
        build_involvement(home)
        build_magazines(home, locales)
        build_actions()
        build_inspections()
        build_scrutiny()
        build_reach()
        build_volunteering()
        build_training()
        build_report_targets()
        build_evidence_mapping()
        build_accountability(home)
        build_messages()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Sign in with any of these (password {DEMO_PASSWORD}):")
        for email, *_ in content.DEMO_USERS:
            self.stdout.write(f"  {email}")

    def _reset(self):
        reset_messages()
        reset_reach()
        reset_training()
        reset_volunteering()
        reset_report_targets()
        reset_actions()
        reset_inspections()
        reset_scrutiny()
        reset_expenses()
        reset_payments()
        reset_grants()
        reset_meetings()
        reset_groups()
        User.objects.filter(email__in=[u[0] for u in content.DEMO_USERS]).delete()
        for home in HomePage.objects.filter(depth=2):
            home.delete()

    def _locales(self) -> dict[str, Locale]:
        return {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.LANGUAGES
        }

    def _home_page(self) -> HomePage:
        # Wagtail's "Welcome to your new Wagtail site!" placeholder makes way for ours
        # (deleting it also deletes the site that points at it; rebuilt below).
        Page.objects.filter(depth=2, content_type__model="page").delete()
        default_locale = Locale.get_default()
        home = HomePage.objects.filter(depth=2, locale=default_locale).first()
        if home is None:
            title, intro = content.HOME[settings.LANGUAGE_CODE]
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root", locale=default_locale)
            )
            home = HomePageFactory(
                parent=root,
                title=title,
                intro=intro,
                slug="home",
                locale=default_locale,
            )
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        site.root_page = home
        site.site_name = content.LANDLORD["name"]
        site.save()
        return home

    def _standard_pages(self, home: HomePage) -> dict[str, StandardPage]:
        pages = {}
        for slug, titles in content.STANDARD_PAGES.items():
            page = StandardPage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                title, intro = titles[settings.LANGUAGE_CODE]
                page = StandardPageFactory(
                    parent=home,
                    slug=slug,
                    title=title,
                    intro=intro,
                    show_in_menus=slug == "about-us",
                    body=[("paragraph", f"<p>{content.BODIES[slug]}</p>")],
                )
            pages[slug] = page
        return pages

    def _page_permissions(self, home):
        """Wagtail's own migrations let Editors write pages and Moderators publish
        them; a flushed test database has lost those rows, so restore them."""
        actions = {
            EDITORS: ["add_page", "change_page", "lock_page"],
            MODERATORS: ["add_page", "change_page", "publish_page", "lock_page"],
        }
        root = home.get_parent()
        for group_name, codenames in actions.items():
            group = Group.objects.get(name=group_name)
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )

    def _landlord_settings(self, home, pages):
        landlord = LandlordSettings.for_site(home.get_site())
        for field, value in content.LANDLORD.items():
            setattr(landlord, field, value)
        landlord.accessibility_page = pages["accessibility-statement"]
        landlord.privacy_page = pages["privacy-notice"]
        landlord.save()

    def _translations(self, home, pages, locales):
        """Copy the home and standard pages into every other language and publish
        them with their translated titles (body text stays for translators)."""
        for code, locale in locales.items():
            if code == settings.LANGUAGE_CODE:
                continue
            home_title, home_intro = content.HOME[code]
            self._translate(home, locale, home_title, home_intro)
            for slug, page in pages.items():
                title, intro = content.STANDARD_PAGES[slug][code]
                self._translate(page, locale, title, intro)

    def _translate(self, page, locale, title, intro):
        translated = page.get_translation_or_none(locale)
        if translated is None:
            translated = page.copy_for_translation(locale, copy_parents=True)
        translated = translated.specific
        translated.title = title
        translated.intro = intro
        translated.save_revision().publish()

    def _property_register(self):
        """About 2,000 homes on three estates (re-import updates by UPRN)."""
        record = property_register_import(text=demo_register_csv(), filename="demo.csv")
        self.stdout.write(f"Property register: {record.rows} homes.")

    def _resident_profiles(self):
        """The chair's home is verified; the resident's claim waits in the queue."""
        officer = User.objects.get(email="officer@example.org")
        for email, uprn, verify in content.DEMO_HOMES:
            user = User.objects.get(email=email)
            if ResidentProfile.objects.filter(user=user).exists():
                continue
            profile = resident_home_claim(
                user=user,
                home=Property.objects.get(uprn=uprn),
                tenancy_reference=f"T{uprn[-6:]}",
            )
            if verify:
                resident_profile_decide(profile=profile, officer=officer, verified=True)

    def _users(self):
        for email, first, last, roles, superuser in content.DEMO_USERS:
            user = UserFactory(
                email=email,
                first_name=first,
                last_name=last,
                roles=roles,
                is_superuser=superuser,
                is_staff=superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
