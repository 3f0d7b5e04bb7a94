"""Browser-test harness (filled in by the site-shell work)."""
