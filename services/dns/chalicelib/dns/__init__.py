"""DNS service: a Route 53 hosted zone per registered domain and its records."""
