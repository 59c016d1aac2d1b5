from django.urls import path

from portal.accounts import views as account_views

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("home/", account_views.home_claim, name="home_claim"),
]
