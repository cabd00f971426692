"""Search service: name rules, availability, suggestions and the suffix catalogue."""
