"""Models of this domain arrive with its issue; the app is in place so the layout is fixed."""
