"""Real-name service: registrant templates, e-mail verification, document uploads and verification."""
