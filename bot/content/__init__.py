"""The knowledge base: config/*.yaml loaded into immutable, validated domain models."""

from bot.content.loader import ContentError, check_content, load_content
from bot.domain.knowledge import Content

__all__ = ["Content", "ContentError", "check_content", "load_content"]
