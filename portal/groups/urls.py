from django.urls import path

from . import views
from .hooks import registered_urls

app_name = "groups"

urlpatterns = [
    path("", views.my_groups, name="mine"),
    path("<int:pk>/", views.group_overview, name="overview"),
    path("<int:pk>/apply/", views.group_apply, name="apply"),
    path("<int:pk>/officers/", views.group_officers, name="officers"),
    path(
        "<int:pk>/officers/<int:officer_pk>/", views.officer_edit, name="officer_edit"
    ),
    path("<int:pk>/documents/", views.group_documents, name="documents"),
    path("<int:pk>/activity/", views.group_activity, name="activity"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    # Sign-up evidence's pages (`portal.evidence` registers them).
    *registered_urls(),
]
