"""Real-name service: registrant templates, e-mail verification, document verification."""
