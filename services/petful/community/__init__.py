"""The `community` service: boards, posts, comments, likes and reports."""
