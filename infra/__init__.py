"""Infrastructure built from registrar_shared.resources: local bootstrap and CloudFormation."""
