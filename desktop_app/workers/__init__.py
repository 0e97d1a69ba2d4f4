"""The only place threads are created: the reply worker and the task runner."""
