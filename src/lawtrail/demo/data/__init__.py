"""Word lists for the demo generator: names, places, incident scenarios. Synthetic; any likeness is chance."""
