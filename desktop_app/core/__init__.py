"""Pure domain: conversations, request building, capabilities, tokens, errors. No Qt, no openai."""
