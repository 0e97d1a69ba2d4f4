"""A desktop assistant for the OpenAI API and OpenAI-compatible servers."""

__version__ = "0.1.0"
