"""GUI-thread QObjects that own state and start workers; no widgets."""
