"""RSS and Atom feeds of magazine issues (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_ISSUES = 20


class IssuesRssFeed(Feed):
    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index.title

    def link(self):
        return self.index.get_url(self.request)

    def description(self):
        return self.index.intro

    def items(self):
        return self.index.issues()[:FEED_ISSUES]

    def item_title(self, issue):
        season = issue.get_season_display()
        return f"{issue.title} ({season} {issue.publication_date.year})"

    def item_description(self, issue):
        return issue.intro

    def item_link(self, issue):
        return self.request.build_absolute_uri(issue.get_url(self.request))

    def item_pubdate(self, issue):
        return timezone.make_aware(
            datetime.datetime.combine(issue.publication_date, datetime.time(9))
        )


class IssuesAtomFeed(IssuesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.index.intro
