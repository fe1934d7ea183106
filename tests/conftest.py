"""Shared test setup. Streamlit scans every installed package's metadata on each new AppTest run;
caching that scan once per process makes AppTest runs ~10x faster (see research tech-spike, pitfall 8)."""

from __future__ import annotations

import functools

try:
    import streamlit.components.v2.manifest_scanner as _manifest_scanner

    _manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=None)(
        _manifest_scanner.scan_component_manifests
    )
except (ImportError, AttributeError):  # a newer Streamlit without the scanner: nothing to speed up
    pass
