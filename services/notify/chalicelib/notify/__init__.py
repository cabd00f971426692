"""Notification service: e-mail, SMS, webhooks and the message centre for customer events."""
