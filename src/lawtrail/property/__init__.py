"""Case property (涉案财物): items, seizure, custody transfers, storage, disposal."""
