"""Press release → knowledge file: `enquiry-bot import`.

reader (refuse bad input, drop page furniture) → extract (rule-based: operation, forces,
dates, figures with scope and qualifier, people) → write (YAML with `# unsure:` comments).
"""

from bot.importer.extract import Extraction, extract
from bot.importer.reader import ReleaseError, read_release
from bot.importer.vocabulary import Vocabulary, load_vocabulary

__all__ = ["Extraction", "ReleaseError", "Vocabulary", "extract", "load_vocabulary",
           "read_release"]
