from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("bank-details/", views.my_bank_details, name="bank_details"),
    path(
        "groups/<int:pk>/bank-details/",
        views.group_bank_details,
        name="group_bank_details",
    ),
]
