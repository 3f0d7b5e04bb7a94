"""Gas-connection campaigns (燃气开通): models."""

__all__: list[str] = []
