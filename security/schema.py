"""The OpenAPI description of ``ApiTokenAuthentication`` (drf-spectacular): ``Authorization: Token <token>``."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "security.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <令牌>`，由 POST /api/v1/auth/token/ 签发；闲置 API_TOKEN_IDLE_HOURS 小时后过期。",
        }
