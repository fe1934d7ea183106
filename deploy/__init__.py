"""Running Lotse in production: the supervisor behind `make serve`, the nginx template, the container."""
