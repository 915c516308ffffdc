"""lawtrail — 执法全流程监督平台."""
