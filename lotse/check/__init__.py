"""Layer 5, check: the one content check that the CLI, `make run` and the app call, and its reports."""
