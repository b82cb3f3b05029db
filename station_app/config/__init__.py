"""Station config and settings: schema, validation, loading, atomic saving."""
