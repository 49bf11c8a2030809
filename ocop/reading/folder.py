"""What lies in a products folder: which names are records, which are the dataset's other files.

Its own module because both the loader (``dataset``) and the history reader (``history``) need
these names, and the loader uses the history reader: keeping them here keeps imports one way.
"""

import re

UNITS_FILE_NAME = "units.yaml"
DATASET_FILE_NAME = "dataset.yaml"
MEDIA_DIR_NAME = "media"
# The dataset's own pages and news (Markdown, as in the repository's content/), built with the
# generic pages: see README, "A dataset of your own".
CONTENT_DIR_NAME = "content"
RECORD_NAME = re.compile(r"^(?P<id>.+)\.(?P<ext>yaml|yml|YAML|YML)$")
# Files that may sit beside the records without being records.
KNOWN_OTHER_FILES = {UNITS_FILE_NAME, DATASET_FILE_NAME, "schema.json", "README.md", "LICENSE"}
# Folders that may sit beside the records; any other folder is reported (SP009).
KNOWN_DIRS = {MEDIA_DIR_NAME, CONTENT_DIR_NAME}
