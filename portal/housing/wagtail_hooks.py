from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from portal.core.viewsets import ListingQuerysetViewSet

from .models import Area, Estate, Property, PropertyImport, Street
from .selectors import estates_with_household_counts
from .services import UPDATED_FIELDS
from .views import PropertyImportView


class PropertyViewSet(ListingQuerysetViewSet):
    model = Property
    icon = "home"
    menu_label = _("Properties")
    list_display = ["address_line_1", "postcode", "uprn", "tenure", "estate", "street"]
    list_filter = ["tenure", "estate", "estate__area"]
    search_fields = ["uprn", "address_line_1", "address_line_2", "postcode"]
    list_export = ["uprn", *UPDATED_FIELDS]
    export_filename = "property-register"
    form_fields = ["uprn", *UPDATED_FIELDS]
    copy_view_enabled = False
    inspect_view_enabled = True

    def listing_queryset(self):
        return Property.objects.select_related("estate", "street")


class EstateViewSet(ListingQuerysetViewSet):
    model = Estate
    icon = "site"
    menu_label = _("Estates")
    list_filter = ["area"]
    search_fields = ["name"]
    form_fields = ["area", "name"]
    copy_view_enabled = False

    @property
    def list_display(self):
        # The counts are annotations, not fields: Wagtail cannot find their labels.
        return [
            "name",
            "area",
            Column("households", label=_("Households"), sort_key="households"),
            Column(
                "landlord_customers",
                label=_("Landlord customers"),
                sort_key="landlord_customers",
            ),
        ]

    def listing_queryset(self):
        return estates_with_household_counts()


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "globe"
    menu_label = _("Areas")
    list_display = ["name"]
    form_fields = ["name"]
    copy_view_enabled = False


class StreetViewSet(ListingQuerysetViewSet):
    model = Street
    icon = "list-ul"
    menu_label = _("Blocks and streets")
    list_display = ["name", "kind", "estate"]
    list_filter = ["kind", "estate"]
    search_fields = ["name"]
    form_fields = ["estate", "name", "kind"]
    copy_view_enabled = False

    def listing_queryset(self):
        return Street.objects.select_related("estate")


class PropertyImportHistoryViewSet(ListingQuerysetViewSet):
    model = PropertyImport
    icon = "history"
    menu_label = _("Import history")
    list_display = [
        "created_at",
        "filename",
        "rows",
        "created",
        "updated",
        "imported_by",
    ]
    form_fields = []
    copy_view_enabled = False

    def listing_queryset(self):
        return PropertyImport.objects.select_related("imported_by")


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("housing.add_property")


class PropertyImportViewSet(ViewSet):
    """The CSV upload screen, listed in the register's menu."""

    icon = "upload"
    menu_label = _("Import properties")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", PropertyImportView.as_view(), name="upload")]


class PropertyRegisterGroup(ModelViewSetGroup):
    menu_label = _("Property register")
    menu_icon = "home"
    menu_order = 255  # beside Residents
    items = (
        PropertyViewSet("properties"),
        EstateViewSet("estates"),
        StreetViewSet("streets"),
        AreaViewSet("areas"),
        PropertyImportViewSet("property_import"),
        PropertyImportHistoryViewSet("property_imports"),
    )


@hooks.register("register_admin_viewset")
def register_property_register():
    return PropertyRegisterGroup()


@hooks.register("register_audit_actions")
def audit_actions():
    return {"property_register.imported": _("Property register imported")}
