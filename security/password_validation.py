"""Password rules beyond Django's (AUTH_PASSWORD_VALIDATORS).

等保 2.0 (GB/T 22239-2019) 8.1.4.1 身份鉴别 a): 身份标识具有唯一性，身份鉴别信息具有复杂度要求并定期更换.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from officers.demo import DEMO_PASSWORD


class NotDemoPasswordValidator:
    """Refuses the demo accounts' published password (README) and its trivial variants."""

    def validate(self, password: str, user=None) -> None:
        if password.strip().lower() == DEMO_PASSWORD.lower():
            raise ValidationError("不能使用公开的演示密码。", code="password_is_demo")

    def get_help_text(self) -> str:
        return "不能使用公开的演示密码。"


class CharacterClassesValidator:
    """At least three of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(
                f"密码须至少包含小写字母、大写字母、数字、其他符号中的 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须至少包含小写字母、大写字母、数字、其他符号中的 {self.min_classes} 类。"
