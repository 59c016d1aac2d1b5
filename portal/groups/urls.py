from django.urls import path

from portal.evidence import views as evidence_views

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.my_groups, name="mine"),
    path("<int:pk>/", views.group_overview, name="overview"),
    path("<int:pk>/apply/", views.group_apply, name="apply"),
    path("<int:pk>/support/", views.group_support, name="support"),
    path("<int:pk>/officers/", views.group_officers, name="officers"),
    path(
        "<int:pk>/officers/<int:officer_pk>/", views.officer_edit, name="officer_edit"
    ),
    path("<int:pk>/documents/", views.group_documents, name="documents"),
    path("<int:pk>/activity/", views.group_activity, name="activity"),
    path("<int:pk>/evidence/", evidence_views.group_evidence, name="evidence"),
    path(
        "<int:pk>/evidence/sheets/<int:sheet_pk>/",
        evidence_views.paper_sheet,
        name="sheet",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
