from django.urls import path

from . import views

app_name = "estate_inspections"

urlpatterns = [
    path("", views.estates, name="estates"),
    path("<int:estate_id>/", views.estate_results, name="results"),
]
