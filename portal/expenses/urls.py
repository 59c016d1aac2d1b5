from django.urls import path

from . import views

app_name = "expenses"

urlpatterns = [
    path("", views.my_claims, name="mine"),
    path("new/", views.claim_new, name="new"),
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/withdraw/", views.claim_withdraw, name="withdraw"),
    path(
        "<int:pk>/lines/<int:line_pk>/remove/",
        views.line_remove,
        name="line_remove",
    ),
    path("pre-approvals/", views.my_pre_approvals, name="pre_approvals"),
    path("pre-approvals/new/", views.pre_approval_new, name="pre_approval_new"),
    path(
        "pre-approvals/<int:pk>/withdraw/",
        views.pre_approval_withdraw,
        name="pre_approval_withdraw",
    ),
]
