from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from portal.core.permissions import StaffPageMixin

from .forms import PropertyImportForm
from .services import PropertyImportError, decode_upload, property_register_import


class PropertyImportView(StaffPageMixin, FormView):
    """Upload the register; every bad row is listed by line number and reason."""

    required_permission = "housing.add_property"
    form_class = PropertyImportForm
    template_name = "housing/property_import.html"
    page_title = gettext_lazy("Import properties")
    header_icon = "upload"

    def form_valid(self, form):
        upload = form.cleaned_data["csv_file"]
        try:
            record = property_register_import(
                text=decode_upload(upload.read()),
                actor=self.request.user,
                filename=upload.name,
            )
        except PropertyImportError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        messages.success(
            self.request,
            _("Imported %(rows)s rows: %(created)s new, %(updated)s updated.")
            % {
                "rows": record.rows,
                "created": record.created,
                "updated": record.updated,
            },
        )
        return redirect("properties:index")
