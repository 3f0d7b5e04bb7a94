from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("canteens/", views.CanteenListView.as_view(), name="canteens"),
    path("canteens/<int:pk>/", views.CanteenDetailView.as_view(), name="canteen"),
]
