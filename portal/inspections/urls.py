from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.index, name="index"),
    path("estates/<int:estate_id>/sign-up/", views.sign_up, name="sign_up"),
    path("estates/<int:estate_id>/start/", views.start, name="start"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/areas/<int:score_id>/", views.step, name="step"),
]
