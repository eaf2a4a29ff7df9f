"""Posts, boards, pictures, likes and search."""
