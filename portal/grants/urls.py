from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.schemes, name="schemes"),
    path("schemes/<int:scheme_id>/apply/", views.start, name="start"),
    path("applications/<int:pk>/", views.application, name="application"),
    path(
        "applications/<int:pk>/questions/<slug:step>/",
        views.application_question,
        name="question",
    ),
    path("panel/", views.panel, name="panel"),
    path("panel/<int:pk>/", views.panel_application, name="panel_application"),
]
