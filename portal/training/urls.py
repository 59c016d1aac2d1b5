from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:session_id>/sign-up/", views.sign_up, name="sign_up"),
    path("sessions/<int:session_id>/wait/", views.join_waiting_list, name="wait"),
    path("places/<int:sign_up_id>/cancel/", views.cancel, name="cancel"),
    # An advocate acting for the person they help.
    path("for/<int:resident_id>/", views.index, name="index_for"),
    path(
        "for/<int:resident_id>/sessions/<int:session_id>/sign-up/",
        views.sign_up,
        name="sign_up_for",
    ),
    path(
        "for/<int:resident_id>/sessions/<int:session_id>/wait/",
        views.join_waiting_list,
        name="wait_for",
    ),
    path(
        "for/<int:resident_id>/places/<int:sign_up_id>/cancel/",
        views.cancel,
        name="cancel_for",
    ),
    path("certificates/<int:course_id>/", views.certificate, name="certificate"),
    path("skills-audit/", views.skills_audit, name="skills_audit"),
]
