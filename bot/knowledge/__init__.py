"""The knowledge base: typed models and the YAML loader."""

from bot.knowledge.loader import KnowledgeError, default_knowledge_dir, load_knowledge
from bot.knowledge.models import Knowledge

__all__ = ["Knowledge", "KnowledgeError", "default_knowledge_dir", "load_knowledge"]
