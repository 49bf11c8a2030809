"""Reading and checking records: the strict YAML loader, the schema, problems, the dataset loader
and its publisher (dataset.yaml), the git history of the folder, and the files written from the
schema (JSON Schema, new records, new datasets)."""
