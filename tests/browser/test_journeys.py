"""Each demo person's journeys in a real browser, reached by clicking only (issue 16).

Every walk starts at `/`, signs in through the real form and then only clicks:
no address is typed after signing in, so a journey nobody links to fails here.
axe reads every page reached (best-practice rules too on public and portal pages;
WCAG 2.2 A/AA in the back office, whose layout is Wagtail's). Where it is cheap,
one journey per person is finished end to end.
"""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations, fill_date, wcag_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Walk:
    """A person moving through the site by clicking. Every page reached is read
    by axe; `found` maps each step to what axe found there."""

    def __init__(self, page, base_url, axe: bool = True):
        self.page = page
        self.base_url = base_url
        self.axe = axe
        self.found = {}
        self.read = set()

    def arrived(self, step: str, again: bool = False):
        """axe reads each address once a walk (coming back to the dashboard
        between journeys shows a page already read), and every answer to a form."""
        address = urlsplit(self.page.url)
        path = address.path + (f"?{address.query}" if address.query else "")
        if not self.axe or (path in self.read and not again):
            return
        self.read.add(path)
        check = (
            wcag_violations if address.path.startswith("/admin/") else axe_violations
        )
        self.found[f"{step} ({path})"] = check(self.page)

    def click(self, step: str, target, again: bool = False):
        """Click a link or button that loads a page, then check the page."""
        with self.page.expect_navigation():
            target.click()
        self.arrived(step, again)

    def submit(self, step: str, button: str):
        """Send the form on the page; what comes back is always read."""
        self.click(step, self.page.get_by_role("button", name=button), again=True)

    def link(self, step: str, name: str, within=None, exact=False):
        scope = within if within is not None else self.page.locator("main")
        self.click(step, scope.get_by_role("link", name=name, exact=exact).first)

    def menu(self, step: str, name: str):
        """A section of the portal menu."""
        menu = self.page.get_by_role("navigation", name="Your account sections")
        self.link(step, name, within=menu, exact=True)

    def account_menu(self):
        """The header's "My account" or "Sign in" (not the portal's menu)."""
        return self.page.get_by_role("navigation", name="Your account", exact=True)

    def home(self):
        """Back to the dashboard by the header's "My account" link."""
        self.link("dashboard", "My account", within=self.account_menu())

    def sign_in(self, email: str):
        self.page.goto(self.base_url + "/")
        self.arrived("front page")
        self.link("sign in", "Sign in", within=self.account_menu())
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill("Involve-demo-2026")
        self.click("dashboard", self.page.get_by_role("button", name="Sign in"))
        expect(self.page.get_by_role("heading", name="My account")).to_be_visible()

    def heading(self, name: str):
        expect(self.page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def card(page, key):
    """A dashboard card, by its id."""
    return page.locator(f"#{key}")


def answer_a_consultation(walk: Walk, title: str, send: bool):
    walk.link("consultation", title, within=card(walk.page, "my-consultations"))
    walk.heading(title)
    walk.link("answer form", "Answer the questions")
    if send:
        walk.page.get_by_label("Unhappy", exact=True).check()
        walk.submit("answers sent", "Send my answers")
        walk.heading("Thank you: we have your answers")


def first_upcoming_meeting():
    from cms.meetings.models import MeetingPage

    return (
        MeetingPage.objects.live()
        .filter(start__gt=timezone.now(), status="scheduled", body__isnull=False)
        .order_by("start")
        .first()
    )


def reply_from_the_calendar(walk: Walk, send: bool):
    """The calendar lists what is coming up; the meeting's page offers the reply."""
    meeting = first_upcoming_meeting()
    walk.link("calendar", "All meetings", within=card(walk.page, "my-meetings"))
    walk.link("meeting", meeting.title)
    walk.link("reply form", "Reply", exact=True)
    if send:
        walk.page.get_by_label("I will come").check()
        walk.submit("reply sent", "Send my reply")
        expect(walk.page.get_by_text("Place confirmed").first).to_be_visible()


def resident(walk: Walk):
    """Not yet verified: answers the open survey for everyone, replies to a meeting,
    and finds expenses, grants and bank details."""
    answer_a_consultation(walk, "What do you think of Riverside News?", send=True)
    walk.home()
    reply_from_the_calendar(walk, send=True)
    walk.home()
    walk.link("claim expenses", "Claim expenses")
    walk.heading("Claim expenses")
    walk.menu("grants", "Grants")
    expect(walk.page.get_by_text("You cannot apply yet").first).to_be_visible()
    walk.menu("bank details", "Bank details")
    walk.menu("ask before you spend", "Ask before you spend")


def start_a_claim_for_a_meeting(walk: Walk, email: str):
    from cms.meetings.models import MeetingPage

    meeting = (
        MeetingPage.objects.filter(
            attendance__person__email=email, attendance__status="attended"
        )
        .order_by("-start")
        .first()
    )
    walk.link("claim expenses", "Claim expenses")
    page = walk.page
    page.get_by_label("Which meeting?").select_option(str(meeting.pk))
    page.get_by_label("Meeting", exact=True).check()
    page.get_by_label("Describe it in a few words").fill(meeting.title)
    fill_date(page, timezone.localtime(meeting.start).date())
    walk.submit("claim started", "Start the claim")
    expect(page.get_by_role("group", name="What did it cost you?")).to_be_visible()


def run_the_group(walk: Walk):
    walk.link("group", "Anchor House Tenants’ and Residents’ Association")
    walk.link("group officers", "Officers", exact=True)
    walk.link("group documents", "Documents", exact=True)


def chair(walk: Walk):
    """Runs the group, changes a meeting reply, answers a consultation, sees the
    grants open to the group and starts an expense claim."""
    walk.link("my groups", "Groups where you live", within=card(walk.page, "my-groups"))
    run_the_group(walk)
    walk.home()
    walk.link("meeting reply", "Change your reply")
    walk.home()
    answer_a_consultation(walk, "Estate cleaning: what should change?", send=False)
    walk.home()
    walk.link("grants", "Apply for a grant")
    expect(
        walk.page.get_by_role("button", name="Start an application").first
    ).to_be_visible()
    walk.home()
    start_a_claim_for_a_meeting(walk, "chair@example.org")
    walk.menu("expenses", "Expenses")


def treasurer(walk: Walk):
    """An officer of the same group: its pages, the group's grants and money."""
    walk.menu("my groups", "Groups")
    run_the_group(walk)
    walk.menu("grants", "Grants")
    walk.menu("expenses", "Expenses")
    walk.menu("bank details", "Bank details")


def neighbour(walk: Walk):
    """A verified resident who supports the TRA online."""
    walk.link("support a group", "Sign up to support a group")
    expect(walk.page.get_by_text("You support this group")).to_be_visible()
    walk.home()
    answer_a_consultation(walk, "Estate cleaning: what should change?", send=True)
    walk.home()
    reply_from_the_calendar(walk, send=False)
    walk.home()
    walk.link("grants", "Apply for a grant")
    walk.home()
    walk.link("claim expenses", "Claim expenses")


def panel_member(walk: Walk):
    """Scores the Anchor House bid (a conflict is declared on the other)."""
    from portal.grants.models import PanelReview

    walk.link("panel", "Your panel work")
    walk.link("bid", "Anchor House Tenants’ and Residents’ Association")
    page = walk.page
    for criterion in page.locator("fieldset").all():
        criterion.get_by_label("4 – good").check()
    page.get_by_label("Comment").fill("A clear plan with quotes")
    walk.submit("scores saved", "Save my scores")
    expect(page.get_by_text("Your scores are saved.").first).to_be_visible()
    review = PanelReview.objects.get(
        member__email="panel@example.org", application__group__name__startswith="Anchor"
    )
    assert [row["score"] for row in review.scores] == [4, 4, 4, 4]
    walk.menu("panel again", "Grant panel")


def back_office(walk: Walk):
    walk.link("staff home", "Go to the back office")
    expect(walk.page.locator("[data-work-panel]").first).to_be_visible()


def open_queue(walk: Walk, step: str, line: str):
    """A staff-home line opens its queue; the queue's first row its screen."""
    walk.link(step, line, within=walk.page.locator("[data-work-panel]"), exact=True)
    row = walk.page.locator("table tbody tr").first
    walk.click(step + ": first", row.get_by_role("link").first)


def staff_home(walk: Walk):
    """Back to the staff home by Wagtail's sidebar logo (named "Dashboard")."""
    walk.link("staff home", "Dashboard", within=walk.page, exact=True)


def officer(walk: Walk):
    """Checks homes and decides the chair's request to buy a laptop bag."""
    from portal.expenses.models import PreApproval

    back_office(walk)
    open_queue(walk, "homes to check", "Homes to check")
    staff_home(walk)
    open_queue(walk, "pre-approvals", "Requests to decide")
    page = walk.page
    page.get_by_label("Approve: they may spend up to the estimate").check()
    walk.submit("decided", "Record the decision")
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    bag = PreApproval.objects.get(description="A laptop bag")
    assert (bag.claimant.email, bag.status) == ("chair@example.org", "approved")


def finance(walk: Walk):
    back_office(walk)
    open_queue(walk, "bank details", "Bank details to check")
    staff_home(walk)
    walk.link(
        "payments",
        "Payments due",
        within=walk.page.locator("[data-work-panel]"),
        exact=True,
    )


def editor(walk: Walk):
    """Nothing waits in "Other formats"; the magazine article in the Readers
    Panel's workflow opens from the staff home."""
    back_office(walk)
    walk.link("other formats", "To send", within=walk.page.locator("[data-work-panel]"))
    staff_home(walk)
    walk.link("page in a workflow", "New bins: what changes in January")


JOURNEYS = {
    "resident@example.org": resident,
    "chair@example.org": chair,
    "treasurer@example.org": treasurer,
    "neighbour@example.org": neighbour,
    "panel@example.org": panel_member,
    "officer@example.org": officer,
    "finance@example.org": finance,
    "editor@example.org": editor,
}


@pytest.mark.parametrize("email", JOURNEYS)
def test_each_person_reaches_their_journeys_by_clicking(demo_site, page, email):
    page.set_viewport_size({"width": 1280, "height": 900})
    walk = Walk(page, demo_site)
    walk.sign_in(email)
    JOURNEYS[email](walk)
    assert walk.found == {step: [] for step in walk.found}


def test_a_resident_on_a_phone_reaches_each_portal_section_by_its_menu(demo_site, page):
    """At 390 px the portal menu still takes a resident to every section by a
    tap, and "My account" in the header brings them back (axe at 390 px is
    tests/browser/axe_every_page.py's work, so it is not run again here)."""
    page.set_viewport_size({"width": 390, "height": 844})
    walk = Walk(page, demo_site, axe=False)
    walk.sign_in("resident@example.org")
    reached = {}
    for section in ["Meetings", "Groups", "Grants", "Expenses", "Bank details"]:
        walk.menu(section, section)
        reached[section] = urlsplit(page.url).path
        walk.home()
    walk.menu("Grants", "Grants")
    walk.menu("My account", "My account")
    reached["My account"] = urlsplit(page.url).path
    assert reached == {
        "Meetings": "/meetings/",
        "Groups": "/portal/groups/",
        "Grants": "/portal/grants/",
        "Expenses": "/portal/expenses/",
        "Bank details": "/portal/bank-details/",
        "My account": "/portal/",
    }
