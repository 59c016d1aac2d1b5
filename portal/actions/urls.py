from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/follow/", views.follow_action, name="follow"),
    path("estates/<int:estate_id>/follow/", views.follow_estate, name="follow_estate"),
]
