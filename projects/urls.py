from django.urls import path

from .views import gas

app_name = "projects"
urlpatterns: list = [
    path("gas/", gas.GasCampaignListView.as_view(), name="gas_campaigns"),
    path("gas/<int:pk>/", gas.GasBoardView.as_view(), name="gas_board"),
]
