"""The one NinjaAPI of lawtrail: authentication, the error format, and each app's endpoints.

Endpoints live in their apps (`incidents/api.py`, `cases/api.py`); this module only composes them.
Swagger UI is served from ninja's bundled static files ("ninja" is in INSTALLED_APPS): police networks have
no internet access, so the docs page must not load anything from another host.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from .auth import BearerToken, OfficerSession
from .errors import install_error_handlers
from .renderers import LawtrailJSONRenderer

DESCRIPTION = """\
执法全流程监督平台的 REST 接口：警情、案件、当事人、事件（追加）与案由目录。

**认证**：其他系统使用 API 令牌，请求头 `Authorization: Bearer <token>`（令牌由管理员以
`lawtrail api_token create <警号> --name <用途>` 创建，只显示一次）；已登录的民警也可直接在本页调用
（写操作自动携带 CSRF 令牌）。令牌的权限范围与其所属民警相同。

**范围**：与页面相同。不在您查看范围内的记录与不存在的记录一样，返回 404。

**错误**：统一为 `{"code", "message", "field"}`。`code` 稳定，供程序判断；`message` 为中文说明；
`field` 指出有问题的字段（如 `payload.id_number`）。404 不存在或不在范围内；409 状态不允许该操作
（`transition_not_allowed`）；422 数据无效。

**时间**：ISO 8601，必须带时区；返回的时间一律为北京时间（`+08:00`）。

---

REST API of lawtrail: incidents, cases, parties, events (append only) and the offence catalogue.
Authenticate with `Authorization: Bearer <token>` (tokens act with their officer's scope) or with a login
session (writes then need the CSRF token, which this page sends). Times are ISO 8601 with an offset;
answers give them in Asia/Shanghai (+08:00). Records outside your scope answer 404,
exactly like records that do not exist. Every change is an event: writes append events through the same
path as the pages, so the state machines and payload rules are the same.
"""

api = NinjaAPI(
    title="lawtrail API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[BearerToken(), OfficerSession()],
    docs=Swagger(settings={"validatorUrl": None}),  # no badge fetched from validator.swagger.io
    renderer=LawtrailJSONRenderer(),
)
install_error_handlers(api)

api.add_router("/incidents", "lawtrail.incidents.api.router")
api.add_router("/cases", "lawtrail.cases.api.router")
api.add_router("/offences", "lawtrail.cases.api.offences_router")
api.add_router("/measures", "lawtrail.measures.api.router")
api.add_router("/interviews", "lawtrail.measures.api.interviews_router")
api.add_router("/inspections", "lawtrail.inspections.api.router")
api.add_router("/notifications", "lawtrail.notifications.api.router")
api.add_router("/documents", "lawtrail.documents.api.router")
api.add_router("/property", "lawtrail.property.api.router")
api.add_router("/center", "lawtrail.center.api.router")
api.add_router("/approvals", "lawtrail.approvals.api.router")
api.add_router("/audit", "lawtrail.audit.api.router")
api.add_router("/supervision", "lawtrail.supervision.api.router")
