from django.urls import path

from . import views

# Mounted in config/urls.py together with portal.accounts.urls, both in the
# "portal" namespace (so portal.core never imports the accounts app).
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("involvement/", views.involvement, name="involvement"),
    path("involvement/download/", views.involvement_csv, name="involvement_csv"),
    path("files/<uuid:pk>/", views.private_file, name="private_file"),
]
