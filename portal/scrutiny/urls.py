from django.urls import path

from . import views

app_name = "scrutiny"

urlpatterns = [
    path("", views.reviews, name="reviews"),
    path("<int:pk>/", views.review, name="review"),
]
