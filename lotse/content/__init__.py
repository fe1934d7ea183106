"""Layer 1, content: reading and validating the YAML files into typed, compiled content.

Knows nothing about walking the flow or building results (that is `lotse.guide`).
"""
