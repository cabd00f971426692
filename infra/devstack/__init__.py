"""The local platform: moto_server, bootstrap, seed, one HTTP gateway and the event runner."""
