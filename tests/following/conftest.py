import pytest


@pytest.fixture(autouse=True)
def plain_http(settings):
    # With DATABASE_URL set the settings leave embedded mode and redirect http to https; these
    # tests talk plain http to the test client. (The root conftest may take this over.)
    settings.SECURE_SSL_REDIRECT = False
