"""The Qt interface: thin screens that call services through the background runner."""
