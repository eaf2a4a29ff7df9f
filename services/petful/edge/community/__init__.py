"""Community routes: boards, posts, comments, likes and search (`/api/v1/community/…`)."""
