"""Gas-connection campaigns (燃气开通): admin."""
