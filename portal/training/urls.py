from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:session_id>/sign-up/", views.sign_up, name="sign_up"),
    path("places/<int:sign_up_id>/cancel/", views.cancel, name="cancel"),
    path("certificates/<int:course_id>/", views.certificate, name="certificate"),
    path("skills-audit/", views.skills_audit, name="skills_audit"),
]
