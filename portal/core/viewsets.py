from wagtail.admin.viewsets.model import ModelViewSet


class ListingQuerysetViewSet(ModelViewSet):
    """A ModelViewSet whose listing uses `listing_queryset()`, so related rows are
    joined (select_related, annotations) and the query count stays flat."""

    def listing_queryset(self):
        return self.model._default_manager.all()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=self.listing_queryset(), **kwargs)
