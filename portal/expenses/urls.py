from django.urls import path

from . import views

app_name = "expenses"

urlpatterns = [
    path("", views.my_claims, name="mine"),
    path("new/", views.claim_new, name="new"),
    path("<int:pk>/", views.claim_detail, name="detail"),
]
