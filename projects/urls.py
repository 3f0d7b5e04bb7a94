from django.urls import path

from .views import gas, renovation

app_name = "projects"
urlpatterns: list = [
    path("renovation/", renovation.ProjectListView.as_view(), name="renovation"),
    path("renovation/areas/<str:code>/", renovation.AreaProjectListView.as_view(), name="renovation-area"),
    path("renovation/<int:pk>/", renovation.ProjectDetailView.as_view(), name="renovation-project"),
    path("gas/", gas.GasCampaignListView.as_view(), name="gas_campaigns"),
    path("gas/<int:pk>/", gas.GasBoardView.as_view(), name="gas_board"),
]
