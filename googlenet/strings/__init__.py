"""String tables, one module per topic; each defines EN and ZH dicts with identical keys."""
