from django.db import models


class SecurityEventKind(models.TextChoices):
    """What the security log records (等保 2.0 GB/T 22239-2019 8.1.4.3 安全审计 a): 重要的用户行为和重要安全事件)."""

    LOGIN_SUCCEEDED = "login_succeeded", "登录成功"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOCKOUT = "lockout", "账号锁定"
    LOGOUT = "logout", "退出登录"
    SESSION_EXPIRED = "session_expired", "会话超时"
    OTP_ENROLLED = "otp_enrolled", "绑定双因素认证"
    OTP_VERIFIED = "otp_verified", "双因素认证通过"
    OTP_FAILED = "otp_failed", "双因素认证失败"
    OTP_RESET = "otp_reset", "重置双因素认证"
    PASSWORD_CHANGED = "password_changed", "修改密码"
    TOKEN_ISSUED = "token_issued", "签发接口令牌"
    TOKEN_REVOKED = "token_revoked", "吊销接口令牌"
    TOKEN_EXPIRED = "token_expired", "接口令牌过期"
    PERMISSION_CHANGED = "permission_changed", "账号权限变更"
    ROLE_CHANGED = "role_changed", "人员角色变更"
    ADMIN_EDIT = "admin_edit", "管理后台修改"
    PERSONAL_DATA_VIEWED = "personal_data_viewed", "查看个人信息"
    LOG_EXPORTED = "log_exported", "导出安全审计日志"
    # 等保 2.0 8.1.4.3 c) and 8.1.4.11 (数据备份恢复): checks of the record, backups and restores are security events.
    AUDIT_VERIFIED = "audit_verified", "审计记录校验"
    BACKUP_TAKEN = "backup_taken", "数据备份"
    BACKUP_RESTORED = "backup_restored", "数据恢复"
