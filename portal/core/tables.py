"""The one table style for residents' and visitors' lists (django-tables2).

`PortalTable` adds an accessible caption, sort links that say which way a column
is sorted (`aria-sort`), our pagination, and a `data-label` on every cell so
narrow screens show each row as a stacked block (see `.table--stacked` in the
stylesheet): nothing is cut off at 390 px.
"""

import django_tables2 as tables


class PortalTable(tables.Table):
    caption = ""

    def __init__(self, *args, caption: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if caption is not None:
            self.caption = caption

    class Meta:
        template_name = "tables/portal_table.html"
        attrs = {"class": "table table--stacked"}
        per_page = 20
