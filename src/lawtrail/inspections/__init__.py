"""Daily incident review by the duty leader and the legal brigade's body-camera sampling."""
