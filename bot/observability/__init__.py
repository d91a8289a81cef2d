"""What an operator watches: Prometheus metrics, the health check and JSON log lines."""
