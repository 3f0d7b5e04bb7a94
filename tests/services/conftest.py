import pytest
from rest_framework.authtoken.models import Token


@pytest.fixture
def official_api(api_client, street_official):
    """The street official (龙山街道) signed in with a real API token."""
    token = Token.objects.create(user=street_official)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


@pytest.fixture
def official_client(client, street_official):
    """The street official signed in to the admin."""
    client.force_login(street_official)
    return client
