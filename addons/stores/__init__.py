"""Where conversations are kept (tracker store, with masking) and locked (Redis lock store), named in endpoints.yml."""
