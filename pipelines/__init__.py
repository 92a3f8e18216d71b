"""Item pipelines, one concern each: clean the body, normalise the date, validate, store."""
