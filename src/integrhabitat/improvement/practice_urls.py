"""The network's library of best practices: read and written from a center, curated from the network."""

app_name = "practices"
center_patterns: list = []
network_patterns: list = []
