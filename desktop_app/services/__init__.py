"""I/O adapters, Qt-free: the OpenAI SDK (llm), settings file, credential store."""
