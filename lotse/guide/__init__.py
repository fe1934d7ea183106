"""Layer 2, guide: from answers to a path through the flow, and from the path to a result."""
