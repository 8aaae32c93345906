"""Browser tests: the built site in the system Chromium, driven by Playwright (see conftest.py)."""
