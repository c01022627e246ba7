import pytest


@pytest.fixture
def otp_required(settings):
    """The second factor enforced, as in production (settings.OTP_REQUIRED defaults to PRODUCTION)."""
    settings.OTP_REQUIRED = True
    return settings
