from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("<int:page_id>/reply/", views.rsvp, name="rsvp"),
    path("<int:page_id>/attendees/", views.attendees, name="attendees"),
    path("<int:page_id>/feedback/", views.feedback, name="feedback"),
    path("bodies/<int:body_id>/follow/", views.follow, name="follow"),
]
