"""The admin console's own routes (the dashboard), which gather figures from several domain
services; each domain's admin actions stay beside their domain."""
