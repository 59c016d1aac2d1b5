from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet


class QueueIndexView(IndexView):
    """A queue's listing that still opens a link made with a filter's old name
    (a bookmark, a saved report link): it goes to the same listing with the
    filter's new name, so the person sees the rows they expect."""

    renamed_filters: dict[str, str] = {}

    def get(self, request, *args, **kwargs):
        old = [name for name in request.GET if name in self.renamed_filters]
        if not old:
            return super().get(request, *args, **kwargs)
        query = request.GET.copy()
        for name in old:
            query.setlist(self.renamed_filters[name], query.pop(name))
        return redirect(f"{request.path}?{query.urlencode()}")


class ListingQuerysetViewSet(ModelViewSet):
    """A ModelViewSet whose listing uses `listing_queryset()`, so related rows are
    joined (select_related, annotations) and the query count stays flat."""

    def listing_queryset(self):
        return self.model._default_manager.all()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=self.listing_queryset(), **kwargs)


class WorkQueueViewSet(ListingQuerysetViewSet):
    """A back-office queue of things people sent (applications, claims, requests).

    Staff never add or copy them by hand: each row's title opens the screen where
    the work is done, `work_view` at `<pk>/<work_name>/`.
    """

    form_fields = []
    copy_view_enabled = False
    work_name = "decide"
    work_view = None
    index_view_class = QueueIndexView
    # A filter's old query-string name → its new one (see QueueIndexView).
    renamed_filters: dict[str, str] = {}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            renamed_filters=self.renamed_filters, **kwargs
        )

    def work_column(self, field, label):
        return TitleColumn(
            field,
            label=label,
            get_url=lambda row: reverse(
                self.get_url_name(self.work_name), args=[row.pk]
            ),
        )

    def queue_kwargs(self) -> dict:
        """The way back to this queue, for the work screen's breadcrumbs."""
        if not hasattr(self.work_view, "queue_url_name"):
            return {}
        return {
            "queue_url_name": self.get_url_name("index"),
            "queue_label": self.menu_label,
        }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"<int:pk>/{self.work_name}/",
                self.work_view.as_view(**self.queue_kwargs()),
                name=self.work_name,
            ),
        ]
